// Typed view of the wasm core's exports and the shadow offsets it shares with the host
// (emulator-wasm/assembly/layout.ts and cpu/constants.ts must agree with these numbers).

export interface CoreExports {
  memory: WebAssembly.Memory;
  setup(): number;
  allocRegion(length: bigint): number;
  addPma(start: bigint, length: bigint, flags: number, host: number): number;
  reset(interactive: number, iyield: number): void;
  run(mcycleEnd: bigint): number;
  /** Forgets pre-decoded instructions: call after the host writes into guest memory. */
  flushCodeCache(): void;
  shadowBase(): number;
  runInfoBase(): number;
  consoleOutBase(): number;
  consoleInBase(): number;
  consoleInCapacity(): number;
  tlbArchBase(): number;
}

/** Byte offsets of shadow registers (spec/cartesi-machine.md §7.2). */
export const SHADOW_OFFSETS: Record<string, number> = {
  mcycle: 0x100, pc: 0x108, fcsr: 0x110, iprv: 0x218, mstatus: 0x220, mtvec: 0x228, mscratch: 0x230,
  mepc: 0x238, mcause: 0x240, mtval: 0x248, misa: 0x250, mie: 0x258, mip: 0x260, medeleg: 0x268,
  mideleg: 0x270, mcounteren: 0x278, menvcfg: 0x280, mvendorid: 0x288, marchid: 0x290, mimpid: 0x298,
  stvec: 0x2a0, sscratch: 0x2a8, sepc: 0x2b0, scause: 0x2b8, stval: 0x2c0, satp: 0x2c8, scounteren: 0x2d0,
  senvcfg: 0x2d8, ilrsc: 0x2e0, icycleinstret: 0x2e8, iunrep: 0x2f0, imcyclemax: 0x2f8, iflags_X: 0x300,
  iflags_Y: 0x308, iflags_H: 0x310, clint_mtimecmp: 0x318, plic_girqpend: 0x320, plic_girqsrvd: 0x328,
  htif_tohost: 0x330, htif_fromhost: 0x338, htif_ihalt: 0x340, htif_iconsole: 0x348, htif_iyield: 0x350,
};

/** Offsets inside the run-info block (layout.ts RI_*). */
export const RUN_INFO = {
  haltPayload: 0x08, yieldCmd: 0x10, yieldReason: 0x18, yieldData: 0x20, consoleOutLen: 0x28,
  consoleInLen: 0x30, consoleInPos: 0x38, consoleInClosed: 0x40, wakeMcycle: 0x48,
} as const;

export const BREAK = {
  none: 0, maxMcycle: 1, halted: 2, yieldedManually: 3, yieldedAutomatically: 4, consoleOutput: 5,
  consoleInput: 6, idle: 7,
} as const;

/** PMA flag words of v0.21 (spec §7.3), low 12 bits of istart. */
export const PMA_FLAGS = {
  ram: 0x0fd, dtb: 0x0fd, flashDrive: 0x1ed, flashDriveReadOnly: 0x1a5, cmioTx: 0x46d, cmioRx: 0x3e5,
  htif: 0x28e, clint: 0x20e, plic: 0x30e, pmaArray: 0x0a5,
} as const;

export const ADDRESSES = {
  ram: 0x80000000n, dtb: 0x7ff00000n, dtbLength: 0x100000n, cmioRx: 0x60000000n, cmioTx: 0x60800000n,
  cmioLength: 0x200000n, htif: 0x40008000n, htifLength: 0x1000n, clint: 0x2000000n, clintLength: 0xc0000n,
  plic: 0x40100000n, plicLength: 0x400000n, pmaArray: 0x10000n, pmaArrayLength: 0x1000n,
} as const;
