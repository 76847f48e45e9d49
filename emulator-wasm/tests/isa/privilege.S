// Privilege rules: CSR access by mode, counter enables (mcounteren/scounteren), WFI legality and
// mstatus.TW (cartesi-machine.md §3.5), TSR (sret) and TVM (satp, sfence.vma) (privileged spec §3.1.6.5).
#include "test-macros.h"

// Run \insn (a 32-bit word) in mode \prv and expect (\cause) or no trap (\cause = -1).
.macro IN_MODE_EXPECT n, prv, bits, cause
  GOTO_MODE \prv
  TRAP_RESET
  .word \bits
  GOTO_M
  .if \cause == -1
  CHECK_NO_TRAP \n
  .else
  CHECK_TRAP_TVAL \n, \cause, \bits
  .endif
.endm

#define WFI 0x10500073
#define SRET 0x10200073
#define SFENCE_VMA 0x12000073
#define CSRR_A0_SATP 0x18002573
#define CSRR_A0_MSTATUS 0x30002573
#define CSRR_A0_SSTATUS 0x10002573
#define CSRR_A0_CYCLE 0xc0002573
#define CSRR_A0_TIME 0xc0102573
#define CSRR_A0_INSTRET 0xc0202573
#define CSRR_A0_MSCRATCH 0x34002573

  TEST_START
  // CSR privilege: M CSRs need M, S CSRs need S
  IN_MODE_EXPECT 1, PRV_S, CSRR_A0_MSTATUS, 2
  IN_MODE_EXPECT 2, PRV_S, CSRR_A0_MSCRATCH, 2
  IN_MODE_EXPECT 3, PRV_U, CSRR_A0_SSTATUS, 2
  IN_MODE_EXPECT 4, PRV_S, CSRR_A0_SSTATUS, -1
  IN_MODE_EXPECT 5, PRV_U, CSRR_A0_SATP, 2

  // counters below M are gated by mcounteren (and scounteren for U)
  csrw mcounteren, zero
  csrw scounteren, zero
  IN_MODE_EXPECT 10, PRV_S, CSRR_A0_CYCLE, 2
  IN_MODE_EXPECT 11, PRV_U, CSRR_A0_TIME, 2
  csrwi mcounteren, 7
  IN_MODE_EXPECT 12, PRV_S, CSRR_A0_CYCLE, -1
#ifndef QEMU
  IN_MODE_EXPECT 13, PRV_S, CSRR_A0_TIME, -1   // time = mcycle / 8192 (§3.3)
#endif
  IN_MODE_EXPECT 14, PRV_S, CSRR_A0_INSTRET, -1
  IN_MODE_EXPECT 15, PRV_U, CSRR_A0_INSTRET, 2   // scounteren.IR = 0
  csrwi scounteren, 4
  IN_MODE_EXPECT 16, PRV_U, CSRR_A0_INSTRET, -1
  IN_MODE_EXPECT 17, PRV_U, CSRR_A0_CYCLE, 2
  csrwi mcounteren, 3
  IN_MODE_EXPECT 18, PRV_U, CSRR_A0_INSTRET, 2   // mcounteren.IR = 0 blocks U too
  csrw mcounteren, zero
  csrw scounteren, zero
  // M always reads the counters
  TRAP_RESET
  csrr a0, cycle
#ifndef QEMU
  csrr a0, time
#endif
  csrr a0, instret
  CHECK_NO_TRAP 19

  // WFI: illegal in U whatever TW says; in S only with TW = 1; always legal in M (§3.5)
  IN_MODE_EXPECT 20, PRV_U, WFI, 2
#ifndef QEMU
  TRAP_RESET
  wfi                                   // reproducible mode: an ordinary one-cycle instruction
  CHECK_NO_TRAP 21
  IN_MODE_EXPECT 22, PRV_S, WFI, -1
#endif
  li a1, MSTATUS_TW
  csrs mstatus, a1
  IN_MODE_EXPECT 23, PRV_S, WFI, 2
  IN_MODE_EXPECT 24, PRV_U, WFI, 2
#ifndef QEMU
  TRAP_RESET
  wfi
  CHECK_NO_TRAP 25
#endif
  csrc mstatus, a1

  // TSR: sret in S is illegal when set
  li a1, MSTATUS_TSR
  csrs mstatus, a1
  IN_MODE_EXPECT 30, PRV_S, SRET, 2
  // (sret in M stays legal with TSR)
  li a0, MSTATUS_SPP
  csrs mstatus, a0
  la a0, 1f
  csrw sepc, a0
  TRAP_RESET
  sret
1:
  GOTO_M
  CHECK_NO_TRAP 31
  li a1, MSTATUS_TSR
  csrc mstatus, a1

  // TVM: satp access and sfence.vma in S are illegal when set, legal otherwise
  IN_MODE_EXPECT 40, PRV_S, CSRR_A0_SATP, -1
  IN_MODE_EXPECT 41, PRV_S, SFENCE_VMA, -1
  IN_MODE_EXPECT 42, PRV_U, SFENCE_VMA, 2
  li a1, MSTATUS_TVM
  csrs mstatus, a1
  IN_MODE_EXPECT 43, PRV_S, CSRR_A0_SATP, 2
  IN_MODE_EXPECT 44, PRV_S, SFENCE_VMA, 2
  TRAP_RESET
  csrr a0, satp                         // M is not affected by TVM
  sfence.vma
  CHECK_NO_TRAP 45
  csrc mstatus, a1

  PASS
  TEST_END
