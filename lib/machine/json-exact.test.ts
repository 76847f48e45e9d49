import { describe, expect, it } from 'vitest';
import { parseExact, stringifyExact } from './json-exact';
import { CartiError } from './errors';

describe('stringifyExact', () => {
  it('writes bigints above 2^53 exactly', () => {
    expect(stringifyExact({ a: 18446744073709551615n })).toBe('{\n  "a": 18446744073709551615\n}');
  });

  it('leaves undefined members out and writes empty containers compactly', () => {
    expect(stringifyExact({ a: undefined, b: [], c: {} })).toBe('{\n  "b": [],\n  "c": {}\n}');
  });

  it('escapes strings as JSON and produces text JSON.parse accepts', () => {
    const text = stringifyExact({ s: 'a"b\\c\n\u0001', list: [true, false, null, 1n] });
    expect(JSON.parse(text)).toEqual({ s: 'a"b\\c\n\u0001', list: [true, false, null, 1] });
  });
});

describe('parseExact', () => {
  it('reads integers above 2^53 exactly', () => {
    expect(parseExact('{"x": 18446744073709551615, "y": -1}', 't')).toEqual({ x: 18446744073709551615n, y: -1n });
  });

  it('accepts floats with integral values, as v0.21 does', () => {
    expect(parseExact('[1.0, 4e3, 2.50e1, 0.0]', 't')).toEqual([1n, 4000n, 25n, 0n]);
  });

  it('rejects a non-integer with its JSON path', () => {
    try {
      parseExact('{"ram": {"length": 1.5}}', 'config.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CartiError);
      expect((error as CartiError).code).toBe('non-integer');
      expect((error as CartiError).message).toBe('config.json: $.ram.length: 1.5 is not an integer');
    }
  });

  it('rejects 1e-3 and absurd exponents', () => {
    expect(() => parseExact('1e-3', 't')).toThrowError(/not an integer/);
    expect(() => parseExact('1e999999', 't')).toThrowError(/out of range/);
  });

  it('reports malformed JSON with a byte offset', () => {
    expect(() => parseExact('{"a": tru}', 't')).toThrowError(/^t: byte offset 6: /);
    expect(() => parseExact('[1, 2', 't')).toThrowError(CartiError);
    expect(() => parseExact('{} x', 't')).toThrowError(/unexpected text after/);
    expect(() => parseExact('"abc', 't')).toThrowError(/unterminated string/);
  });

  it('decodes string escapes', () => {
    expect(parseExact('"a\\"b\\u00e9\\n"', 't')).toBe('a"bé\n');
  });

  it('round-trips what stringifyExact writes', () => {
    const value = { a: [1n, (1n << 63n) + 5n], b: { c: 'x', d: true } };
    expect(parseExact(stringifyExact(value), 't')).toEqual(value);
  });
});
