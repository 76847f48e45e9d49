// Synchronous traps into M-mode: ecall from M, S and U (causes 11, 9, 8), ebreak (3), illegal instructions (2,
// mtval = the instruction), and how trap entry, mret and sret update mstatus, mepc and the mode
// (privileged spec §3.1.6.1, §3.3.2; cartesi-machine.md §3.4 cause codes).
#include "test-macros.h"

.macro CHECK_EPC n, label
  la t0, \label
  la t1, trap_record
  ld t1, TR_EPC(t1)
  CHECK_REG_EQ \n, t1, t0
.endm

  TEST_START
  // ecall from M: cause 11, mepc = the ecall, mtval = 0, MPP = M
  TRAP_RESET
1:
  ecall
  CHECK_TRAP_TVAL 1, 11, 0
  CHECK_EPC 2, 1b
  CHECK_MEM 3, trap_record, TR_PRV, PRV_M

  // ecall from S: cause 9, MPP = S
  GOTO_MODE PRV_S
  TRAP_RESET
2:
  ecall
  GOTO_M
  CHECK_TRAP_TVAL 4, 9, 0
  CHECK_EPC 5, 2b
  CHECK_MEM 6, trap_record, TR_PRV, PRV_S

  // ecall from U: cause 8, MPP = U
  GOTO_MODE PRV_U
  TRAP_RESET
3:
  ecall
  GOTO_M
  CHECK_TRAP_TVAL 7, 8, 0
  CHECK_EPC 8, 3b
  CHECK_MEM 9, trap_record, TR_PRV, PRV_U

  // ebreak: cause 3, mepc = the ebreak; Cartesi also writes the ebreak's address to mtval
  TRAP_RESET
4:
  ebreak
  CHECK_TRAP 10, 3
  CHECK_EPC 11, 4b
#ifndef QEMU
  la t0, 4b
  CHECK_MEM_REG 29, trap_record, TR_TVAL, t0
#endif
  // ebreak from U also goes to M
  GOTO_MODE PRV_U
  TRAP_RESET
  ebreak
  GOTO_M
  CHECK_TRAP 12, 3
  CHECK_MEM 13, trap_record, TR_PRV, PRV_U

  // illegal instructions: mtval = the instruction bits
  TRAP_RESET
5:
  .word 0x0000000b              // custom-0 opcode: not implemented
  CHECK_TRAP_TVAL 14, 2, 0x0000000b
  CHECK_EPC 15, 5b
  TRAP_RESET
  .word 0xfe000033 | (1 << 25)  // OP with funct7 1111111: no such instruction
  CHECK_TRAP_TVAL 16, 2, 0xfe000033 | (1 << 25)
  // mret / sret are illegal in U; mret is illegal in S
  GOTO_MODE PRV_U
  TRAP_RESET
  mret
  GOTO_M
  CHECK_TRAP_TVAL 17, 2, 0x30200073
  GOTO_MODE PRV_U
  TRAP_RESET
  sret
  GOTO_M
  CHECK_TRAP_TVAL 18, 2, 0x10200073
  GOTO_MODE PRV_S
  TRAP_RESET
  mret
  GOTO_M
  CHECK_TRAP_TVAL 19, 2, 0x30200073

  // trap entry saves MIE in MPIE and the handler's mret restores it (interrupts stay masked: mie = 0)
  li a0, MSTATUS_MPIE
  csrc mstatus, a0
  csrsi mstatus, MSTATUS_MIE
  TRAP_RESET
  ecall
  csrr a0, mstatus
  andi a0, a0, MSTATUS_MIE | MSTATUS_MPIE
  CHECK 20, a0, MSTATUS_MIE | MSTATUS_MPIE

  // mret: MIE <- MPIE, MPIE <- 1, MPP <- U, pc <- mepc
  li a0, MSTATUS_MPP | MSTATUS_MIE
  csrc mstatus, a0
  li a0, MSTATUS_MPIE | (PRV_M << 11)
  csrs mstatus, a0
  la a0, 6f
  csrw mepc, a0
  mret
  FAIL 21
6:
  csrr a0, mstatus
  li a1, MSTATUS_MPP | MSTATUS_MIE | MSTATUS_MPIE
  and a0, a0, a1
  CHECK 22, a0, MSTATUS_MIE | MSTATUS_MPIE
  csrci mstatus, MSTATUS_MIE

  // sret from M into S: SIE <- SPIE, SPIE <- 1, SPP <- U, pc <- sepc
  li a0, MSTATUS_SIE
  csrc mstatus, a0
  li a0, MSTATUS_SPP | MSTATUS_SPIE
  csrs mstatus, a0
  la a0, 7f
  csrw sepc, a0
  sret
  FAIL 23
7:
  csrr a0, sstatus               // legal: we are in S now
  li a1, MSTATUS_SPP | MSTATUS_SIE | MSTATUS_SPIE
  and a0, a0, a1
  CHECK 24, a0, MSTATUS_SIE | MSTATUS_SPIE
  TRAP_RESET
  csrr a0, mstatus               // and this proves it: M CSRs are illegal in S
  GOTO_M
  CHECK_TRAP 25, 2
  CHECK_MEM 26, trap_record, TR_PRV, PRV_S
  csrci mstatus, MSTATUS_SIE

#ifndef QEMU
  // mepc and sepc: bit 0 is cleared on write (Cartesi WARL rule, §3.2)
  li a0, 0x80000003
  csrw mepc, a0
  CHECK_CSR 27, mepc, 0x80000002
  csrw sepc, a0
  CHECK_CSR 28, sepc, 0x80000002
#endif

  PASS
  TEST_END
