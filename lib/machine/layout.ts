/**
 * Where every flash drive and NVRAM of a config ends up: explicit starts as given, the others placed by
 * v0.21's `adjustStarts` (cartesi-machine.md §8).
 */
import type { MachineConfig, MemoryRangeConfig } from './config';
import { CartiError } from './errors';
import { adjustStarts, type PlacementRequest } from './placement';

export type RangeKind = 'flash_drive' | 'nvram';

export interface PlacedRange {
  kind: RangeKind;
  index: number;
  /** undefined when an automatic start cannot be computed yet (an earlier automatic range has no length). */
  start: bigint | undefined;
  length: bigint | undefined;
}

/**
 * Starts of all ranges. A range whose length is unknown (taken from its file later) cannot be placed, and
 * neither can the automatic ranges after it, since the candidate address depends on it: those get
 * `start: undefined`.
 */
export function resolveStarts(config: MachineConfig): { flashDrives: PlacedRange[]; nvrams: PlacedRange[] } {
  const all: { kind: RangeKind; index: number; range: MemoryRangeConfig }[] = [
    ...config.flash_drive.map((range, index) => ({ kind: 'flash_drive' as const, index, range })),
    ...config.nvram.map((range, index) => ({ kind: 'nvram' as const, index, range })),
  ];
  // The first automatic range without a length stops automatic placement for everything after it.
  const blocked = all.findIndex(({ range }) => range.start === undefined && range.length === undefined);
  const placeable = (position: number): boolean => blocked < 0 || position < blocked;
  const request = (entry: (typeof all)[number], position: number): PlacementRequest =>
    entry.range.start !== undefined || !placeable(position)
      ? { start: entry.range.start ?? 0n, length: entry.range.length ?? 0n }
      : { length: entry.range.length as bigint };
  const driveCount = config.flash_drive.length;
  const placed = adjustStarts({
    ramLength: config.ram.length,
    flashDrives: all.slice(0, driveCount).map((entry, i) => request(entry, i)),
    nvrams: all.slice(driveCount).map((entry, i) => request(entry, driveCount + i)),
  });
  const starts = [...placed.flashDriveStarts, ...placed.nvramStarts];
  const result = all.map(({ kind, index, range }, position): PlacedRange => ({
    kind,
    index,
    start: range.start ?? (placeable(position) ? starts[position] : undefined),
    length: range.length,
  }));
  return { flashDrives: result.slice(0, driveCount), nvrams: result.slice(driveCount) };
}

/** Like `resolveStarts`, but every range must be placed (for building a device tree or a JSON config). */
export function requireStarts(config: MachineConfig, input: string): { flashDrives: bigint[]; nvrams: bigint[] } {
  const { flashDrives, nvrams } = resolveStarts(config);
  const need = (ranges: PlacedRange[]): bigint[] =>
    ranges.map((range) => {
      if (range.start === undefined) {
        throw new CartiError(
          'start-unknown',
          input,
          `${range.kind}[${range.index}].start`,
          'cannot place this range automatically: its length, or the length of an earlier automatic range, is not known',
        );
      }
      return range.start;
    });
  return { flashDrives: need(flashDrives), nvrams: need(nvrams) };
}
