// RV64A LR/SC: success, failure without a reservation, failure at another address, a second SC fails, rd values,
// and the .w forms sign-extending (unprivileged spec chapter 14; Cartesi rules in cartesi-machine.md §6).
#include "test-macros.h"
  TEST_START

  la s0, word
  li a1, 0x1111
  // SC without any reservation fails (rd = 1) and does not write
  sc.d a0, a1, (s0)
  CHECK 1, a0, 1
  ld a2, 0(s0)
  CHECK 2, a2, 0x0123456789abcdef
  // LR then SC to the same address succeeds (rd = 0)
  lr.d a2, (s0)
  CHECK 3, a2, 0x0123456789abcdef
  sc.d a0, a1, (s0)
  CHECK 4, a0, 0
  ld a2, 0(s0)
  CHECK 5, a2, 0x1111
  // the reservation is consumed: a second SC fails
  li a1, 0x2222
  sc.d a0, a1, (s0)
  CHECK 6, a0, 1
  ld a2, 0(s0)
  CHECK 7, a2, 0x1111
  // SC to a different address than the LR fails and writes nothing
  lr.d a2, (s0)
  addi s1, s0, 8
  sc.d a0, a1, (s1)
  CHECK 8, a0, 1
  ld a2, 8(s0)
  CHECK 9, a2, 0
  // ...and that failed SC also cleared the reservation
  sc.d a0, a1, (s0)
  CHECK 10, a0, 1

  // .w forms: LR.W sign-extends; SC.W writes 32 bits
  li a3, 0x80000001
  sw a3, 16(s0)
  addi s2, s0, 16
  lr.w a2, (s2)
  CHECK 20, a2, 0xffffffff80000001
  li a1, 0x123456789
  sc.w a0, a1, (s2)
  CHECK 21, a0, 0
  ld a2, 16(s0)
  CHECK 22, a2, 0x23456789
  // an LR whose rd is x0 still reserves
  lr.w zero, (s2)
  li a1, 5
  sc.w a0, a1, (s2)
  CHECK 23, a0, 0
  lw a2, 16(s0)
  CHECK 24, a2, 5
  // a misaligned SC without a matching reservation makes no access: no trap, rd = 1 (§6)
  TRAP_RESET
  addi s3, s0, 1
  sc.d a0, a1, (s3)
  CHECK 30, a0, 1
  CHECK_NO_TRAP 31
  // aq/rl bits do not change behaviour
  lr.d.aqrl a2, (s0)
  sc.d.rl a0, zero, (s0)
  CHECK 32, a0, 0
  ld a2, 0(s0)
  CHECK 33, a2, 0

  PASS
  TEST_END
  .data
  .align 3
word: .dword 0x0123456789abcdef, 0, 0, 0
