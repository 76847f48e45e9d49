// RV64I logic and shifts, including the W shift forms and shift-amount masking (unprivileged spec §2.4, §5.2).
#include "test-macros.h"
  TEST_START

  li a0, 0xff00ff00ff00ff00
  li a1, 0x0ff00ff00ff00ff0
  and a2, a0, a1
  CHECK 1, a2, 0x0f000f000f000f00
  or a2, a0, a1
  CHECK 2, a2, 0xfff0fff0fff0fff0
  xor a2, a0, a1
  CHECK 3, a2, 0xf0f0f0f0f0f0f0f0
  andi a2, a0, -256           // immediate sign-extended
  CHECK 4, a2, 0xff00ff00ff00ff00
  ori a2, a1, 0x00f
  CHECK 5, a2, 0x0ff00ff00ff00fff
  xori a2, a0, -1             // not
  CHECK 6, a2, 0x00ff00ff00ff00ff
  andi a2, a0, 0x7ff
  CHECK 7, a2, 0x700

  // 64-bit shifts use the low 6 bits of rs2
  li a3, 0x8000000000000001
  li a4, 65
  sll a2, a3, a4
  CHECK 10, a2, 2
  srl a2, a3, a4
  CHECK 11, a2, 0x4000000000000000
  sra a2, a3, a4
  CHECK 12, a2, 0xc000000000000000
  slli a2, a3, 63
  CHECK 13, a2, 0x8000000000000000
  srli a2, a3, 63
  CHECK 14, a2, 1
  srai a2, a3, 63
  CHECK 15, a2, -1
  li a4, 64
  sll a2, a3, a4              // amount 64 masks to 0
  CHECK 16, a2, 0x8000000000000001
  srai a2, a3, 0
  CHECK 17, a2, 0x8000000000000001

  // W forms: operate on the low 32 bits, low 5 bits of rs2, sign-extend the result
  li a5, 0xffffffff80000001
  li a4, 33
  sllw a2, a5, a4             // amount 33 masks to 1
  CHECK 20, a2, 2
  srlw a2, a5, a4
  CHECK 21, a2, 0x40000000
  sraw a2, a5, a4
  CHECK 22, a2, 0xffffffffc0000000
  slliw a2, a5, 31
  CHECK 23, a2, 0xffffffff80000000
  srliw a2, a5, 31
  CHECK 24, a2, 1
  sraiw a2, a5, 31
  CHECK 25, a2, -1
  li a6, 0x00000000ffffffff
  srliw a2, a6, 0             // sign-extends bit 31
  CHECK 26, a2, -1
  li a6, 0x1234567880000000
  sraw a2, a6, zero           // upper 32 bits of rs1 ignored
  CHECK 27, a2, 0xffffffff80000000
  li a6, 0x00000000c0000000
  srlw a2, a6, a4             // 0xc0000000 >> 1 = 0x60000000, positive
  CHECK 28, a2, 0x60000000
  slliw a2, a6, 1             // 0x80000000 sign-extended
  CHECK 29, a2, 0xffffffff80000000

  PASS
  TEST_END
