// PLIC register behaviour in a reproducible machine (cartesi-machine.md §11): only aligned 32-bit accesses are
// accepted; priorities read 1 and ignore writes; pending reads 0; the enable word reads 0xfffffffe and ignores
// writes; threshold and undefined offsets read 0 and ignore writes; a claim with nothing pending returns 0.
#include "test-macros.h"

#define PLIC 0x40100000

.macro EXPECT_FAULT n, cause, insn, addr
  li s0, \addr
  TRAP_RESET
  \insn a0, 0(s0)
  CHECK_TRAP_TVAL \n, \cause, \addr
.endm

  TEST_START
  li s0, PLIC
  TRAP_RESET
  lw a0, 4(s0)                  // priority of source 1
  CHECK 1, a0, 1
  lw a0, 0x7c(s0)               // priority of source 31
  CHECK 2, a0, 1
  li a1, 7
  sw a1, 4(s0)                  // ignored
  lw a0, 4(s0)
  CHECK 3, a0, 1
  lw a0, 0(s0)                  // offset 0 is not a priority register: reads 0
  CHECK 4, a0, 0
  li s1, PLIC + 0x1000
  lw a0, 0(s1)                  // pending
  CHECK 5, a0, 0
  li s1, PLIC + 0x2000
  lwu a0, 0(s1)                 // enable: sources 1-31 always enabled
  CHECK 6, a0, 0xfffffffe
  sw zero, 0(s1)
  lwu a0, 0(s1)
  CHECK 7, a0, 0xfffffffe
  li s1, PLIC + 0x200000
  sw a1, 0(s1)                  // threshold: ignored
  lw a0, 0(s1)
  CHECK 8, a0, 0
  lw a0, 4(s1)                  // claim: nothing pending
  CHECK 9, a0, 0
  li a1, 1
  sw a1, 4(s1)                  // complete source 1: nothing was being served
  li s1, PLIC + 0x100000
  lw a0, 0(s1)                  // an undefined offset reads 0 ...
  CHECK 10, a0, 0
  sw a1, 0(s1)                  // ... and ignores writes
  CHECK_NO_TRAP 11
  csrr a0, mip
  CHECK 12, a0, 0               // no external interrupt was raised

  // other widths fault; misalignment is reported first
  EXPECT_FAULT 20, 5, ld, PLIC + 8
  EXPECT_FAULT 21, 7, sd, PLIC + 8
  EXPECT_FAULT 22, 5, lb, PLIC + 4
  EXPECT_FAULT 23, 5, lhu, PLIC + 4
  EXPECT_FAULT 24, 7, sh, PLIC + 0x2000
  EXPECT_FAULT 25, 4, lw, PLIC + 2
  EXPECT_FAULT 26, 6, sw, PLIC + 6

  PASS
  TEST_END
