import { describe, expect, it } from 'vitest';
import { defaultMachineConfig, memoryRange } from './config';
import { requireStarts, resolveStarts } from './layout';
import { CartiError } from './errors';

const MiB = 1n << 20n;

describe('resolveStarts', () => {
  it('places drives then NVRAMs with v0.21 automatic placement', () => {
    const config = defaultMachineConfig();
    config.flash_drive = [memoryRange({ length: 4n * MiB }), memoryRange({ length: 1n * MiB }), memoryRange({ start: 0x90000000n, length: 4n * MiB })];
    config.nvram = [memoryRange({ length: 4096n })];
    const { flashDrives, nvrams } = resolveStarts(config);
    expect(flashDrives.map((d) => d.start)).toEqual([0x88000000n, 0x88400000n, 0x90000000n]);
    expect(nvrams.map((d) => d.start)).toEqual([0x88500000n]);
  });

  it('leaves automatic ranges after one of unknown length unplaced, but keeps explicit starts', () => {
    const config = defaultMachineConfig();
    config.flash_drive = [memoryRange({ length: 4n * MiB }), memoryRange({}), memoryRange({ start: 0x90000000n }), memoryRange({ length: 4096n })];
    expect(resolveStarts(config).flashDrives.map((d) => d.start)).toEqual([0x88000000n, undefined, 0x90000000n, undefined]);
  });
});

describe('requireStarts', () => {
  it('throws a start-unknown CartiError naming the first unplaceable range', () => {
    const config = defaultMachineConfig();
    config.flash_drive = [memoryRange({})];
    expect(() => requireStarts(config, 'test')).toThrowError(CartiError);
    expect(() => requireStarts(config, 'test')).toThrowError(/^test: flash_drive\[0\]\.start: /);
  });
});
