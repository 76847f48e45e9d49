// RV64C: every compressed form of RV64GC written with explicit c. mnemonics (unprivileged spec chapter 16),
// c.ebreak, and the all-zero halfword being illegal.
#include "test-macros.h"
  TEST_START
  .option push
  .option rvc

  la sp, buffer
  // stack-pointer based
  c.addi4spn s0, sp, 16       // s0 = sp + 16
  sub a0, s0, sp
  CHECK 1, a0, 16
  c.addi16sp sp, 32
  c.addi16sp sp, -32
  la a1, buffer
  CHECK_REG_EQ 2, sp, a1
  li a0, 0x1122334455667788
  c.sdsp a0, 8(sp)
  c.ldsp a1, 8(sp)
  CHECK 3, a1, 0x1122334455667788
  li a0, 0x80000000
  c.swsp a0, 16(sp)
  c.lwsp a1, 16(sp)           // sign-extends
  CHECK 4, a1, 0xffffffff80000000
  // register based (x8-x15)
  c.mv a2, sp
  li a0, 0x0102030405060708
  c.sd a0, 24(a2)
  c.ld a3, 24(a2)
  CHECK 5, a3, 0x0102030405060708
  li a0, 0xfffffffe
  c.sw a0, 32(a2)
  c.lw a3, 32(a2)
  CHECK 6, a3, -2
  // floating-point loads/stores (D)
  FP_ENABLE
  li a0, 0x400921fb54442d18
  fmv.d.x fa0, a0
  c.fsd fa0, 40(a2)
  c.fld fa1, 40(a2)
  fmv.x.d a3, fa1
  CHECK 7, a3, 0x400921fb54442d18
  c.fsdsp fa0, 48(sp)
  c.fldsp fa2, 48(sp)
  fmv.x.d a3, fa2
  CHECK 8, a3, 0x400921fb54442d18

  // constants and immediates
  c.li a4, -32
  CHECK 10, a4, -32
  c.li a4, 31
  c.addi a4, -1
  CHECK 11, a4, 30
  c.lui a5, 0xfffe0           // imm -32 << 12
  CHECK 12, a5, 0xfffffffffffe0000
  c.lui a5, 1
  CHECK 13, a5, 0x1000
  li a5, 0x7fffffff
  c.addiw a5, 1
  CHECK 14, a5, 0xffffffff80000000
  li a5, 0x123456789
  c.addiw a5, 0               // sext.w
  CHECK 15, a5, 0x23456789
  c.nop

  // shifts and logic on x8-x15
  li s1, 0x8000000000000010
  c.srli s1, 4
  CHECK 20, s1, 0x0800000000000001
  li s1, 0x8000000000000010
  c.srai s1, 4
  CHECK 21, s1, 0xf800000000000001
  c.andi s1, -2
  CHECK 22, s1, 0xf800000000000000
  li s1, 1
  c.slli s1, 63
  CHECK 23, s1, 0x8000000000000000
  li s1, 0xff00
  li a0, 0x0ff0
  c.and s1, a0
  CHECK 24, s1, 0x0f00
  c.or s1, a0
  CHECK 25, s1, 0x0ff0
  c.xor s1, a0
  CHECK 26, s1, 0
  c.sub s1, a0
  CHECK 27, s1, -0x0ff0
  li s1, 0x7fffffff
  li a0, 1
  c.addw s1, a0
  CHECK 28, s1, 0xffffffff80000000
  c.subw s1, a0
  CHECK 29, s1, 0x7fffffff
  // c.add / c.mv on any register
  li t0, 40
  li t1, 2
  c.add t0, t1
  CHECK 30, t0, 42
  c.mv t2, t0
  CHECK 31, t2, 42

  // control transfer
  c.j 1f
  FAIL 40
1:
  li s1, 0
  c.beqz s1, 1f
  FAIL 41
1:
  c.bnez s1, 2f
  li s1, 1
  c.bnez s1, 1f
2:
  FAIL 42
1:
  c.beqz s1, 2b
  la t0, 3f
  c.jr t0
  FAIL 43
3:
  la t0, 4f
  c.jalr t0                   // links ra = pc + 2
5:
  FAIL 44
4:
  la t1, 5b
  CHECK_REG_EQ 45, ra, t1
  // jump to a 2-byte aligned target (bit 1 set) is valid with C
  la t0, 6f
  jalr zero, 0(t0)
  FAIL 46
  .balign 4
  c.nop
6:
  andi t1, t0, 3
  CHECK 47, t1, 2

  // c.ebreak: breakpoint (cause 3), mepc at the halfword, which the handler skips by 2 bytes
  TRAP_RESET
7:
  c.ebreak
  CHECK_TRAP 50, 3
  la t0, 7b
  la t1, trap_record
  ld t1, TR_EPC(t1)
  CHECK_REG_EQ 51, t1, t0
#ifndef QEMU
  CHECK_MEM_REG 54, trap_record, TR_TVAL, t0   // mtval = the c.ebreak's address (as Cartesi does)
#endif
  // the all-zero halfword is illegal (cause 2, mtval = the instruction bits = 0)
  TRAP_RESET
  .half 0x0000
  CHECK_TRAP_TVAL 52, 2, 0
  // c.addi4spn with nzuimm = 0 is reserved: illegal, mtval = its 16 bits
  TRAP_RESET
  .half 0x0004
  CHECK_TRAP_TVAL 53, 2, 0x0004

  .option pop
  PASS
  TEST_END
  .data
  .align 4
buffer: .fill 256, 1, 0
