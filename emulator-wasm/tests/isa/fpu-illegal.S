// Illegal F/D uses: any FP instruction or FP CSR access with mstatus.FS = Off, and a reserved effective
// rounding mode (rm 5 or 6, or DYN with frm >= 5) raise illegal instruction (cause 2) with mtval = the
// instruction bits (cartesi-machine.md §17; privileged spec §3.1.6.6).
#include "test-macros.h"

// Expect an illegal-instruction trap from the 32-bit instruction \bits placed at this point.
.macro EXPECT_ILLEGAL n, bits
  TRAP_RESET
  .word \bits
  CHECK_TRAP_TVAL \n, 2, \bits
.endm

  TEST_START
  // FS is Off after reset (mstatus = 0xa00000000, §3.2)
  csrr a0, mstatus
  li a1, MSTATUS_FS
  and a0, a0, a1
  CHECK 1, a0, 0
  la s0, scratch
  EXPECT_ILLEGAL 2, 0x02c5f553   // fadd.d fa0, fa1, fa2 (dyn)
  EXPECT_ILLEGAL 3, 0x00042507   // flw fa0, 0(s0)
  EXPECT_ILLEGAL 4, 0x00a43027   // fsd fa0, 0(s0)
  EXPECT_ILLEGAL 5, 0xe2058553   // fmv.x.d a0, fa1
  EXPECT_ILLEGAL 6, 0xf2058553   // fmv.d.x fa0, a1
  EXPECT_ILLEGAL 7, 0x00102573   // csrr a0, fflags
  EXPECT_ILLEGAL 8, 0x00205073   // csrwi frm, 0
  EXPECT_ILLEGAL 9, 0x00302573   // csrr a0, fcsr
  // c.fld from the compressed FD subset also needs FS
  TRAP_RESET
  .half 0x2008                   // c.fld fa0, 0(s0)
  CHECK_TRAP_TVAL 10, 2, 0x2008

  FP_ENABLE
  TRAP_RESET
  .word 0x02c5f553               // the same fadd.d now executes
  CHECK_NO_TRAP 11
  // reserved static rounding modes
  EXPECT_ILLEGAL 20, 0x02c5d553  // fadd.d fa0, fa1, fa2, rm=5
  EXPECT_ILLEGAL 21, 0x02c5e553  // fadd.d fa0, fa1, fa2, rm=6
  EXPECT_ILLEGAL 22, 0xc005d553  // fcvt.w.s a0, fa1, rm=5
  // DYN with a reserved frm
  csrwi frm, 5
  EXPECT_ILLEGAL 23, 0x02c5f553  // fadd.d, rm = dyn
  csrwi frm, 6
  EXPECT_ILLEGAL 24, 0x02c5f553
  csrwi frm, 7
  EXPECT_ILLEGAL 25, 0x02c5f553
  // instructions without a rounding mode are unaffected by frm
  TRAP_RESET
  fsgnj.d fa0, fa1, fa2
  fmv.x.d a0, fa0
  CHECK_NO_TRAP 26
  csrwi frm, 0
  TRAP_RESET
  .word 0x02c5f553
  CHECK_NO_TRAP 27

  PASS
  TEST_END
  .data
  .align 3
scratch: .dword 0
