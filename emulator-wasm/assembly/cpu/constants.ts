// RISC-V privileged-spec constants and Cartesi v0.21 reset values (spec/cartesi-machine.md §1, §3, §13).

export const PRV_U: u64 = 0;
export const PRV_S: u64 = 1;
export const PRV_M: u64 = 3;

// mstatus fields
export const MSTATUS_SIE: u64 = 1 << 1;
export const MSTATUS_MIE: u64 = 1 << 3;
export const MSTATUS_SPIE: u64 = 1 << 5;
export const MSTATUS_MPIE: u64 = 1 << 7;
export const MSTATUS_SPP: u64 = 1 << 8;
export const MSTATUS_MPP_SHIFT: u64 = 11;
export const MSTATUS_MPP: u64 = 3 << 11;
export const MSTATUS_FS_SHIFT: u64 = 13;
export const MSTATUS_FS: u64 = 3 << 13;
export const MSTATUS_MPRV: u64 = 1 << 17;
export const MSTATUS_SUM: u64 = 1 << 18;
export const MSTATUS_MXR: u64 = 1 << 19;
export const MSTATUS_TVM: u64 = 1 << 20;
export const MSTATUS_TW: u64 = 1 << 21;
export const MSTATUS_TSR: u64 = 1 << 22;
export const MSTATUS_UXL: u64 = 3 << 32;
export const MSTATUS_SXL: u64 = 3 << 34;
export const MSTATUS_SD: u64 = 1 << 63;

/** Writable mstatus bits (§3.2). */
export const MSTATUS_W_MASK: u64 = MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP |
  MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR;
/** sstatus is a view of mstatus (standard). */
export const SSTATUS_R_MASK: u64 = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM |
  MSTATUS_MXR | MSTATUS_UXL | MSTATUS_SD;
export const SSTATUS_W_MASK: u64 = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR;

// interrupt bits (mip/mie)
export const MIP_SSIP: u64 = 1 << 1;
export const MIP_MSIP: u64 = 1 << 3;
export const MIP_STIP: u64 = 1 << 5;
export const MIP_MTIP: u64 = 1 << 7;
export const MIP_SEIP: u64 = 1 << 9;
export const MIP_MEIP: u64 = 1 << 11;
export const MIE_W_MASK: u64 = MIP_SSIP | MIP_MSIP | MIP_STIP | MIP_MTIP | MIP_SEIP | MIP_MEIP;
export const MIP_W_MASK: u64 = MIP_SSIP | MIP_STIP | MIP_SEIP;
export const MIDELEG_W_MASK: u64 = MIP_SSIP | MIP_STIP | MIP_SEIP;

// exception causes (§3.4)
export const CAUSE_INSN_MISALIGNED: u64 = 0;
export const CAUSE_INSN_ACCESS_FAULT: u64 = 1;
export const CAUSE_ILLEGAL_INSN: u64 = 2;
export const CAUSE_BREAKPOINT: u64 = 3;
export const CAUSE_LOAD_MISALIGNED: u64 = 4;
export const CAUSE_LOAD_ACCESS_FAULT: u64 = 5;
export const CAUSE_STORE_MISALIGNED: u64 = 6;
export const CAUSE_STORE_ACCESS_FAULT: u64 = 7;
export const CAUSE_ECALL_U: u64 = 8;
export const CAUSE_ECALL_S: u64 = 9;
export const CAUSE_ECALL_M: u64 = 11;
export const CAUSE_INSN_PAGE_FAULT: u64 = 12;
export const CAUSE_LOAD_PAGE_FAULT: u64 = 13;
export const CAUSE_STORE_PAGE_FAULT: u64 = 15;
export const CAUSE_INTERRUPT: u64 = 1 << 63;

/** Exceptions that medeleg can delegate (all synchronous ones except ecall from M). */
export const MEDELEG_W_MASK: u64 = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) |
  (1 << 7) | (1 << 8) | (1 << 9) | (1 << 12) | (1 << 13) | (1 << 15);

export const COUNTEREN_W_MASK: u64 = 7; // CY, TM, IR (§3.2)
export const ENVCFG_W_MASK: u64 = 1; // FIOM only

// satp
export const SATP_MODE_SHIFT: u64 = 60;
export const SATP_MODE_BARE: u64 = 0;
export const SATP_MODE_SV39: u64 = 8;
export const SATP_MODE_SV48: u64 = 9;
export const SATP_PPN_MASK: u64 = (1 << 44) - 1;

// reset values (§13)
export const MVENDORID_INIT: u64 = 0x6361727465736920; // "cartesi "
export const MARCHID_INIT: u64 = 0x15;
export const MIMPID_INIT: u64 = 0x15;
export const MISA_INIT: u64 = 0x800000000014112d;
export const MSTATUS_INIT: u64 = 0xa00000000;
export const PC_INIT: u64 = 0x80000000;
export const DTB_ADDR: u64 = 0x7ff00000;

/** mtime = mcycle / RTC_FREQ_DIV (§10). */
export const RTC_FREQ_DIV: u64 = 8192;
export const LOG2_RTC_FREQ_DIV: u64 = 13;

// PMA flags (low 12 bits of istart, §7.3)
export const PMA_M: u32 = 1 << 0;
export const PMA_IO: u32 = 1 << 1;
export const PMA_R: u32 = 1 << 2;
export const PMA_W: u32 = 1 << 3;
export const PMA_X: u32 = 1 << 4;
export const PMA_DID_SHIFT: u32 = 7;
export const DID_MEMORY: u32 = 1;
export const DID_FLASH: u32 = 3;
export const DID_CLINT: u32 = 4;
export const DID_HTIF: u32 = 5;
export const DID_PLIC: u32 = 6;

// Break reasons returned by run() to the host.
export const BREAK_NONE: u32 = 0;
export const BREAK_MAX_MCYCLE: u32 = 1;
export const BREAK_HALTED: u32 = 2;
export const BREAK_YIELDED_MANUALLY: u32 = 3;
export const BREAK_YIELDED_AUTOMATICALLY: u32 = 4;
export const BREAK_CONSOLE_OUTPUT: u32 = 5;
export const BREAK_CONSOLE_INPUT: u32 = 6;
export const BREAK_IDLE: u32 = 7;
