// Supervisor interrupts delegated through mideleg (privileged spec §3.1.9, §4.1.3): STIP and SEIP written to mip
// by M are taken in S with scause 5 and 9, in the order SEI, SSI, STI; S cannot clear STIP or SEIP through sip;
// an undelegated S-level interrupt pending while running in S goes to M even with SIE = 0.
#include "test-macros.h"

#define IRQ(code) (INTERRUPT_BIT | (code))

  TEST_START
  li a0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mideleg, a0
  csrw mie, a0
  csrsi sstatus, MSTATUS_SIE
  // STIP alone
  li t0, MIP_STIP
  csrw mip, t0
  TRAP_RESET
  GOTO_MODE PRV_S
  GOTO_M
  CHECK_STRAP 1, IRQ(5)
  CHECK_CSR 2, mie, MIP_SSIP | MIP_SEIP          // the S handler cleared sie.STIE
  // all three: SEI, SSI, STI
  li a0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mie, a0
  csrw mip, a0
  csrsi sstatus, MSTATUS_SIE
  TRAP_RESET
  GOTO_MODE PRV_S
  GOTO_M
  CHECK_MEM 3, s_trap_record, TR_COUNT, 3
#ifndef QEMU  /* QEMU 7.2 takes SSI before SEI */
  CHECK_MEM 4, s_trap_record, TR_LOG + 0, IRQ(9)
  CHECK_MEM 5, s_trap_record, TR_LOG + 8, IRQ(1)
  CHECK_MEM 6, s_trap_record, TR_LOG + 16, IRQ(5)
#endif
  CHECK_MEM 7, trap_record, TR_COUNT, 0
  // sip: STIP and SEIP are read-only there, SSIP is writable
  li a0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mip, a0
  csrw mie, zero
  GOTO_MODE PRV_S
  csrw sip, zero
  csrr a1, sip
  GOTO_M
  CHECK 8, a1, MIP_STIP | MIP_SEIP
  CHECK_CSR 9, mip, MIP_STIP | MIP_SEIP
  csrw mip, zero

  // in S with SIE = 0 and a delegated SSIP pending, the csrs to sstatus that sets SIE is followed at once by
  // the trap (sepc = the next instruction)
  li t0, MIP_SSIP
  csrw mideleg, t0
  csrw mie, t0
  csrw mip, t0
  csrci sstatus, MSTATUS_SIE
  TRAP_RESET
  GOTO_MODE PRV_S
  csrsi sstatus, MSTATUS_SIE
1:
  GOTO_M
  CHECK_STRAP 13, IRQ(1)
  la t0, 1b
  CHECK_MEM_REG 14, s_trap_record, TR_EPC, t0
  csrw mip, zero

  // undelegated STIP while in S with SIE = 0: taken in M
  csrw mideleg, zero
  csrci sstatus, MSTATUS_SIE
  li t0, MIP_STIP
  csrw mie, t0
  li t0, MIP_STIP
  csrw mip, t0
  TRAP_RESET
  GOTO_MODE PRV_S
  GOTO_M
  CHECK_MEM 10, trap_record, TR_LOG, IRQ(5)
  CHECK_MEM 11, trap_record, TR_PRV, PRV_S
  CHECK_MEM 12, s_trap_record, TR_COUNT, 0
  csrw mip, zero

  PASS
  TEST_END
