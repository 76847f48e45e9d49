// Misaligned loads and stores (causes 4 and 6, mtval = the address) and access faults for loads, stores and
// fetches outside every PMA (causes 5, 7, 1), alignment being checked first (cartesi-machine.md §6).
#include "test-macros.h"

#define UNMAPPED 0x90000000

// \insn is a load/store whose address is \addr(s0); expect cause \cause with mtval = s0 + \addr.
.macro EXPECT_FAULT n, cause, insn, off
  TRAP_RESET
  \insn a1, \off(s0)
  CHECK_TRAP \n, \cause
  addi t0, s0, \off
  la t1, trap_record
  ld t1, TR_TVAL(t1)
  CHECK_REG_EQ \n, t1, t0
.endm

  TEST_START
  la s0, buffer
  li a1, 0x1234
#ifndef QEMU
  EXPECT_FAULT 1, 4, lh, 1
  EXPECT_FAULT 2, 4, lhu, 3
  EXPECT_FAULT 3, 4, lw, 2
  EXPECT_FAULT 4, 4, lwu, 1
  EXPECT_FAULT 5, 4, ld, 4
  EXPECT_FAULT 6, 4, ld, 7
  EXPECT_FAULT 7, 6, sh, 1
  EXPECT_FAULT 8, 6, sw, 2
  EXPECT_FAULT 9, 6, sd, 4
  EXPECT_FAULT 10, 6, sd, 1
  // a faulting store writes nothing
  ld a2, 0(s0)
  CHECK 11, a2, 0
  // misaligned FP loads and stores
  FP_ENABLE
  TRAP_RESET
  fld fa0, 4(s0)
  CHECK_TRAP 12, 4
  TRAP_RESET
  fsw fa0, 2(s0)
  CHECK_TRAP 13, 6
  // alignment is checked before the PMA lookup: misaligned and unmapped reports 4/6
  li s0, UNMAPPED
  EXPECT_FAULT 14, 4, lw, 2
  EXPECT_FAULT 15, 6, sd, 4
#endif
  // byte accesses are never misaligned
  la s0, buffer
  TRAP_RESET
  lb a2, 3(s0)
  sb a2, 5(s0)
  CHECK_NO_TRAP 16

  // access faults: no PMA at the address
  li s0, UNMAPPED
  EXPECT_FAULT 20, 5, lb, 0
  EXPECT_FAULT 21, 5, ld, 8
  EXPECT_FAULT 22, 7, sb, 1
  EXPECT_FAULT 23, 7, sd, 16
  // fetch from no PMA: instruction access fault, mtval = the target, mepc = the target
  TRAP_RESET
  li t0, UNMAPPED + 0x40
  jalr ra, 0(t0)
  CHECK_TRAP_TVAL 24, 1, UNMAPPED + 0x40
  CHECK_MEM 25, trap_record, TR_EPC, UNMAPPED + 0x40

  PASS
  TEST_END
  .data
  .align 3
buffer: .dword 0, 0
