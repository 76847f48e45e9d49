/**
 * Every problem of a machine config at once (cartesi-machine.md §8, §9.1, §12.2), as typed `CartiError`s
 * with a JSON path. Rules the emulator enforces are `error`s; Linux pmem's 2 MiB rule, which only matters
 * to the guest kernel, is a `warning`.
 */
import type { MachineConfig, MemoryRangeConfig } from './config';
import { CartiError } from './errors';
import { bitCeil } from './placement';
import { resolveStarts, type PlacedRange } from './layout';
import {
  ADDRESSABLE_LIMIT,
  CLINT_LENGTH,
  CLINT_START,
  CMIO_RX_BUFFER_LENGTH,
  CMIO_RX_BUFFER_START,
  CMIO_TX_BUFFER_LENGTH,
  CMIO_TX_BUFFER_START,
  DTB_LENGTH,
  DTB_START,
  HTIF_CONSOLE_GETCHAR_MASK,
  HTIF_LENGTH,
  HTIF_START,
  LABEL_PATTERN,
  MAX_BOOTARGS_LENGTH,
  MAX_FLASH_DRIVES,
  MAX_NVRAMS,
  MAX_RAM_LENGTH,
  PAGE_SIZE,
  PLIC_LENGTH,
  PLIC_START,
  PMA_ARRAY_LENGTH,
  PMA_ARRAY_START,
  PMEM_ALIGNMENT,
  PMEM_END_LIMIT,
  RAM_START,
  SHADOW_STATE_LENGTH,
  SHADOW_STATE_START,
  UARCH_RAM_LENGTH,
  UARCH_RAM_START,
  UARCH_SHADOW_LENGTH,
  UARCH_SHADOW_START,
  UINT64_MAX,
} from './constants';

export type ValidationIssue = CartiError;

const INPUT = 'machine config';

interface NamedRange {
  name: string;
  start: bigint;
  /** Length rounded up to a power of two: ranges must not overlap even after rounding (§8). */
  roundedLength: bigint;
  path?: string;
}

/** The fixed ranges of §7.1 that flash drives and NVRAMs must avoid. */
function fixedRanges(ramLength: bigint): NamedRange[] {
  const fixed: [string, bigint, bigint][] = [
    ['the shadow state', SHADOW_STATE_START, SHADOW_STATE_LENGTH],
    ['the PMA array', PMA_ARRAY_START, PMA_ARRAY_LENGTH],
    ['the uarch shadow', UARCH_SHADOW_START, UARCH_SHADOW_LENGTH],
    ['the uarch RAM', UARCH_RAM_START, UARCH_RAM_LENGTH],
    ['the CLINT', CLINT_START, CLINT_LENGTH],
    ['the HTIF', HTIF_START, HTIF_LENGTH],
    ['the PLIC', PLIC_START, PLIC_LENGTH],
    ['the CMIO RX buffer', CMIO_RX_BUFFER_START, CMIO_RX_BUFFER_LENGTH],
    ['the CMIO TX buffer', CMIO_TX_BUFFER_START, CMIO_TX_BUFFER_LENGTH],
    ['the DTB', DTB_START, DTB_LENGTH],
    ['RAM', RAM_START, ramLength],
  ];
  return fixed.map(([name, start, length]) => ({ name, start, roundedLength: bitCeil(length) }));
}

const hex = (value: bigint): string => `0x${value.toString(16)}`;
const rangeName = (range: PlacedRange): string =>
  `${range.kind === 'flash_drive' ? 'flash drive' : 'NVRAM'} ${range.index}`;

export function validateMachineConfig(config: MachineConfig): CartiError[] {
  const issues: CartiError[] = [];
  const report = (code: string, path: string, reason: string, severity: 'error' | 'warning' = 'error'): void => {
    issues.push(new CartiError(code, INPUT, path, reason, severity));
  };

  checkUint64Fields(config, report);
  checkRam(config, report);
  checkBootargs(config, report);
  checkHtif(config, report);

  if (config.flash_drive.length > MAX_FLASH_DRIVES) {
    report('too-many-drives', 'flash_drive', `${config.flash_drive.length} flash drives; at most ${MAX_FLASH_DRIVES} are allowed`);
  }
  if (config.nvram.length > MAX_NVRAMS) {
    report('too-many-drives', 'nvram', `${config.nvram.length} NVRAMs; at most ${MAX_NVRAMS} are allowed`);
  }
  checkLabels(config, report);

  // Placement needs sane numbers (bit_ceil of a negative length is meaningless); those are reported above.
  if (issues.some((issue) => issue.code === 'not-uint64')) return issues;
  const { flashDrives, nvrams } = resolveStarts(config);
  const placed = [...flashDrives, ...nvrams];
  for (const range of placed) checkRangeAlone(range, rangeConfig(config, range), report);
  checkOverlaps(config, placed, report);
  return issues;
}

type Report = (code: string, path: string, reason: string, severity?: 'error' | 'warning') => void;

function rangeConfig(config: MachineConfig, range: PlacedRange): MemoryRangeConfig {
  return range.kind === 'flash_drive' ? config.flash_drive[range.index] : config.nvram[range.index];
}

function checkUint64Fields(config: MachineConfig, report: Report): void {
  const check = (path: string, value: bigint | undefined): void => {
    if (value !== undefined && (value < 0n || value > UINT64_MAX)) {
      report('not-uint64', path, `${value} is not an unsigned 64-bit value`);
    }
  };
  check('ram.length', config.ram.length);
  config.flash_drive.forEach((d, i) => { check(`flash_drive[${i}].start`, d.start); check(`flash_drive[${i}].length`, d.length); });
  config.nvram.forEach((d, i) => { check(`nvram[${i}].start`, d.start); check(`nvram[${i}].length`, d.length); });
  for (const [name, value] of Object.entries(config.processor?.registers ?? {})) {
    check(`processor.registers.${name}`, value);
  }
  check('processor.registers.htif.ihalt', config.htif.ihalt);
  check('processor.registers.htif.iconsole', config.htif.iconsole);
  check('processor.registers.htif.iyield', config.htif.iyield);
}

function checkRam(config: MachineConfig, report: Report): void {
  const { length } = config.ram;
  if (length < 0n || length > UINT64_MAX) return; // reported as not-uint64
  if (length === 0n) report('length-zero', 'ram.length', 'RAM length is 0');
  if (length % PAGE_SIZE !== 0n) report('not-page-aligned', 'ram.length', `${hex(length)} is not a multiple of 4 KiB`);
  if (length > MAX_RAM_LENGTH) {
    report('ram-too-large', 'ram.length', `${hex(length)} is above 2 GiB (RAM at 0x80000000 must be aligned to its rounded length)`);
  }
}

function checkBootargs(config: MachineConfig, report: Report): void {
  const length = config.dtb.bootargs.length;
  if (length > MAX_BOOTARGS_LENGTH) {
    report('bootargs-too-long', 'dtb.bootargs', `${length} characters; at most ${MAX_BOOTARGS_LENGTH} are allowed`);
  }
}

function checkHtif(config: MachineConfig, report: Report): void {
  const getchar = (config.htif.iconsole & HTIF_CONSOLE_GETCHAR_MASK) !== 0n;
  const unreproducible = (config.processor?.registers.iunrep ?? 0n) !== 0n;
  if (getchar && !unreproducible) {
    // machine::init_console: "TTY stdin is only supported in unreproducible machines" (§9.1)
    report('getchar-needs-unreproducible', 'processor.registers.htif.iconsole',
      'console getchar is enabled but the machine is reproducible (set processor.registers.iunrep to 1)');
  }
}

function checkLabels(config: MachineConfig, report: Report): void {
  // Labels and the automatic names flashdrive<N>/nvram<N> are all property names of /aliases (§12.2).
  const taken = new Map<string, string>();
  config.flash_drive.forEach((_, i) => taken.set(`flashdrive${i}`, `flash_drive[${i}]`));
  config.nvram.forEach((_, i) => taken.set(`nvram${i}`, `nvram[${i}]`));
  const ranges = [
    ...config.flash_drive.map((range, i) => ({ range, path: `flash_drive[${i}]` })),
    ...config.nvram.map((range, i) => ({ range, path: `nvram[${i}]` })),
  ];
  for (const { range, path } of ranges) {
    const label = range.label;
    if (label === undefined) continue;
    if (!LABEL_PATTERN.test(label)) {
      report('bad-label', `${path}.label`,
        `label ${JSON.stringify(label)} must be 1 to 31 lower-case letters, digits or '-', starting with a letter`);
      continue;
    }
    const owner = taken.get(label);
    if (owner !== undefined && owner !== path) {
      report('duplicate-label', `${path}.label`, `label ${JSON.stringify(label)} is already used by ${owner}`);
    } else {
      taken.set(label, path);
    }
  }
}

function checkRangeAlone(range: PlacedRange, config: MemoryRangeConfig, report: Report): void {
  const path = `${range.kind}[${range.index}]`;
  const { start, length } = range;
  if (length === 0n) report('length-zero', `${path}.length`, 'length is 0');
  if (length !== undefined && length % PAGE_SIZE !== 0n) {
    report('not-page-aligned', `${path}.length`, `${hex(length)} is not a multiple of 4 KiB`);
  }
  if (start === undefined) {
    if (config.start === undefined) {
      report('start-unknown', `${path}.start`,
        'automatic start cannot be checked until this length (or an earlier automatic one) is known', 'warning');
    }
    return;
  }
  const startPath = `${path}.start`;
  if (start % PAGE_SIZE !== 0n) report('not-page-aligned', startPath, `${hex(start)} is not a multiple of 4 KiB`);
  if (length === undefined || length === 0n) return;
  const rounded = bitCeil(length);
  if (start % rounded !== 0n) {
    report('misaligned-start', startPath,
      `${hex(start)} is not aligned to the length rounded up to a power of two (${hex(rounded)})`);
  }
  if (start + length > ADDRESSABLE_LIMIT) {
    report('beyond-addressable', startPath, `range ${hex(start)}+${hex(length)} goes beyond 2^56`);
  }
  if (range.kind === 'flash_drive') {
    // Linux pmem driver rule (§8, carti-formats.md §9): not enforced by the emulator.
    if (start % PMEM_ALIGNMENT !== 0n || length % PMEM_ALIGNMENT !== 0n) {
      report('pmem-alignment', path, 'Linux pmem needs start and length in multiples of 2 MiB', 'warning');
    }
    if (start + length > PMEM_END_LIMIT) {
      report('pmem-end', path, 'Linux pmem needs the drive to end below 0x80000000 + 64 TiB', 'warning');
    }
  }
}

function checkOverlaps(config: MachineConfig, placed: PlacedRange[], report: Report): void {
  const fixed = fixedRanges(config.ram.length);
  const seen: NamedRange[] = [];
  for (const range of placed) {
    if (range.start === undefined || range.length === undefined || range.length === 0n) continue;
    const current: NamedRange = {
      name: rangeName(range),
      start: range.start,
      roundedLength: bitCeil(range.length),
      path: `${range.kind}[${range.index}].start`,
    };
    for (const other of [...fixed, ...seen]) {
      if (current.start < other.start + other.roundedLength && other.start < current.start + current.roundedLength) {
        report('overlap', current.path as string,
          `${current.name} at ${hex(current.start)} (${hex(current.roundedLength)} after rounding) overlaps ${other.name} at ${hex(other.start)}`);
      }
    }
    seen.push(current);
  }
}
