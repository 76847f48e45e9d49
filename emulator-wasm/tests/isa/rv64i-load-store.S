// RV64I loads and stores of every width, sign and zero extension, offsets (unprivileged spec §2.6, §5.3).
#include "test-macros.h"
  TEST_START

  la a0, buffer
  li a1, 0x8877665544332211
  sd a1, 0(a0)
  ld a2, 0(a0)
  CHECK 1, a2, 0x8877665544332211
  lb a2, 7(a0)
  CHECK 2, a2, 0xffffffffffffff88
  lbu a2, 7(a0)
  CHECK 3, a2, 0x88
  lb a2, 0(a0)
  CHECK 4, a2, 0x11
  lh a2, 6(a0)
  CHECK 5, a2, 0xffffffffffff8877
  lhu a2, 6(a0)
  CHECK 6, a2, 0x8877
  lh a2, 2(a0)
  CHECK 7, a2, 0x4433
  lw a2, 4(a0)
  CHECK 8, a2, 0xffffffff88776655
  lwu a2, 4(a0)
  CHECK 9, a2, 0x88776655
  lw a2, 0(a0)
  CHECK 10, a2, 0x44332211
  // little-endian byte order
  lbu a2, 1(a0)
  CHECK 11, a2, 0x22

  // stores write only their width
  li a3, -1
  sd a3, 8(a0)
  li a4, 0x0102030405060708
  sb a4, 8(a0)
  ld a2, 8(a0)
  CHECK 20, a2, 0xffffffffffffff08
  sh a4, 10(a0)
  ld a2, 8(a0)
  CHECK 21, a2, 0xffffffff0708ff08
  sw a4, 12(a0)
  ld a2, 8(a0)
  CHECK 22, a2, 0x050607080708ff08
  sd zero, 8(a0)
  ld a2, 8(a0)
  CHECK 23, a2, 0

  // negative offsets and the 12-bit offset range
  addi a5, a0, 2047
  addi a5, a5, 1              // a0 + 2048
  li a6, 0x1122
  sh a6, -2048(a5)            // writes buffer[0..1]
  lhu a2, 0(a0)
  CHECK 30, a2, 0x1122
  sw a6, 2040(a0)
  lw a2, 2040(a0)
  CHECK 31, a2, 0x1122
  // a load into x0 is performed but discarded
  lw x0, 0(a0)
  CHECK 32, x0, 0
  // a load whose rd is its base register
  mv a7, a0
  ld a7, 0(a7)
  CHECK 33, a7, 0x8877665544331122

  PASS
  TEST_END
  .data
  .align 3
buffer: .fill 4096, 1, 0
