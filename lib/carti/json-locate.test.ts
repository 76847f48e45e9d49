import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-locate';

describe('jsonErrorOffset', () => {
  it('returns undefined for valid JSON', () => {
    expect(jsonErrorOffset('{"a": [1, -2.5e3, true, null, "x\\u00e9"]}')).toBeUndefined();
  });

  it('points at a stray comma', () => {
    expect(jsonErrorOffset('{"a": [,]}')).toBe(7);
  });

  it('points at trailing garbage', () => {
    expect(jsonErrorOffset('{} x')).toBe(3);
  });

  it('points at the end of an unterminated string', () => {
    expect(jsonErrorOffset('"abc')).toBe(4);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['[1,]', '{"a":1,}', '01', '"\t"', '[1 2]', '{"a" 1}', '  [ ]  ']) {
      let valid = true;
      try { JSON.parse(text); } catch { valid = false; }
      expect(jsonErrorOffset(text) === undefined, text).toBe(valid);
    }
  });
});
