import { describe, expect, it } from 'vitest';
import {
  adjustStarts,
  alignUp,
  bitCeil,
  cartiNextFlashStart,
  dtbEraFlashStart,
  romEraFlashStart,
} from './placement';
import { CartiError } from './errors';

const MiB = 1n << 20n;
const KiB = 1n << 10n;

describe('bitCeil', () => {
  it('returns 1 for 0 and 1, like std::bit_ceil', () => {
    expect(bitCeil(0n)).toBe(1n);
    expect(bitCeil(1n)).toBe(1n);
  });
  it('keeps powers of two and rounds others up', () => {
    expect(bitCeil(4096n)).toBe(4096n);
    expect(bitCeil(4097n)).toBe(8192n);
    expect(bitCeil(3n * MiB)).toBe(4n * MiB);
  });
  it('is exact above 2^53', () => {
    expect(bitCeil((1n << 60n) + 1n)).toBe(1n << 61n);
  });
});

describe('alignUp', () => {
  it('rounds up to the alignment and keeps aligned values', () => {
    expect(alignUp(0x88000001n, 0x400000n)).toBe(0x88400000n);
    expect(alignUp(0x88400000n, 0x400000n)).toBe(0x88400000n);
  });
});

describe('adjustStarts (v0.21, §8)', () => {
  it('places a 4 MiB root and a 1 MiB data drive after 128 MiB RAM as observed on v0.21.0', () => {
    const result = adjustStarts({
      ramLength: 128n * MiB,
      flashDrives: [{ length: 4n * MiB }, { length: 1n * MiB }],
    });
    expect(result.flashDriveStarts).toEqual([0x88000000n, 0x88400000n]);
  });

  it('puts an automatic 4 KiB NVRAM at 0x88500000 after a third drive with explicit start 0x90000000', () => {
    const result = adjustStarts({
      ramLength: 128n * MiB,
      flashDrives: [{ length: 4n * MiB }, { length: 1n * MiB }, { start: 0x90000000n, length: 4n * MiB }],
      nvrams: [{ length: 4n * KiB }],
    });
    expect(result.flashDriveStarts).toEqual([0x88000000n, 0x88400000n, 0x90000000n]);
    expect(result.nvramStarts).toEqual([0x88500000n]);
  });

  it('lands an automatic drive on an explicit one, as the emulator does before rejecting the overlap', () => {
    const result = adjustStarts({
      ramLength: 128n * MiB,
      flashDrives: [{ start: 0x88000000n, length: 4n * MiB }, { length: 4n * MiB }],
    });
    expect(result.flashDriveStarts).toEqual([0x88000000n, 0x88000000n]);
  });

  it('aligns each drive to its own rounded length', () => {
    const result = adjustStarts({
      ramLength: 128n * MiB,
      flashDrives: [{ length: 1n * MiB }, { length: 3n * MiB }],
    });
    // 3 MiB rounds to 4 MiB: the candidate 0x88100000 is aligned up to 0x88400000.
    expect(result.flashDriveStarts).toEqual([0x88000000n, 0x88400000n]);
  });

  it('starts the candidate at RAM rounded up to a power of two', () => {
    const result = adjustStarts({ ramLength: 100n * MiB, flashDrives: [{ length: 4n * KiB }] });
    expect(result.flashDriveStarts).toEqual([0x88000000n]);
  });
});

describe('earlier eras', () => {
  it('v0.12–v0.19 default starts are 2^55 + i·2^52', () => {
    expect(dtbEraFlashStart(0)).toBe(0x80000000000000n);
    expect(dtbEraFlashStart(1)).toBe(0x90000000000000n);
  });
  it('ROM-era emulator default starts are 2^63 + i·2^60', () => {
    expect(romEraFlashStart(0)).toBe(0x8000000000000000n);
    expect(romEraFlashStart(2)).toBe(0xa000000000000000n);
  });
  it('rejects a negative or fractional drive index', () => {
    expect(() => dtbEraFlashStart(-1)).toThrow(RangeError);
    expect(() => romEraFlashStart(0.5)).toThrow(RangeError);
  });
});

describe('cartiNextFlashStart (carti 1.7, carti-formats.md §5)', () => {
  it('starts at 2^63 when the package has no drive', () => {
    expect(cartiNextFlashStart([])).toBe(0x8000000000000000n);
  });
  it('goes 2^60 past the largest start even when a lower start is free', () => {
    expect(cartiNextFlashStart([0x9000000000000000n, 0x8000000000000000n])).toBe(0xa000000000000000n);
  });
  it('throws a placement-overflow error past 2^64 - 1', () => {
    try {
      cartiNextFlashStart([0xf000000000000000n]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CartiError);
      expect((error as CartiError).code).toBe('placement-overflow');
    }
  });
});
