// A 32-bit instruction may straddle a page boundary; both halves must translate (cartesi-machine.md §6).
// In M-mode (Bare) one runs across 0x80001ffe; in S-mode (Sv39) one runs across two mapped 4 KiB pages, and one
// whose second page is unmapped raises an instruction page fault (12) with mepc = the instruction's address and
// mtval = the address of its second half (as Cartesi's fetch reports it).
#include "test-macros.h"

#define ROOT 0x80100000
#define L1 0x80101000
#define L0 0x80102000
#define CODE_PA 0x80110000        /* two physical pages of code */
#define VA_BASE 0x100000000
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_FOR(pa, flags) ((((pa) >> 12) << 10) | (flags))

.macro SET_PTE table, index, value
  li t0, \value
  li t1, \table + (\index) * 8
  sd t0, 0(t1)
.endm
.macro STORE_HALF addr, value
  li t0, \value
  li t1, \addr
  sh t0, 0(t1)
.endm

  TEST_START
  // M-mode: `addi a0, a0, 1` (0x00150513) at 0x80001ffe, then c.ret
  STORE_HALF 0x80001ffe, 0x0513
  STORE_HALF 0x80002000, 0x0015
  STORE_HALF 0x80002002, 0x8082
  fence.i
  li a0, 41
  li t2, 0x80001ffe
  jalr ra, 0(t2)
  CHECK 1, a0, 42

  // S-mode: the same code at CODE_PA + 0xffe, seen at VA_BASE + 0xffe
  STORE_HALF CODE_PA + 0xffe, 0x0513
  STORE_HALF CODE_PA + 0x1000, 0x0015
  STORE_HALF CODE_PA + 0x1002, 0x8082
  fence.i
  SET_PTE ROOT, 2, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  SET_PTE ROOT, 4, PTE_FOR(L1, PTE_V)
  SET_PTE L1, 0, PTE_FOR(L0, PTE_V)
  SET_PTE L0, 0, PTE_FOR(CODE_PA, PTE_V | PTE_X | PTE_A)
  SET_PTE L0, 1, PTE_FOR(CODE_PA + 0x1000, PTE_V | PTE_X | PTE_A)
  li t0, (8 << 60) | (ROOT >> 12)
  csrw satp, t0
  sfence.vma
  li a0, 1
  li t2, VA_BASE + 0xffe
  TRAP_RESET
  GOTO_MODE PRV_S
  jalr ra, 0(t2)
  GOTO_M
  CHECK_NO_TRAP 10
  CHECK 11, a0, 2

  // second page unmapped: instruction page fault at the instruction's address
  SET_PTE L0, 1, 0
  sfence.vma
  TRAP_RESET
  GOTO_MODE PRV_S
  jalr ra, 0(t2)
  GOTO_M
  CHECK_TRAP 20, 12
  CHECK_MEM 21, trap_record, TR_EPC, VA_BASE + 0xffe
  CHECK_MEM 23, trap_record, TR_TVAL, VA_BASE + 0x1000   // the address of the half that failed
  CHECK 22, a0, 2                // not executed

  csrw satp, zero
  sfence.vma
  PASS
  TEST_END
