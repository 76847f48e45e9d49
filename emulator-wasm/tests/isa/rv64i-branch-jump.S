// RV64I branches (taken and not taken, signed and unsigned), jal and jalr link values, and jalr clearing bit 0
// of the target (unprivileged spec §2.5).
#include "test-macros.h"
  TEST_START

  li a0, -1
  li a1, 1
  li a2, 1
  // taken branches
  beq a1, a2, 1f
  FAIL 1
1:
  bne a0, a1, 1f
  FAIL 2
1:
  blt a0, a1, 1f              // -1 < 1 signed
  FAIL 3
1:
  bge a1, a0, 1f
  FAIL 4
1:
  bltu a1, a0, 1f             // 1 < 2^64-1 unsigned
  FAIL 5
1:
  bgeu a0, a1, 1f
  FAIL 6
1:
  bge a1, a2, 1f              // equal is >=
  FAIL 7
1:
  bgeu a1, a2, 1f
  FAIL 8
1:
  // not taken branches
  beq a0, a1, 9f
  bne a1, a2, 9f
  blt a1, a0, 9f
  bge a0, a1, 9f
  bltu a0, a1, 9f
  bgeu a1, a0, 9f
  blt a1, a2, 9f
  bltu a1, a2, 9f
  j 2f
9:
  FAIL 10
2:
  // backward branch loop: counts to 5
  li a3, 0
3:
  addi a3, a3, 1
  li a4, 5
  blt a3, a4, 3b
  CHECK 11, a3, 5

  // jal links pc + 4
  jal a5, 4f
5:
  FAIL 20
4:
  la a6, 5b
  CHECK_REG_EQ 21, a5, a6
  // jal with rd = x0 (j) does not link
  li a5, 0
  jal x0, 6f
  FAIL 22
6:
  CHECK 23, a5, 0

  // jalr: target = (rs1 + imm) & ~1, link = pc + 4
  la a0, 7f
  jalr a1, 1(a0)              // odd target: bit 0 cleared, lands on 7f
8:
  FAIL 30
7:
  la a2, 8b
  CHECK_REG_EQ 31, a1, a2
  la a0, 10f + 1
  jalr a1, -1(a0)
  FAIL 32
10:
  // jalr with rd == rs1: the target uses the old rs1
  la a0, 11f
  jalr a0, 0(a0)
12:
  FAIL 33
11:
  la a2, 12b
  CHECK_REG_EQ 34, a0, a2
  // negative offset
  la a0, 13f + 8
  jalr zero, -8(a0)
  FAIL 35
13:
  PASS
  TEST_END
