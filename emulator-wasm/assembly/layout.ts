// Linear-memory layout of the emulator core. Machine state lives in memory at fixed addresses, laid out
// exactly as Cartesi Machine v0.21's shadow state (spec/cartesi-machine.md §7.2), so the host reads and
// writes registers with plain loads and a later root-hash implementation can hash these bytes as they are.

/** Base of the 32 KiB shadow block (registers at +0, architectural TLB sets at +0x1000/+0x3000/+0x5000). */
export const SHADOW: usize = 0x10000;

// Shadow register offsets (§7.2).
export const X_BASE: usize = SHADOW + 0x000; // x0..x31
export const MCYCLE: usize = SHADOW + 0x100;
export const PC: usize = SHADOW + 0x108;
export const FCSR: usize = SHADOW + 0x110;
export const F_BASE: usize = SHADOW + 0x118; // f0..f31
export const IPRV: usize = SHADOW + 0x218;
export const MSTATUS: usize = SHADOW + 0x220;
export const MTVEC: usize = SHADOW + 0x228;
export const MSCRATCH: usize = SHADOW + 0x230;
export const MEPC: usize = SHADOW + 0x238;
export const MCAUSE: usize = SHADOW + 0x240;
export const MTVAL: usize = SHADOW + 0x248;
export const MISA: usize = SHADOW + 0x250;
export const MIE: usize = SHADOW + 0x258;
export const MIP: usize = SHADOW + 0x260;
export const MEDELEG: usize = SHADOW + 0x268;
export const MIDELEG: usize = SHADOW + 0x270;
export const MCOUNTEREN: usize = SHADOW + 0x278;
export const MENVCFG: usize = SHADOW + 0x280;
export const MVENDORID: usize = SHADOW + 0x288;
export const MARCHID: usize = SHADOW + 0x290;
export const MIMPID: usize = SHADOW + 0x298;
export const STVEC: usize = SHADOW + 0x2a0;
export const SSCRATCH: usize = SHADOW + 0x2a8;
export const SEPC: usize = SHADOW + 0x2b0;
export const SCAUSE: usize = SHADOW + 0x2b8;
export const STVAL: usize = SHADOW + 0x2c0;
export const SATP: usize = SHADOW + 0x2c8;
export const SCOUNTEREN: usize = SHADOW + 0x2d0;
export const SENVCFG: usize = SHADOW + 0x2d8;
export const ILRSC: usize = SHADOW + 0x2e0;
export const ICYCLEINSTRET: usize = SHADOW + 0x2e8;
export const IUNREP: usize = SHADOW + 0x2f0;
export const IMCYCLEMAX: usize = SHADOW + 0x2f8;
export const IFLAGS_X: usize = SHADOW + 0x300;
export const IFLAGS_Y: usize = SHADOW + 0x308;
export const IFLAGS_H: usize = SHADOW + 0x310;
export const CLINT_MTIMECMP: usize = SHADOW + 0x318;
export const PLIC_GIRQPEND: usize = SHADOW + 0x320;
export const PLIC_GIRQSRVD: usize = SHADOW + 0x328;
export const HTIF_TOHOST: usize = SHADOW + 0x330;
export const HTIF_FROMHOST: usize = SHADOW + 0x338;
export const HTIF_IHALT: usize = SHADOW + 0x340;
export const HTIF_ICONSOLE: usize = SHADOW + 0x348;
export const HTIF_IYIELD: usize = SHADOW + 0x350;

/** Architectural TLB (§5): three sets of 256 slots of {vaddr_page, vp_offset, pma_index, 0}. */
export const TLB_ARCH: usize = SHADOW + 0x1000;
export const TLB_SET_BYTES: usize = 0x2000;
export const TLB_CODE: u32 = 0;
export const TLB_READ: u32 = 1;
export const TLB_WRITE: u32 = 2;

/**
 * Host-side TLB mirror (not architectural): per slot {tag, hostAddend}. The tag is the virtual page of the
 * slot, or all ones when empty; hostAddend + vaddr = offset of the byte in wasm memory.
 */
export const TLB_FAST: usize = 0x18000;
export const TLB_FAST_SET_BYTES: usize = 256 * 16;

/** PMA table (host-side form): 32 entries of {start, length, flags (low 12 bits as Cartesi), hostOffset}. */
export const PMA_TABLE: usize = 0x1c000;
export const PMA_ENTRY_BYTES: usize = 32;
export const PMA_MAX: u32 = 32;

/**
 * Slots filled since the last flush, per set: {count u32, indices u16[256]} (0x400 bytes per set). A flush
 * then resets only those slots: privilege changes flush the TLB (§5) and happen on every syscall and SBI call.
 */
export const TLB_FILLED: usize = 0x1e000;
export const TLB_FILLED_SET_BYTES: usize = 0x400;

/** Run-time scratch that the host reads: break reason details, console buffers. */
export const RUNINFO: usize = 0x1d000;
export const RI_PMA_COUNT: usize = RUNINFO + 0x00;
export const RI_HALT_PAYLOAD: usize = RUNINFO + 0x08;
export const RI_YIELD_CMD: usize = RUNINFO + 0x10;
export const RI_YIELD_REASON: usize = RUNINFO + 0x18;
export const RI_YIELD_DATA: usize = RUNINFO + 0x20;
export const RI_CONSOLE_OUT_LEN: usize = RUNINFO + 0x28;
export const RI_CONSOLE_IN_LEN: usize = RUNINFO + 0x30;
export const RI_CONSOLE_IN_POS: usize = RUNINFO + 0x38;
export const RI_CONSOLE_IN_CLOSED: usize = RUNINFO + 0x40;
export const RI_WAKE_MCYCLE: usize = RUNINFO + 0x48;
export const RI_HEAP_TOP: usize = RUNINFO + 0x50;

export const CONSOLE_OUT: usize = 0x20000;
export const CONSOLE_OUT_CAPACITY: u32 = 0x10000;
export const CONSOLE_IN: usize = 0x30000;
export const CONSOLE_IN_CAPACITY: u32 = 0x10000;

/** Expansion of every 16-bit pattern to its 32-bit equivalent (0 = illegal), computed once by setup. */
export const RVC_TABLE: usize = 0x40000; // 65536 × 4 bytes

/**
 * Pre-decoded instruction cache (not architectural; cpu/decode.ts): direct-mapped slots keyed by the host
 * page number of a code page (a physical page, whatever virtual address maps it). Per slot, a u32 tag in
 * DECODE_TAGS and 2048 entries of 8 bytes, one per 2-byte offset, in DECODE_BASE. DECODE_SLOW is a page of
 * entries that all send their instruction to the general path, used while no code page is known.
 * Guard bytes around DECODE_BASE let a store clear entries at offset -1 … +4 of its slot without bounds checks.
 * Slots are DECODE_STRIDE apart: the entry just past a slot's last one (page offset 0x1000), and past
 * DECODE_SLOW's, is only ever zero (H_UNDECODED), so that running off the end of a page needs no test per
 * instruction in the fast loop (cpu/fast-loop.ts).
 */
export const DECODE_SLOTS: u32 = 1024;
export const DECODE_PAGE_BYTES: usize = 0x4000;
export const DECODE_STRIDE: usize = DECODE_PAGE_BYTES + 16;
export const DECODE_TAGS: usize = 0x100000; // DECODE_SLOTS × 4 bytes
export const DECODE_SLOW: usize = 0x104000; // one slot's worth of slow entries
export const DECODE_BASE: usize = 0x110000;
export const DECODE_END: usize = DECODE_BASE + <usize>DECODE_SLOTS * DECODE_STRIDE + 0x1000;

/** Guest memory regions (RAM, DTB, drives, CMIO buffers) are allocated from here upward. */
export const REGIONS_START: usize = DECODE_END;
/** Break request raised by a device or instruction during a slice (one of the BREAK_* or SERVE_INTERRUPTS). */
export const RI_BREAK: usize = RUNINFO + 0x58;
export const RI_MCYCLE_END: usize = RUNINFO + 0x60;
/**
 * The interpreter's current code page (virtual), its host addend and its decoded entries (cpu/interpret.ts).
 * In linear memory rather than wasm globals: V8 then needs no extra register for them in the fast loop.
 */
export const RI_CODE_PAGE: usize = RUNINFO + 0x68;
export const RI_CODE_ADDEND: usize = RUNINFO + 0x70;
export const RI_DECODE_BASE: usize = RUNINFO + 0x78;
