// Zcb compressed forms implemented by Cartesi v0.21 (cartesi-machine.md §2): c.lbu c.lhu c.lh c.sb c.sh
// c.zext.b c.zext.h c.zext.w c.sext.b c.sext.h c.not c.mul. gcc 12 has no Zcb, so they are encoded here by hand
// from the Zc specification (v1.0): quadrant 0 loads/stores with funct6 100000-100011, quadrant 1 funct6 100111.
#include "test-macros.h"

// Compressed register numbers: x8..x15 -> 0..7 (s0=0 s1=1 a0=2 a1=3 a2=4 a3=5 a4=6 a5=7).
#define CS0 0
#define CS1 1
#define CA0 2
#define CA1 3
#define CA2 4
#define CA3 5

.macro C_LBU rd, rs1, uimm
  .half 0x8000 | (\rs1 << 7) | ((\uimm & 1) << 6) | (((\uimm >> 1) & 1) << 5) | (\rd << 2)
.endm
.macro C_LHU rd, rs1, uimm
  .half 0x8400 | (\rs1 << 7) | (((\uimm >> 1) & 1) << 5) | (\rd << 2)
.endm
.macro C_LH rd, rs1, uimm
  .half 0x8400 | (\rs1 << 7) | (1 << 6) | (((\uimm >> 1) & 1) << 5) | (\rd << 2)
.endm
.macro C_SB rs2, rs1, uimm
  .half 0x8800 | (\rs1 << 7) | ((\uimm & 1) << 6) | (((\uimm >> 1) & 1) << 5) | (\rs2 << 2)
.endm
.macro C_SH rs2, rs1, uimm
  .half 0x8c00 | (\rs1 << 7) | (((\uimm >> 1) & 1) << 5) | (\rs2 << 2)
.endm
// funct6 100111, rd'/rs1', funct2 11, sub-op in bits 4-2, op 01
.macro C_UNARY rd, subop
  .half 0x9c00 | (\rd << 7) | (3 << 5) | (\subop << 2) | 1
.endm
.macro C_MUL rd, rs2
  .half 0x9c00 | (\rd << 7) | (2 << 5) | (\rs2 << 2) | 1
.endm

  TEST_START
  la s0, data
  li a0, 0x80ff7f01fedcba98
  sd a0, 0(s0)

  C_LBU CA1, CS0, 0           // c.lbu a1, 0(s0)
  CHECK 1, a1, 0x98
  C_LBU CA1, CS0, 3
  CHECK 2, a1, 0xfe
  C_LBU CA1, CS0, 1
  CHECK 3, a1, 0xba
  C_LBU CA1, CS0, 2
  CHECK 4, a1, 0xdc
  C_LHU CA1, CS0, 2           // c.lhu a1, 2(s0)
  CHECK 5, a1, 0xfedc
  C_LHU CA1, CS0, 0
  CHECK 6, a1, 0xba98
  C_LH CA1, CS0, 2            // c.lh a1, 2(s0): sign-extends
  CHECK 7, a1, 0xfffffffffffffedc
  addi s1, s0, 4
  C_LH CA1, CS1, 0            // 0x7f01: positive
  CHECK 8, a1, 0x7f01

  li a2, 0x5a
  C_SB CA2, CS0, 3            // c.sb a2, 3(s0)
  ld a1, 0(s0)
  CHECK 10, a1, 0x80ff7f015adcba98
  C_SB CA2, CS0, 1
  ld a1, 0(s0)
  CHECK 11, a1, 0x80ff7f015adc5a98
  li a2, 0x1234
  C_SH CA2, CS0, 2            // c.sh a2, 2(s0)
  ld a1, 0(s0)
  CHECK 12, a1, 0x80ff7f0112345a98
  C_SH CA2, CS1, 0
  ld a1, 0(s0)
  CHECK 13, a1, 0x80ff123412345a98

  li a3, 0xfedcba9876543280
  mv a4, a3
  C_UNARY CA3, 0              // c.zext.b a3
  CHECK 20, a3, 0x80
  mv a3, a4
  C_UNARY CA3, 1              // c.sext.b a3
  CHECK 21, a3, 0xffffffffffffff80
  mv a3, a4
  C_UNARY CA3, 2              // c.zext.h a3
  CHECK 22, a3, 0x3280
  mv a3, a4
  C_UNARY CA3, 3              // c.sext.h a3: 0x3280 is positive
  CHECK 23, a3, 0x3280
  li a3, 0x8001
  C_UNARY CA3, 3
  CHECK 24, a3, 0xffffffffffff8001
  mv a3, a4
  C_UNARY CA3, 4              // c.zext.w a3
  CHECK 25, a3, 0x76543280
  mv a3, a4
  C_UNARY CA3, 5              // c.not a3
  CHECK 26, a3, 0x0123456789abcd7f
  li a3, 0x7f
  C_UNARY CA3, 1              // c.sext.b of a positive byte
  CHECK 27, a3, 0x7f

  li a3, -3
  li a2, 0x100000001
  C_MUL CA3, CA2              // c.mul a3, a2: low 64 bits of the product
  CHECK 30, a3, 0xfffffffcfffffffd
  li a3, 6
  C_MUL CA3, CA3              // rs2 == rd
  CHECK 31, a3, 36

  // The full-size Zbb/Zba forms are not implemented (§2): zext.h (0x080 0x4 0x3b encoding) is illegal.
  TRAP_RESET
  .word 0x0805453b            // zext.h a0, a0 (Zbb, OP-32 funct7 0000100)
  CHECK_TRAP_TVAL 40, 2, 0x0805453b
  // sub-op 110 and 111 of the unary group are reserved: illegal
  TRAP_RESET
  C_UNARY CA3, 6
  CHECK_TRAP 41, 2

  PASS
  TEST_END
  .data
  .align 3
data: .dword 0, 0
