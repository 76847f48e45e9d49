/**
 * Automatic flash-drive placement, for each emulator era (cartesi-machine.md §8, §20, §21;
 * carti-formats.md §5).
 *
 * Exported API (used by lib/carti for package operations):
 * - `bitCeil(n)`: smallest power of two ≥ n (C++ `std::bit_ceil`; bitCeil(0) = 1).
 * - `alignUp(value, alignment)`: value rounded up to a multiple of a power-of-two alignment.
 * - `adjustStarts({ ramLength, flashDrives, nvrams })`: v0.20–v0.21 placement; returns the start of every
 *   drive and NVRAM (explicit starts returned unchanged, automatic ones computed). Overlaps with explicit
 *   starts are NOT detected here, exactly like the emulator: `validateMachineConfig` reports them.
 * - `dtbEraFlashStart(index)`: v0.12–v0.19 default start `2^55 + index·2^52`.
 * - `romEraFlashStart(index)`: ROM-era emulator (v0.5–v0.11) default start `2^63 + index·2^60`.
 * - `cartiNextFlashStart(existingStarts)`: carti 1.7's `machine add flash` rule: `2^63` when there is no
 *   drive, otherwise `max(existingStarts) + 2^60` (after the largest start even if lower ones are free).
 * All addresses and lengths are `bigint`.
 */
import { CartiError } from './errors';
import { RAM_START } from './constants';

/** A range to place: `start` undefined means "place automatically". */
export interface PlacementRequest {
  readonly start?: bigint;
  readonly length: bigint;
}

export interface PlacementInput {
  readonly ramLength: bigint;
  readonly flashDrives: readonly PlacementRequest[];
  readonly nvrams?: readonly PlacementRequest[];
}

export interface PlacementResult {
  readonly flashDriveStarts: bigint[];
  readonly nvramStarts: bigint[];
}

const UINT64_MAX = (1n << 64n) - 1n;

/** Smallest power of two ≥ n, as C++20 `std::bit_ceil` (which returns 1 for 0 and 1). */
export function bitCeil(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`bitCeil of a negative value ${n}`);
  if (n <= 1n) return 1n;
  return 1n << BigInt((n - 1n).toString(2).length);
}

/** `value` rounded up to a multiple of `alignment` (a power of two). */
export function alignUp(value: bigint, alignment: bigint): bigint {
  return (value + alignment - 1n) & ~(alignment - 1n);
}

/**
 * v0.20+ `adjust_starts` (§8): the candidate starts right after RAM rounded up to a power of two; each
 * automatic range goes at the candidate aligned to bit_ceil(its length) and the candidate moves past the
 * rounded range. NVRAMs continue from where the drives left the candidate. Explicit starts are skipped.
 */
export function adjustStarts(input: PlacementInput): PlacementResult {
  let candidate = RAM_START + bitCeil(input.ramLength);
  const place = (ranges: readonly PlacementRequest[]): bigint[] =>
    ranges.map((range) => {
      if (range.start !== undefined) return range.start;
      const rounded = bitCeil(range.length);
      const start = alignUp(candidate, rounded);
      candidate = start + rounded;
      return start;
    });
  const flashDriveStarts = place(input.flashDrives);
  const nvramStarts = place(input.nvrams ?? []);
  return { flashDriveStarts, nvramStarts };
}

/** v0.12–v0.19 emulator default start of drive `index` (§20, §21): `2^55 + index·2^52`. */
export function dtbEraFlashStart(index: number): bigint {
  checkIndex(index);
  return (1n << 55n) + BigInt(index) * (1n << 52n);
}

/** ROM-era emulator (v0.5–v0.11) default start of drive `index` (§21): `2^63 + index·2^60`. */
export function romEraFlashStart(index: number): bigint {
  checkIndex(index);
  return (1n << 63n) + BigInt(index) * (1n << 60n);
}

/**
 * carti 1.7 automatic start for a new drive (carti-formats.md §5): `2^63` for the first drive, then the
 * largest existing start + 2^60. Throws `placement-overflow` past 2^64 − 1 (the ninth drive after 0xf…).
 */
export function cartiNextFlashStart(existingStarts: readonly bigint[]): bigint {
  if (existingStarts.length === 0) return 1n << 63n;
  const largest = existingStarts.reduce((a, b) => (b > a ? b : a));
  const next = largest + (1n << 60n);
  if (next > UINT64_MAX) {
    throw new CartiError(
      'placement-overflow',
      'machine package',
      'machineConfig.flash_drive',
      `the next automatic start after 0x${largest.toString(16)} is beyond 2^64 - 1`,
    );
  }
  return next;
}

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`drive index ${index} is not a natural number`);
}
