import { describe, expect, it } from 'vitest';
import { CartiError } from './errors';
import { formatHex, parseHexNumber } from './hex';

describe('HexNumber', () => {
  it('parses mixed-case hex to bigint', () => {
    expect(parseHexNumber('0x8000000000000000')).toBe(1n << 63n);
    expect(parseHexNumber('0xAbC')).toBe(0xabcn);
  });

  it('accepts 2^64 - 1 and rejects 2^64', () => {
    expect(parseHexNumber('0xffffffffffffffff')).toBe((1n << 64n) - 1n);
    expect((parseHexNumber('0x10000000000000000') as CartiError).code).toBe('hex-overflow');
  });

  it('rejects decimal strings, a missing prefix and bad digits', () => {
    for (const text of ['4096', '0x', '0xg1', '0X10', ' 0x10']) expect(parseHexNumber(text)).toBeInstanceOf(CartiError);
  });

  it('rejects JSON numbers as the wrong type', () => {
    expect((parseHexNumber(4096, 'pkg', 'machineConfig.ram.length') as CartiError).message).toBe(
      'pkg: machineConfig.ram.length: expected a HexNumber string such as "0x4000000", got a number',
    );
  });

  it('formats lower-case without padding', () => {
    expect(formatHex(0x4000000n)).toBe('0x4000000');
    expect(formatHex(0n)).toBe('0x0');
  });
});
