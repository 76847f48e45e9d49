import { describe, expect, it } from 'vitest';
import { bestUnit, formatInUnit, formatSize, parseSize } from './units';

describe('parseSize', () => {
  it('multiplies a whole number by the unit', () => {
    expect(parseSize('64', 'MiB')).toBe(64n << 20n);
  });
  it('accepts a fraction that names whole bytes', () => {
    expect(parseSize('1.5', 'GiB')).toBe(3n << 29n);
  });
  it('rejects a fraction that does not name whole bytes', () => {
    expect(parseSize('0.0001', 'KiB')).toBeUndefined();
  });
  it('rejects text that is not a number', () => {
    expect(parseSize('12abc', 'MiB')).toBeUndefined();
    expect(parseSize('-1', 'MiB')).toBeUndefined();
  });
});

describe('formatting', () => {
  it('picks the largest unit that divides the size', () => {
    expect(bestUnit(2n << 30n)).toBe('GiB');
    expect(bestUnit(12n << 20n)).toBe('MiB');
    expect(bestUnit(4096n)).toBe('KiB');
  });
  it('writes a size exactly in a unit', () => {
    expect(formatInUnit(3n << 29n, 'GiB')).toBe('1.5');
    expect(formatInUnit(128n << 20n, 'MiB')).toBe('128');
  });
  it('writes a human size with its unit', () => {
    expect(formatSize(44n)).toBe('44 B');
    expect(formatSize(12n << 20n)).toBe('12 MiB');
  });
});
