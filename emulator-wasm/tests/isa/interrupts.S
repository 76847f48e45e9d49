// Interrupts: mie/mip/mstatus enabling, software interrupts through mip.SSIP and CLINT msip, the standard
// priority order (MEI, MSI, MTI, SEI, SSI, STI), delegation through mideleg, enabling below M regardless of
// MIE, and the immediate check after CSR writes and xRET (cartesi-machine.md §3.4, privileged spec §3.1.9).
#include "test-macros.h"

#define IRQ(code) (INTERRUPT_BIT | (code))

.macro CHECK_EPC_LABEL n, label
  la t0, \label
  la t1, trap_record
  ld t1, TR_EPC(t1)
  CHECK_REG_EQ \n, t1, t0
.endm

  TEST_START
  // a pending, enabled, undelegated SSIP is taken in M as soon as MIE is set; mepc = the next instruction
  TRAP_RESET
  csrwi mie, MIP_SSIP
  csrsi mip, MIP_SSIP
  CHECK_NO_TRAP 1                        // MIE = 0: masked in M
  csrsi mstatus, MSTATUS_MIE
1:
  CHECK_MEM 2, trap_record, TR_COUNT, 1
  CHECK_MEM 3, trap_record, TR_CAUSE, IRQ(1)
  CHECK_EPC_LABEL 4, 1b
  CHECK_MEM 5, trap_record, TR_PRV, PRV_M
  CHECK_MEM 16, trap_record, TR_TVAL, 0    // interrupts write 0 to mtval
  CHECK_CSR 6, mie, 0                    // the handler disabled it
  CHECK_CSR 7, mip, MIP_SSIP             // still pending: only software clears SSIP
  csrci mip, MIP_SSIP
  csrci mstatus, MSTATUS_MIE

  // setting mip.SSIP with MIE and SSIE already set is taken right after the csr write
  csrwi mie, MIP_SSIP
  csrsi mstatus, MSTATUS_MIE
  TRAP_RESET
  csrsi mip, MIP_SSIP
2:
  CHECK_MEM 8, trap_record, TR_CAUSE, IRQ(1)
  CHECK_EPC_LABEL 9, 2b
  csrci mstatus, MSTATUS_MIE
  csrci mip, MIP_SSIP

  // with MIE set and SSIP pending, the csrw to mie that enables it is followed at once by the trap
  csrwi mie, 0
  csrsi mip, MIP_SSIP
  csrsi mstatus, MSTATUS_MIE
  TRAP_RESET
  csrwi mie, MIP_SSIP
4:
  CHECK_MEM 14, trap_record, TR_CAUSE, IRQ(1)
  CHECK_EPC_LABEL 15, 4b
  csrci mstatus, MSTATUS_MIE
  csrci mip, MIP_SSIP

  // priority: with SEIP, SSIP and STIP pending, SEI, then SSI, then STI
  li a0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mie, a0
  csrw mip, a0
  TRAP_RESET
  csrsi mstatus, MSTATUS_MIE
  CHECK_MEM 10, trap_record, TR_COUNT, 3
#ifndef QEMU  /* QEMU 7.2 takes SSI before SEI */
  CHECK_MEM 11, trap_record, TR_LOG + 0, IRQ(9)
  CHECK_MEM 12, trap_record, TR_LOG + 8, IRQ(1)
  CHECK_MEM 13, trap_record, TR_LOG + 16, IRQ(5)
#endif
  csrci mstatus, MSTATUS_MIE
  csrw mip, zero

  // CLINT msip sets mip.MSIP; MSI outranks SSI
  li s0, CLINT_MSIP
  li a0, 1
  sw a0, 0(s0)
  CHECK_CSR 20, mip, MIP_MSIP
  lw a1, 0(s0)
  CHECK 21, a1, 1
  csrsi mip, MIP_SSIP
  li a0, MIP_MSIP | MIP_SSIP
  csrw mie, a0
  TRAP_RESET
  csrsi mstatus, MSTATUS_MIE
  CHECK_MEM 22, trap_record, TR_COUNT, 2
#ifndef QEMU
  CHECK_MEM 23, trap_record, TR_LOG + 0, IRQ(3)
  CHECK_MEM 24, trap_record, TR_LOG + 8, IRQ(1)
#endif
  csrci mstatus, MSTATUS_MIE
  sw zero, 0(s0)
  CHECK_CSR 25, mip, MIP_SSIP
  csrci mip, MIP_SSIP

  // M-level interrupts are enabled below M whatever MIE says
  li a0, 1
  sw a0, 0(s0)
  csrwi mie, MIP_MSIP
  TRAP_RESET
  GOTO_MODE PRV_U                         // the mret makes it takeable: taken with MPP = U
  GOTO_M
  CHECK_MEM 30, trap_record, TR_CAUSE, IRQ(3)
  CHECK_MEM 31, trap_record, TR_PRV, PRV_U
  CHECK_MEM 32, trap_record, TR_COUNT, 1
  sw zero, 0(s0)

  // delegated SSIP: never taken in M; taken in S when SIE = 1, and in U always
  csrwi mideleg, MIP_SSIP
  csrwi mie, MIP_SSIP
  csrsi mstatus, MSTATUS_MIE
  TRAP_RESET
  csrsi mip, MIP_SSIP
  CHECK_NO_TRAP 40                        // delegated: not an M interrupt
  csrci mstatus, MSTATUS_MIE
  GOTO_MODE PRV_S                         // SIE = 0: masked in S
  csrr a0, sip
  GOTO_M
  CHECK 41, a0, MIP_SSIP
  CHECK_NO_TRAP 42
  csrsi sstatus, MSTATUS_SIE
  GOTO_MODE PRV_S
3:
  GOTO_M
  CHECK_STRAP 43, IRQ(1)
  la t0, 3b
  CHECK_MEM_REG 44, s_trap_record, TR_EPC, t0
  CHECK_MEM 45, s_trap_record, TR_PRV, 1   // SPP = S
  CHECK_CSR 46, mie, 0                     // the S handler cleared sie.SSIE
  csrci sstatus, MSTATUS_SIE
  csrwi mie, MIP_SSIP
  TRAP_RESET
  GOTO_MODE PRV_U                          // in U, delegated interrupts are enabled whatever SIE says
  GOTO_M
  CHECK_STRAP 47, IRQ(1)
  CHECK_MEM 48, s_trap_record, TR_PRV, 0   // SPP = U
  csrci mip, MIP_SSIP
  csrw mideleg, zero

  // an S-level interrupt that is not delegated is taken in M from S even with MIE = 0
  csrwi mie, MIP_SSIP
  csrsi mip, MIP_SSIP
  TRAP_RESET
  GOTO_MODE PRV_S
  GOTO_M
  CHECK_MEM 50, trap_record, TR_LOG, IRQ(1)
  CHECK_MEM 51, trap_record, TR_PRV, PRV_S
  csrci mip, MIP_SSIP

  PASS
  TEST_END
