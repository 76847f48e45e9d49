// Host-side types of the emulator: what a machine is made of and why a run stops.
// The core (emulator-wasm/assembly) follows Cartesi Machine v0.21 (spec/cartesi-machine.md).

/** One pmem flash drive (cartesi-machine.md §8). Bytes beyond `data` up to `length` read as zero. */
export interface FlashDriveSpec {
  label?: string;
  start: bigint;
  length: bigint;
  /** Initial contents (the drive image). Shorter than `length`: zero-padded. */
  data?: Uint8Array;
  readOnly?: boolean;
  /** Host wants the contents back after the run (an output drive). Informational in the core. */
  shared?: boolean;
}

export interface MachineSpec {
  /** RAM length in bytes (default 128 MiB, as cartesi-machine). */
  ramLength: bigint;
  /** Image copied to 0x80000000 (firmware + kernel). */
  ramImage?: Uint8Array;
  /** Device tree blob written at 0x7ff00000 (lib/machine builds it). */
  dtb?: Uint8Array;
  flashDrives: FlashDriveSpec[];
  /** Unreproducible/interactive: HTIF console getchar enabled (iconsole = 3) and WFI may wait. */
  interactive?: boolean;
  /** HTIF yield enable bits (cartesi-machine.md §9.1); default manual + automatic (3). */
  iyield?: number;
  /** Initial register overrides, e.g. for tests: pc, x[i]. */
  pc?: bigint;
}

export type BreakReason =
  | { kind: 'halted'; exitCode: number }
  | { kind: 'yielded'; manual: boolean; reason: number; data: number }
  | { kind: 'console-input' } // guest asked for input and the host buffer is empty
  | { kind: 'console-output' } // output buffer full: drain it and call run again
  | { kind: 'idle'; wakeMcycle: bigint } // interactive WFI with nothing pending: host may wait
  | { kind: 'max-mcycle' };
