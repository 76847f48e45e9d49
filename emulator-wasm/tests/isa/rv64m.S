// RV64M: multiplication (low and high halves, signed/unsigned mixes), division and remainder including
// division by zero and the MIN / -1 overflow case, and the W forms (unprivileged spec chapter 13).
#include "test-macros.h"
  TEST_START

  li s0, 0x8000000000000000   // INT64_MIN
  li s1, -1
  li s2, 0x7fffffffffffffff
  li s3, 3
  li s4, -7
  li s5, 0

  mul a0, s3, s4
  CHECK 1, a0, -21
  mul a0, s0, s1              // wraps
  CHECK 2, a0, 0x8000000000000000
  mulh a0, s1, s1             // (-1)*(-1) = 1, high = 0
  CHECK 3, a0, 0
  mulh a0, s0, s0             // 2^126: high = 2^62
  CHECK 4, a0, 0x4000000000000000
  mulhu a0, s1, s1            // (2^64-1)^2 high = 2^64-2
  CHECK 5, a0, 0xfffffffffffffffe
  mulhsu a0, s1, s1           // -1 * (2^64-1) = -(2^64-1): high = -1
  CHECK 6, a0, -1
  mulhsu a0, s3, s1           // 3 * (2^64-1): high = 2
  CHECK 7, a0, 2
  mulhu a0, s0, s3            // 2^63 * 3 high = 1
  CHECK 8, a0, 1
  mulh a0, s2, s3             // (2^63-1)*3 = 2^64 + 2^63 - 3: high = 1
  CHECK 9, a0, 1
  mulw a0, s2, s3             // low 32 bits: 0xffffffff*3 = 0x2fffffffd -> 0xfffffffd sign-extended
  CHECK 10, a0, -3
  li a1, 0x10000
  mulw a0, a1, a1             // 2^32 truncated to 0
  CHECK 11, a0, 0
  li a1, 0x8000
  li a2, 0x10000
  mulw a0, a1, a2             // 2^31 -> sign-extended
  CHECK 12, a0, 0xffffffff80000000

  // division: rounds toward zero
  div a0, s4, s3
  CHECK 20, a0, -2
  rem a0, s4, s3
  CHECK 21, a0, -1
  divu a0, s4, s3             // (2^64-7)/3
  CHECK 22, a0, 0x5555555555555553
  remu a0, s4, s3
  CHECK 23, a0, 0
  li a1, 7
  li a2, -3
  rem a0, a1, a2              // sign of the dividend
  CHECK 24, a0, 1
  // division by zero: quotient all ones, remainder the dividend
  div a0, s4, s5
  CHECK 30, a0, -1
  divu a0, s3, s5
  CHECK 31, a0, -1
  rem a0, s4, s5
  CHECK 32, a0, -7
  remu a0, s4, s5
  CHECK 33, a0, -7
  // overflow: MIN / -1 = MIN, remainder 0
  div a0, s0, s1
  CHECK 34, a0, 0x8000000000000000
  rem a0, s0, s1
  CHECK 35, a0, 0

  // W forms
  li a1, 0xffffffff80000000   // INT32_MIN in the low word
  li a2, 0x00000000ffffffff   // -1 in the low word
  divw a0, a1, a2
  CHECK 40, a0, 0xffffffff80000000
  remw a0, a1, a2
  CHECK 41, a0, 0
  divw a0, s4, s5
  CHECK 42, a0, -1
  remw a0, s4, s5
  CHECK 43, a0, -7
  divuw a0, s3, s5
  CHECK 44, a0, -1            // 0xffffffff sign-extended
  remuw a0, a1, s5            // dividend 0x80000000, sign-extended result
  CHECK 45, a0, 0xffffffff80000000
  li a3, 0x12345678fffffff9   // low word -7
  divw a0, a3, s3
  CHECK 46, a0, -2
  divuw a0, a3, s3            // 0xfffffff9 / 3 = 0x55555553
  CHECK 47, a0, 0x55555553
  remuw a0, a3, s3
  CHECK 48, a0, 0
  remw a0, a3, s3
  CHECK 49, a0, -1
  li a4, 0x100000000
  divuw a0, s3, a4            // divisor's low word is 0: division by zero
  CHECK 50, a0, -1

  PASS
  TEST_END
