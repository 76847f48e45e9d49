// TLB policy (cartesi-machine.md §5), observed through translations: the TLB is architectural, so a cached
// translation is used until a flush. Flushes: every privilege change, every SFENCE.VMA (the single-address
// form flushes everything), a change of MXR (read set), of SUM (read and write sets), of MPP while MPRV = 1
// (read and write sets). A satp write that
// changes neither MODE nor ASID does not flush. Everything below runs in S-mode unless it says otherwise.
#include "test-macros.h"

#define ROOT 0x80100000
#define L1 0x80101000
#define L0 0x80102000
#define PAGES 0x80110000
#define VA_BASE 0x100000000
#define VA_PAGE(i) (VA_BASE + (i) * 0x1000)
#define PA_PAGE(i) (PAGES + (i) * 0x1000)
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_FOR(pa, flags) ((((pa) >> 12) << 10) | (flags))
#define RW (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

.macro SET_PTE table, index, value
  li t0, \value
  li t1, \table + (\index) * 8
  sd t0, 0(t1)
.endm
.macro PUT pa, value
  li t0, \value
  li t1, \pa
  sd t0, 0(t1)
.endm

  TEST_START
  SET_PTE ROOT, 2, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  SET_PTE ROOT, 4, PTE_FOR(L1, PTE_V)
  SET_PTE L1, 0, PTE_FOR(L0, PTE_V)
  SET_PTE L0, 0, PTE_FOR(PA_PAGE(0), RW)
  SET_PTE L0, 1, PTE_FOR(PA_PAGE(1), PTE_V | PTE_X | PTE_A)          // execute-only
  SET_PTE L0, 2, PTE_FOR(PA_PAGE(2), RW | PTE_U)                     // user page
  PUT PA_PAGE(0), 0xa0
  PUT PA_PAGE(1), 0xa1
  PUT PA_PAGE(2), 0xa2
  PUT PA_PAGE(3), 0xa3
  li t0, (8 << 60) | (ROOT >> 12)
  csrw satp, t0
  sfence.vma
  li s0, VA_PAGE(0)
  li s1, L0                      // the L0 table, writable through the identity gigapage

  // a cached translation survives a PTE change; sfence.vma of another address flushes it
  GOTO_MODE PRV_S
  ld a0, 0(s0)
  li t0, PTE_FOR(PA_PAGE(3), RW)
  sd t0, 0(s1)                   // VA_PAGE(0) now maps page 3 in memory
  ld a1, 0(s0)
  li t0, VA_PAGE(7)
  sfence.vma t0
  ld a2, 0(s0)
  GOTO_M
  CHECK 1, a0, 0xa0
  CHECK 2, a1, 0xa0              // still the cached translation
  CHECK 3, a2, 0xa3              // flushed by the single-address sfence.vma

  // a privilege change flushes: M restores the PTE, S sees it without any sfence
  SET_PTE L0, 0, PTE_FOR(PA_PAGE(0), RW)
  GOTO_MODE PRV_S
  ld a0, 0(s0)
  GOTO_M
  CHECK 4, a0, 0xa0

  // a satp write with the same MODE and ASID does not flush
  GOTO_MODE PRV_S
  ld a0, 0(s0)
  li t0, PTE_FOR(PA_PAGE(3), RW)
  sd t0, 0(s1)
  csrr t0, satp
  csrw satp, t0
  ld a1, 0(s0)
  sfence.vma
  ld a2, 0(s0)
  GOTO_M
  CHECK 5, a0, 0xa0
  CHECK 6, a1, 0xa0
  CHECK 7, a2, 0xa3

  // clearing MXR (sstatus, from S) flushes the read set: the execute-only page stops being readable
  li t0, MSTATUS_MXR
  csrs mstatus, t0
  li s2, VA_PAGE(1)
  TRAP_RESET
  GOTO_MODE PRV_S
  ld a0, 0(s2)                   // allowed by MXR, cached
  li t0, MSTATUS_MXR
  csrc sstatus, t0
  ld a1, 0(s2)                   // must fault: the read set was flushed
  GOTO_M
  CHECK 10, a0, 0xa1
  CHECK_TRAP_TVAL 11, 13, VA_PAGE(1)

  // clearing SUM flushes the read and write sets
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  li s3, VA_PAGE(2)
  TRAP_RESET
  GOTO_MODE PRV_S
  ld a0, 0(s3)
  sd a0, 8(s3)
  li t0, MSTATUS_SUM
  csrc sstatus, t0
  sd a0, 16(s3)                  // must fault (15)
  GOTO_M
  CHECK 20, a0, 0xa2
  CHECK_TRAP_TVAL 21, 15, VA_PAGE(2) + 16
  li t0, MSTATUS_SUM
  csrs mstatus, t0
  TRAP_RESET
  GOTO_MODE PRV_S
  ld a0, 0(s3)
  li t0, MSTATUS_SUM
  csrc sstatus, t0
  ld a1, 8(s3)                   // must fault (13)
  GOTO_M
  CHECK_TRAP_TVAL 22, 13, VA_PAGE(2) + 8

  // a trap that does not change the mode leaves the TLB alone (§3.6): S reads VA_PAGE(5) (cached in read slot 5,
  // which the handlers' own accesses do not use), rewrites its PTE, takes an ebreak delegated to S (S → S) and
  // still reads through the cached translation; an ebreak taken in M (S → M → S) flushes it
  li s4, VA_PAGE(5)
  li s5, L0 + 5 * 8
  SET_PTE L0, 5, PTE_FOR(PA_PAGE(0), RW)
  sfence.vma
  li t0, 1 << 3
  csrw medeleg, t0
  TRAP_RESET
  GOTO_MODE PRV_S
  ld a0, 0(s4)
  li t0, PTE_FOR(PA_PAGE(3), RW)
  sd t0, 0(s5)
  ebreak                         // handled by the S handler
  ld a1, 0(s4)
  GOTO_M
  csrw medeleg, zero
  CHECK 40, a0, 0xa0
  CHECK 41, a1, 0xa0
  CHECK_STRAP 42, 3
  SET_PTE L0, 5, PTE_FOR(PA_PAGE(0), RW)
  sfence.vma
  TRAP_RESET
  GOTO_MODE PRV_S
  ld a0, 0(s4)
  li t0, PTE_FOR(PA_PAGE(3), RW)
  sd t0, 0(s5)
  ebreak                         // not delegated: S → M → S
  ld a1, 0(s4)
  GOTO_M
  CHECK 43, a0, 0xa0
#ifndef QEMU  /* QEMU keeps its TLB across S → M → S */
  CHECK 44, a1, 0xa3
#endif
  CHECK_TRAP 45, 3

  // in M with MPRV = 1: a change of MPP flushes the read set. With MPP = S the load translates (and is cached);
  // with MPP = M the same address is physical, where nothing is mapped: load access fault
  li t0, MSTATUS_SUM
  csrc mstatus, t0
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPRV | (PRV_S << 11)
  csrs mstatus, t0
  TRAP_RESET
  ld a0, 0(s0)
  li t0, MSTATUS_MPP
  csrs mstatus, t0               // MPP = M
  ld a1, 0(s0)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK 30, a0, 0xa3             // (VA_PAGE(0) still maps page 3)
  CHECK_TRAP_TVAL 31, 5, VA_PAGE(0)

  csrw satp, zero
  sfence.vma
  PASS
  TEST_END
