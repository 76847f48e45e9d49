// RV64I arithmetic: add/sub/addi, slt/sltu/slti/sltiu, the W forms, lui and auipc (unprivileged spec §2.4, §5.2).
#include "test-macros.h"
  TEST_START

  li a0, 0x7fffffffffffffff
  li a1, 1
  add a2, a0, a1
  CHECK 1, a2, 0x8000000000000000
  sub a2, a1, a0
  CHECK 2, a2, 0x8000000000000002
  sub a2, zero, a1
  CHECK 3, a2, -1
  addi a2, a1, -2048
  CHECK 4, a2, -2047
  addi a2, a0, 2047
  CHECK 5, a2, 0x80000000000007fe
  li a3, -1
  add a2, a3, a1
  CHECK 6, a2, 0

  // slt/sltu/slti/sltiu: signed vs unsigned views of -1
  slt a2, a3, a1
  CHECK 10, a2, 1
  sltu a2, a3, a1
  CHECK 11, a2, 0
  slti a2, a3, 0
  CHECK 12, a2, 1
  sltiu a2, a1, -1            // immediate sign-extended, then compared unsigned: 1 < 2^64-1
  CHECK 13, a2, 1
  sltiu a2, zero, 1           // seqz
  CHECK 14, a2, 1
  slt a2, a1, a1
  CHECK 15, a2, 0
  sltu a2, zero, a3           // snez
  CHECK 16, a2, 1

  // W forms: 32-bit result sign-extended to 64 bits
  li a4, 0x7fffffff
  addw a2, a4, a1
  CHECK 20, a2, 0xffffffff80000000
  addiw a2, a4, 1
  CHECK 21, a2, 0xffffffff80000000
  li a5, 0x123456789abcdef0
  addiw a2, a5, 0             // sext.w
  CHECK 22, a2, 0xffffffff9abcdef0
  subw a2, zero, a4
  CHECK 23, a2, 0xffffffff80000001
  li a6, 0xffffffff00000000
  subw a2, a6, a1             // upper bits of the operands are ignored
  CHECK 24, a2, -1
  addw a2, a6, a6
  CHECK 25, a2, 0

  // lui/auipc
  lui a2, 0x80000
  CHECK 30, a2, 0xffffffff80000000
  lui a2, 0x7ffff
  CHECK 31, a2, 0x7ffff000
  lui a2, 0
  CHECK 32, a2, 0
1:
  auipc a2, 0
  la a3, 1b
  srli a4, a3, 31
  CHECK 33, a4, 1             // code runs at 0x8000xxxx
  sub a2, a2, a3
  CHECK 34, a2, 0
2:
  auipc a2, 0x1
  la a3, 2b
  sub a2, a2, a3
  CHECK 35, a2, 0x1000
3:
  auipc a2, 0xfffff            // pc - 4096
  la a3, 3b
  sub a2, a3, a2
  CHECK 36, a2, 0x1000
  // writes to x0 are discarded
  addi x0, x0, 5
  CHECK 40, x0, 0
  lui x0, 1
  CHECK 41, x0, 0

  PASS
  TEST_END
