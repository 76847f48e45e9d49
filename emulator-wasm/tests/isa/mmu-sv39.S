// Sv39 translation (cartesi-machine.md §4, privileged spec §4.3-§4.4): 4 KiB pages, megapages, gigapages,
// misaligned superpages, hardware A/D updates, R/W/X permissions, U and SUM, MXR, MPRV, invalid and reserved
// PTEs (bits 54-63), non-canonical addresses, fetch faults, and mtval = the faulting virtual address.
// Code and data are identity mapped by a gigapage; all traps go to M, which runs untranslated.
#include "test-macros.h"

#define ROOT 0x80100000       /* L2 table */
#define L1 0x80101000         /* L1 table for VA 0x100000000 */
#define L0 0x80102000         /* L0 table for VA 0x100000000-0x1001fffff */
#define PAGES 0x80110000      /* physical pages backing the 4 KiB test pages */
#define MEGA_PA 0x80400000    /* 2 MiB-aligned target of the megapage */
#define GIGA_DATA 0x80300000  /* a RAM address seen through the gigapage alias */

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80

#define VA_BASE 0x100000000
#define VA_PAGE(i) (VA_BASE + (i) * 0x1000)
#define PA_PAGE(i) (PAGES + (i) * 0x1000)
#define PTE_FOR(pa, flags) ((((pa) >> 12) << 10) | (flags))

// Write PTE \value into \table[\index].
.macro SET_PTE table, index, value
  li t0, \value
  li t1, \table + (\index) * 8
  sd t0, 0(t1)
.endm
.macro READ_PTE reg, table, index
  li t1, \table + (\index) * 8
  ld \reg, 0(t1)
.endm
// In S-mode, perform \insn reg, 0(\va) and return to M.
.macro S_ACCESS insn, reg, va
  li s1, \va
  GOTO_MODE PRV_S
  \insn \reg, 0(s1)
  GOTO_M
.endm
.macro U_ACCESS insn, reg, va
  li s1, \va
  GOTO_MODE PRV_U
  \insn \reg, 0(s1)
  GOTO_M
.endm

  TEST_START
  // identity gigapage for code and data (RAM at 0x80000000 = VPN[2] 2), no U
  SET_PTE ROOT, 2, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  SET_PTE ROOT, 4, PTE_FOR(L1, PTE_V)                   // pointer
  SET_PTE ROOT, 5, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)  // gigapage alias of RAM
  SET_PTE ROOT, 6, PTE_FOR(0x80200000, PTE_V | PTE_R | PTE_A)                  // misaligned gigapage
  SET_PTE L1, 0, PTE_FOR(L0, PTE_V)
  SET_PTE L1, 1, PTE_FOR(MEGA_PA, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)       // megapage
  SET_PTE L1, 2, PTE_FOR(MEGA_PA + 0x1000, PTE_V | PTE_R | PTE_A)              // misaligned megapage
  SET_PTE L0, 0, PTE_FOR(PA_PAGE(0), PTE_V | PTE_R | PTE_W)                    // A = D = 0
  SET_PTE L0, 1, PTE_FOR(PA_PAGE(1), PTE_V | PTE_R | PTE_A)                    // read-only
  SET_PTE L0, 2, PTE_FOR(PA_PAGE(2), PTE_V | PTE_X | PTE_A)                    // execute-only
  SET_PTE L0, 3, PTE_FOR(PA_PAGE(3), PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)  // user
  SET_PTE L0, 4, PTE_FOR(PA_PAGE(4), PTE_R | PTE_W | PTE_A | PTE_D)            // V = 0
  SET_PTE L0, 5, PTE_FOR(PA_PAGE(5), PTE_V | PTE_W | PTE_A | PTE_D)            // W without R
  SET_PTE L0, 6, PTE_FOR(PA_PAGE(6), PTE_V | PTE_R | PTE_A) | (1 << 54)        // reserved bit 54
  SET_PTE L0, 7, PTE_FOR(PA_PAGE(7), PTE_V | PTE_R | PTE_A) | (1 << 63)        // reserved bit 63 (N)
  SET_PTE L0, 8, PTE_FOR(PA_PAGE(8), PTE_V)                                    // pointer at level 0
  SET_PTE L0, 9, PTE_FOR(PA_PAGE(9), PTE_V | PTE_R | PTE_X | PTE_A)            // code page
  SET_PTE L0, 10, PTE_FOR(PA_PAGE(10), PTE_V | PTE_R | PTE_W | PTE_A)          // A = 1, D = 0
  // contents
  li t0, 0x1111
  li t1, PA_PAGE(0)
  sd t0, 0(t1)
  li t0, 0x2222
  li t1, PA_PAGE(1)
  sd t0, 0(t1)
  li t0, 0x3333
  li t1, PA_PAGE(2)
  sd t0, 0(t1)
  li t0, 0x4444
  li t1, PA_PAGE(3)
  sd t0, 8(t1)
  li t0, 0x8082                   // c.ret at the start of the code page and of the user page
  li t1, PA_PAGE(9)
  sh t0, 0(t1)
  li t1, PA_PAGE(3)
  sh t0, 0(t1)
  li t0, 0x5555
  li t1, MEGA_PA + 0x1238
  sd t0, 0(t1)
  li t0, 0x6666
  li t1, GIGA_DATA
  sd t0, 0(t1)
  fence.i
  li t0, (8 << 60) | (ROOT >> 12)
  csrw satp, t0
  sfence.vma

  // 4 KiB page: load in S, hardware sets A but not D; a store sets D
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(0)
  CHECK_NO_TRAP 1
  CHECK 2, a0, 0x1111
  READ_PTE a1, L0, 0
  andi a1, a1, PTE_A | PTE_D
  CHECK 3, a1, PTE_A
  li a0, 0x1234
  S_ACCESS sd, a0, VA_PAGE(0)
  CHECK_NO_TRAP 4
  READ_PTE a1, L0, 0
  andi a1, a1, PTE_A | PTE_D
  CHECK 5, a1, PTE_A | PTE_D
  li t1, PA_PAGE(0)
  ld a1, 0(t1)
  CHECK 6, a1, 0x1234
  // a store to an A=1 D=0 writable page sets D
  S_ACCESS sd, a0, VA_PAGE(10)
  READ_PTE a1, L0, 10
  andi a1, a1, PTE_D
  CHECK 7, a1, PTE_D

  // permissions: store to a read-only page faults (15), mtval = the virtual address, PTE D untouched
  TRAP_RESET
  S_ACCESS sd, a0, VA_PAGE(1) + 8
  CHECK_TRAP_TVAL 10, 15, VA_PAGE(1) + 8
  READ_PTE a1, L0, 1
  andi a1, a1, PTE_D
  CHECK 11, a1, 0
  // load from an execute-only page: fault without MXR, allowed with MXR
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(2)
  CHECK_TRAP_TVAL 12, 13, VA_PAGE(2)
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(2)
  CHECK_NO_TRAP 13
  CHECK 14, a0, 0x3333
  li t0, MSTATUS_MXR
  csrc mstatus, t0

  // invalid PTEs: V = 0, W without R, reserved bits 54-63, pointer at the last level
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(4) + 16
  CHECK_TRAP_TVAL 20, 13, VA_PAGE(4) + 16
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(5)
  CHECK_TRAP_TVAL 21, 13, VA_PAGE(5)
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(6)
  CHECK_TRAP_TVAL 22, 13, VA_PAGE(6)
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(7)
  CHECK_TRAP_TVAL 23, 13, VA_PAGE(7)
  TRAP_RESET
  S_ACCESS sd, a0, VA_PAGE(8)
  CHECK_TRAP_TVAL 24, 15, VA_PAGE(8)
  // a VA with no mapping at the root (VPN[2] = 7)
  TRAP_RESET
  S_ACCESS lw, a0, 0x1c0000040
  CHECK_TRAP_TVAL 25, 13, 0x1c0000040

  // superpages
  TRAP_RESET
  S_ACCESS ld, a0, VA_BASE + 0x200000 + 0x1238
  CHECK_NO_TRAP 30
  CHECK 31, a0, 0x5555
  TRAP_RESET
  S_ACCESS ld, a0, 0x140000000 + (GIGA_DATA - 0x80000000)
  CHECK_NO_TRAP 32
  CHECK 33, a0, 0x6666
  TRAP_RESET
  S_ACCESS ld, a0, VA_BASE + 0x400010             // misaligned megapage
  CHECK_TRAP_TVAL 34, 13, VA_BASE + 0x400010
  TRAP_RESET
  S_ACCESS ld, a0, 0x180000020                   // misaligned gigapage
  CHECK_TRAP_TVAL 35, 13, 0x180000020

  // non-canonical addresses: bits 63-39 must equal bit 38
  TRAP_RESET
  S_ACCESS ld, a0, 0x0000004000000000
  CHECK_TRAP_TVAL 40, 13, 0x0000004000000000
  TRAP_RESET
  S_ACCESS sd, a0, 0xff00000100000000
  CHECK_TRAP_TVAL 41, 15, 0xff00000100000000

  // U bit: S loads from a U page fault unless SUM = 1
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(3) + 8
  CHECK_TRAP_TVAL 50, 13, VA_PAGE(3) + 8
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(3) + 8
  CHECK_NO_TRAP 51
  CHECK 52, a0, 0x4444
  // ...but S never executes a U page, even with SUM
  TRAP_RESET
  li s1, VA_PAGE(3)
  GOTO_MODE PRV_S
  jalr ra, 0(s1)
  GOTO_M
  CHECK_TRAP_TVAL 53, 12, VA_PAGE(3)
  li t0, MSTATUS_SUM
  csrc mstatus, t0

  // fetches: an X page runs (c.ret comes back), a non-X page faults with cause 12 and mtval = the target
  TRAP_RESET
  li s1, VA_PAGE(9)
  GOTO_MODE PRV_S
  jalr ra, 0(s1)
  GOTO_M
  CHECK_NO_TRAP 60
  TRAP_RESET
  li s1, VA_PAGE(0) + 0x10
  GOTO_MODE PRV_S
  jalr ra, 0(s1)
  GOTO_M
  CHECK_TRAP_TVAL 61, 12, VA_PAGE(0) + 0x10
  CHECK_MEM 62, trap_record, TR_EPC, VA_PAGE(0) + 0x10

  // U mode: code must be on U pages; U reaches U pages only
  SET_PTE ROOT, 2, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)
  sfence.vma
  TRAP_RESET
  U_ACCESS ld, a0, VA_PAGE(3) + 8
  CHECK_NO_TRAP 70
  CHECK 71, a0, 0x4444
  TRAP_RESET
  U_ACCESS ld, a0, VA_PAGE(1)
  CHECK_TRAP_TVAL 72, 13, VA_PAGE(1)
  SET_PTE ROOT, 2, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  sfence.vma

  // MPRV: M-mode loads and stores translate with MPP's privilege; fetches do not
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPRV | (PRV_S << 11)
  csrs mstatus, t0
  li s1, VA_BASE + 0x200000 + 0x1238
  TRAP_RESET
  ld a0, 0(s1)
  CHECK_NO_TRAP 80
  CHECK 81, a0, 0x5555
  li s1, VA_PAGE(4)
  ld a0, 0(s1)                    // faults: handled in M with MPRV still set, MPP = M now
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_TRAP_TVAL 82, 13, VA_PAGE(4)

  // LR and AMO page faults: LR reports a load fault (13), AMOs a store fault (15) (§6)
  TRAP_RESET
  S_ACCESS lr.d, a0, VA_PAGE(4)
  CHECK_TRAP_TVAL 90, 13, VA_PAGE(4)
  TRAP_RESET
  li s1, VA_PAGE(1)               // read-only page: the AMO's write is denied
  GOTO_MODE PRV_S
  amoadd.d a0, a0, (s1)
  GOTO_M
  CHECK_TRAP_TVAL 91, 15, VA_PAGE(1)
#ifndef QEMU  /* QEMU 7.2 reports a load page fault (13) here */
  TRAP_RESET
  li s1, VA_PAGE(4)
  GOTO_MODE PRV_S
  amoswap.w a0, a0, (s1)
  GOTO_M
  CHECK_TRAP_TVAL 92, 15, VA_PAGE(4)
#endif

  // delegated page faults: S's handler sees scause and stval = the faulting virtual address
  li t0, (1 << 13) | (1 << 15) | (1 << 12)
  csrw medeleg, t0
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(4) + 0x28
  CHECK_STRAP 100, 13
  CHECK_MEM 101, s_trap_record, TR_TVAL, VA_PAGE(4) + 0x28
  TRAP_RESET
  S_ACCESS sd, a0, VA_PAGE(1) + 0x30
  CHECK_STRAP 102, 15
  CHECK_MEM 103, s_trap_record, TR_TVAL, VA_PAGE(1) + 0x30
  TRAP_RESET
  li s1, VA_PAGE(0) + 0x40
  GOTO_MODE PRV_S
  jalr ra, 0(s1)
  GOTO_M
  CHECK_STRAP 104, 12
  CHECK_MEM 105, s_trap_record, TR_TVAL, VA_PAGE(0) + 0x40
  csrw medeleg, zero

  csrw satp, zero
  sfence.vma
  PASS
  TEST_END
