import { describe, expect, it } from 'vitest';
import * as c from './constants';

describe('v0.21 constants', () => {
  it('derive the device-tree timebase from the RTC divisor (15625 Hz)', () => {
    expect(c.TIMEBASE_FREQUENCY).toBe(15625);
    expect(c.RTC_FREQ_DIV).toBe(8192n);
  });

  it('spell mvendorid as ASCII "cartesi "', () => {
    const bytes = Array.from({ length: 8 }, (_, i) => Number((c.MVENDORID >> BigInt(56 - 8 * i)) & 0xffn));
    expect(String.fromCharCode(...bytes)).toBe('cartesi ');
  });

  it('give misa the letters acdfimsu and MXL 2, matching the ISA string', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyz'].filter((_, bit) => (c.MISA >> BigInt(bit)) & 1n).join('');
    expect(`rv64${letters}`).toBe(c.ISA_STRING);
    expect(c.MISA >> 62n).toBe(2n);
  });

  it('accept labels of 1 to 31 lower-case letters, digits or "-" starting with a letter', () => {
    expect(c.LABEL_PATTERN.test('a')).toBe(true);
    expect(c.LABEL_PATTERN.test('root-2')).toBe(true);
    expect(c.LABEL_PATTERN.test('a'.repeat(32))).toBe(false);
    expect(c.LABEL_PATTERN.test('-a')).toBe(false);
  });

  it('put the DTB right below RAM and the 512 KiB fw_resv at RAM start', () => {
    expect(c.DTB_START + c.DTB_LENGTH).toBe(c.RAM_START);
    expect(c.FW_RESV_LENGTH).toBe(0x80000n);
  });
});
