// Zicsr: csrrw/csrrs/csrrc and the immediate forms, read-only CSRs (write → illegal, read-only access with
// rs1 = x0 or uimm = 0 is legal), unknown CSRs, and the v0.21 identification values (cartesi-machine.md §1-§3).
#include "test-macros.h"

.macro EXPECT_ILLEGAL_AT n, bits
  TRAP_RESET
  .word \bits
  CHECK_TRAP_TVAL \n, 2, \bits
.endm

  TEST_START
  // csrrw returns the old value and writes the new one
  li a1, 0x1234
  csrw mscratch, a1
  li a2, 0x5678
  csrrw a0, mscratch, a2
  CHECK 1, a0, 0x1234
  CHECK_CSR 2, mscratch, 0x5678
  // csrrs / csrrc set and clear bits and return the old value
  li a2, 0x8001
  csrrs a0, mscratch, a2
  CHECK 3, a0, 0x5678
  CHECK_CSR 4, mscratch, 0xd679
  li a2, 0x0670
  csrrc a0, mscratch, a2
  CHECK 5, a0, 0xd679
  CHECK_CSR 6, mscratch, 0xd009
  // immediate forms (5-bit zero-extended immediate)
  csrrwi a0, mscratch, 31
  CHECK 7, a0, 0xd009
  CHECK_CSR 8, mscratch, 31
  csrrci a0, mscratch, 0x11
  CHECK 9, a0, 31
  CHECK_CSR 10, mscratch, 0x0e
  csrrsi a0, mscratch, 0x10
  CHECK 11, a0, 0x0e
  CHECK_CSR 12, mscratch, 0x1e
  // rd = rs1: the old value goes to rd, the write uses the old rs1
  li a3, 0x40
  csrrw a3, mscratch, a3
  CHECK 13, a3, 0x1e
  CHECK_CSR 14, mscratch, 0x40
  // full 64-bit values
  li a1, 0xfedcba9876543210
  csrw sscratch, a1
  CHECK_CSR 15, sscratch, 0xfedcba9876543210

  // read-only CSRs: reads with rs1 = x0 / uimm = 0 are legal ...
  TRAP_RESET
  csrrs a0, mvendorid, zero
  csrrci a0, marchid, 0
  csrr a0, cycle
  CHECK_NO_TRAP 20
  // ... every write form traps, even one that would not change the value
  EXPECT_ILLEGAL_AT 21, 0xf1101073   // csrw mvendorid, zero
  EXPECT_ILLEGAL_AT 22, 0xf1105073   // csrwi mvendorid, 0
  li a1, 1
  EXPECT_ILLEGAL_AT 23, 0xf125a073   // csrrs zero, marchid, a1 (csrs marchid, a1)
  EXPECT_ILLEGAL_AT 24, 0xc0001073   // csrw cycle, zero
  EXPECT_ILLEGAL_AT 25, 0xc0205073   // csrwi instret, 0
  EXPECT_ILLEGAL_AT 26, 0xf1405073   // csrwi mhartid, 0
  // unknown CSR numbers are illegal
  EXPECT_ILLEGAL_AT 27, 0x7c002573   // csrr a0, 0x7c0
  EXPECT_ILLEGAL_AT 28, 0x80002573   // csrr a0, 0x800

#ifndef QEMU
  // Cartesi v0.21 identification and ISA (§1, §2)
  CHECK_CSR 30, misa, 0x800000000014112d
  CHECK_CSR 31, mvendorid, 0x6361727465736920
  CHECK_CSR 32, marchid, 0x15
  CHECK_CSR 33, mimpid, 0x15
  CHECK_CSR 34, mhartid, 0
  // misa writes are ignored
  li a1, 0x8000000000000001
  csrw misa, a1
  CHECK_CSR 35, misa, 0x800000000014112d
  csrw misa, zero
  CHECK_CSR 36, misa, 0x800000000014112d
  // mcycle is read-only from the guest (§3.3)
  EXPECT_ILLEGAL_AT 40, 0xb0001073   // csrw mcycle, zero
  EXPECT_ILLEGAL_AT 41, 0xb0005073   // csrwi mcycle, 0
  // a CSRRSI with uimm = 0 does not write, so it is a legal read
  TRAP_RESET
  csrrsi a0, mcycle, 0
  CHECK_NO_TRAP 42
  // minstret: a write makes the next read return the written value (§3.3)
  li a1, 1000
  csrw minstret, a1              // at mcycle M: the next read returns 1000
  csrr a0, minstret              // M+1
  csrr a1, minstret              // M+2
  nop                            // M+3
  csrr a2, minstret              // M+4
  csrrwi a3, minstret, 7         // M+5: reads the old value
  csrr a4, minstret              // M+6
  CHECK 43, a0, 1000
  CHECK 44, a1, 1001
  CHECK 45, a2, 1003
  CHECK 46, a3, 1004
  CHECK 47, a4, 7
  // unimplemented CSRs read as zero and ignore writes (§2)
  li a1, -1
  csrw mhpmcounter3, a1
  CHECK_CSR 50, mhpmcounter3, 0
  csrw mhpmevent3, a1
  CHECK_CSR 51, mhpmevent3, 0
  csrw mcountinhibit, a1
  CHECK_CSR 52, mcountinhibit, 0
  csrw tselect, a1
  CHECK_CSR 53, tselect, 0
  csrw tdata1, a1
  CHECK_CSR 54, tdata1, 0
  CHECK_CSR 55, mconfigptr, 0
  csrw mhpmcounter31, a1
  CHECK_CSR 56, mhpmcounter31, 0
#endif

  PASS
  TEST_END
