// RV64C reserved encodings and HINTs (unprivileged spec §16.8 and the RVC opcode map): reserved forms raise
// illegal instruction with mtval = the 16 instruction bits (Cartesi truncates the fetched word to the
// compressed halfword before decoding); compressed FP loads and stores need mstatus.FS; HINTs (rd = x0 forms)
// execute as no-ops.
#include "test-macros.h"

.macro EXPECT_ILLEGAL16 n, bits
  TRAP_RESET
  .half \bits
  CHECK_TRAP_TVAL \n, 2, \bits
.endm

  TEST_START
  la sp, buffer
  la s0, buffer
  EXPECT_ILLEGAL16 1, 0x4002     // c.lwsp x0
  EXPECT_ILLEGAL16 2, 0x6002     // c.ldsp x0
  EXPECT_ILLEGAL16 3, 0x8002     // c.jr x0
  EXPECT_ILLEGAL16 4, 0x6501     // c.lui a0, 0
  EXPECT_ILLEGAL16 5, 0x6101     // c.addi16sp 0
  EXPECT_ILLEGAL16 6, 0x2001     // c.addiw x0
  EXPECT_ILLEGAL16 7, 0x9000     // quadrant 0, funct6 100100: reserved
  EXPECT_ILLEGAL16 8, 0x8c40     // quadrant 0, funct6 100011 with bit 6 set: reserved
  // compressed FP loads and stores with FS = Off
  EXPECT_ILLEGAL16 10, 0x2002    // c.fldsp f0, 0(sp)
  EXPECT_ILLEGAL16 11, 0xa002    // c.fsdsp f0, 0(sp)
  EXPECT_ILLEGAL16 12, 0xa000    // c.fsd f8, 0(s0)
  EXPECT_ILLEGAL16 13, 0x2000    // c.fld f8, 0(s0)

  // HINTs: no trap, no register change
  li a0, 0x55
  TRAP_RESET
  .half 0x4015                   // c.li x0, 5
  .half 0x0005                   // c.addi x0, 1 (c.nop with an immediate)
  .half 0x0006                   // c.slli x0, 1
  .half 0x802a                   // c.mv x0, a0
  .half 0x902a                   // c.add x0, a0
  .half 0x0501                   // c.addi a0, 0
  CHECK_NO_TRAP 20
  CHECK 21, a0, 0x55
  CHECK 22, x0, 0

  PASS
  TEST_END
  .data
  .align 4
buffer: .fill 64, 1, 0
