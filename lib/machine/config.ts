/**
 * The machine model: a typed subset of the cartesi-machine v0.21 JSON configuration
 * (cartesi-machine.md §14), shared by the composer, the CLI and the emulator host.
 *
 * Differences from the raw JSON shape, each for a reason:
 * - `ram.image` is the RAM backing store's `data_filename` (the only field of it we use).
 * - `htif` sits at the top level (in the JSON it is `processor.registers.htif`), because the UI edits it as
 *   its own section; `toV021Json` puts it back.
 * - `start`/`length` may be omitted: an omitted start is placed automatically (§8, `adjustStarts`) and an
 *   omitted length is the backing file's size, as the CLI does.
 */
import {
  DEFAULT_BOOTARGS,
  DEFAULT_RAM_LENGTH,
  HTIF_ICONSOLE_DEFAULT,
  HTIF_IHALT_DEFAULT,
  HTIF_IYIELD_DEFAULT,
} from './constants';

export interface BackingStoreConfig {
  /** Host file holding the initial contents; '' means "start filled with zeros". */
  data_filename: string;
  /** Guest writes go back to the file. */
  shared: boolean;
  /** Allow a length different from the file size (the file is truncated or extended). */
  truncate: boolean;
  /** Create the file if it does not exist. */
  create?: boolean;
}

export interface MemoryRangeConfig {
  /** v0.21 label (§8); optional, the device tree then only has the automatic `flashdrive<N>`/`nvram<N>`. */
  label?: string;
  start?: bigint;
  length?: bigint;
  read_only: boolean;
  backing_store: BackingStoreConfig;
}

export type FlashDriveConfig = MemoryRangeConfig;
export type NvramConfig = MemoryRangeConfig;

export interface RamConfig {
  length: bigint;
  /** RAM image (`linux.bin`), '' for none. */
  image: string;
}

export interface DtbConfig {
  bootargs: string;
  /** Shell text sourced as root by cartesi-init (§12.4). */
  init: string;
  /** Shell text run as the user (default `dapp`) after init (§12.4). */
  entrypoint: string;
}

export interface HtifConfig {
  ihalt: bigint;
  /** Bit 0 GETCHAR, bit 1 PUTCHAR (§9.1). */
  iconsole: bigint;
  /** Bit 0 automatic, bit 1 manual (§9.1). */
  iyield: bigint;
}

/** Names of the 64-bit processor registers a config may override (§14 `processor.registers`). */
export const PROCESSOR_REGISTER_NAMES = [
  ...Array.from({ length: 32 }, (_, i) => `x${i}`),
  ...Array.from({ length: 32 }, (_, i) => `f${i}`),
  'pc', 'fcsr', 'mvendorid', 'marchid', 'mimpid', 'mcycle', 'icycleinstret', 'mstatus', 'mtvec', 'mscratch',
  'mepc', 'mcause', 'mtval', 'misa', 'mie', 'mip', 'medeleg', 'mideleg', 'mcounteren', 'menvcfg', 'stvec',
  'sscratch', 'sepc', 'scause', 'stval', 'satp', 'scounteren', 'senvcfg', 'ilrsc', 'iprv', 'iunrep', 'imcyclemax',
] as const;

export type ProcessorRegisterName = (typeof PROCESSOR_REGISTER_NAMES)[number];

export type ProcessorRegisterOverrides = Partial<Record<ProcessorRegisterName, bigint>>;

export interface MachineConfig {
  ram: RamConfig;
  dtb: DtbConfig;
  flash_drive: FlashDriveConfig[];
  nvram: NvramConfig[];
  htif: HtifConfig;
  /** Register values that differ from the reset values of §13 (unset ones keep them). */
  processor?: { registers: ProcessorRegisterOverrides };
}

/** The CLI's starting point: 128 MiB RAM, default bootargs, no drives, HTIF defaults (§13, §14, §15). */
export function defaultMachineConfig(): MachineConfig {
  return {
    ram: { length: DEFAULT_RAM_LENGTH, image: '' },
    dtb: { bootargs: DEFAULT_BOOTARGS, init: '', entrypoint: '' },
    flash_drive: [],
    nvram: [],
    htif: { ihalt: HTIF_IHALT_DEFAULT, iconsole: HTIF_ICONSOLE_DEFAULT, iyield: HTIF_IYIELD_DEFAULT },
  };
}

/** A flash drive or NVRAM backed by `data_filename`, with the CLI's defaults for everything else. */
export function memoryRange(fields: Partial<MemoryRangeConfig> & { data_filename?: string }): MemoryRangeConfig {
  const { data_filename, backing_store, ...rest } = fields;
  return {
    read_only: false,
    ...rest,
    backing_store: { data_filename: data_filename ?? '', shared: false, truncate: false, ...backing_store },
  };
}

export { validateMachineConfig } from './validate';
export type { ValidationIssue } from './validate';
export { toV021Json } from './v021-json';
