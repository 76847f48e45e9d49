// RV64A: every AMO in .w and .d form; rd gets the old value (.w sign-extended), memory the result; min/max
// signed and unsigned (unprivileged spec chapter 14).
#include "test-macros.h"

// AMO_D n, op, initial, operand, expected_old, expected_new
.macro AMO_D n, op, init, operand, new
  li t0, \init
  sd t0, 0(s0)
  li t1, \operand
  \op a0, t1, (s0)
  CHECK \n, a0, \init
  ld a1, 0(s0)
  CHECK \n, a1, \new
.endm
// AMO_W n, op, initial (32-bit), operand, old (sign-extended), new word (as read back by lw)
.macro AMO_W n, op, init, operand, old, new
  li t0, \init
  sw t0, 0(s1)
  li t1, \operand
  \op a0, t1, (s1)
  CHECK \n, a0, \old
  lw a1, 0(s1)
  CHECK \n, a1, \new
  lw a2, -4(s1)               // the neighbouring word is untouched
  CHECK \n, a2, 0x5a5a5a5a
.endm

  TEST_START
  la s0, cell
  addi s1, s0, 12
  li t0, 0x5a5a5a5a
  sw t0, 8(s0)

  AMO_D 1, amoswap.d, 0x1122334455667788, -1, -1
  AMO_D 2, amoadd.d, 0x7fffffffffffffff, 1, 0x8000000000000000
  AMO_D 3, amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0
  AMO_D 4, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0x0f000f000f000f00
  AMO_D 5, amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xfff0fff0fff0fff0
  AMO_D 6, amomin.d, -5, 3, -5
  AMO_D 7, amomin.d, 3, -5, -5
  AMO_D 8, amomax.d, -5, 3, 3
  AMO_D 9, amomax.d, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff
  AMO_D 10, amominu.d, -5, 3, 3
  AMO_D 11, amominu.d, 3, -5, 3
  AMO_D 12, amomaxu.d, -5, 3, -5
  AMO_D 13, amomaxu.d, 3, 0x8000000000000000, 0x8000000000000000
  AMO_D 14, amoadd.d.aqrl, 5, -6, -1

  AMO_W 20, amoswap.w, 0x80000000, 0x12345678, 0xffffffff80000000, 0x12345678
  AMO_W 21, amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0xffffffff80000000
  AMO_W 22, amoadd.w, 0xffffffff, 0x100000001, -1, 0          // upper bits of rs2 ignored
  AMO_W 23, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xfffffffff0f0f0f0
  AMO_W 24, amoand.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00
  AMO_W 25, amoor.w, 0x0f00ff00, 0x0ff00ff0, 0x0f00ff00, 0x0ff0fff0
  AMO_W 26, amomin.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0xffffffff80000000
  AMO_W 27, amomin.w, 5, 0xfffffffe, 5, -2                     // -2 as a 32-bit value
  AMO_W 28, amomax.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff
  AMO_W 29, amomax.w, 5, 0x1fffffffe, 5, 5                     // operand's low word is -2
  AMO_W 30, amominu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0x7fffffff
  AMO_W 31, amominu.w, 5, 0xfffffffe, 5, 5
  AMO_W 32, amomaxu.w, 0x80000000, 0x7fffffff, 0xffffffff80000000, 0xffffffff80000000
  AMO_W 33, amomaxu.w, 5, 0xfffffffe, 5, -2
  AMO_W 34, amomaxu.w, 5, 0x100000000, 5, 5                    // compared on the low 32 bits only

  // rd == rs2: the old value lands in rd after the operand was used
  li t0, 10
  sd t0, 0(s0)
  li a3, 7
  amoadd.d a3, a3, (s0)
  CHECK 40, a3, 10
  ld a1, 0(s0)
  CHECK 41, a1, 17
  // rd = x0 still writes memory
  amoswap.d zero, zero, (s0)
  ld a1, 0(s0)
  CHECK 42, a1, 0

  PASS
  TEST_END
  .data
  .align 3
cell: .dword 0, 0, 0
