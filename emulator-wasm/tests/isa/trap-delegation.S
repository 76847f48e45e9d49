// Exception delegation to S-mode through medeleg: delegated traps from S and U go to stvec with scause, sepc,
// stval and SPP; M-mode traps are never delegated; an S-mode trap handler's sret resumes (privileged spec
// §3.1.8, §4.1).
#include "test-macros.h"

.macro CHECK_SEPC n, label
  la t0, \label
  la t1, s_trap_record
  ld t1, TR_EPC(t1)
  CHECK_REG_EQ \n, t1, t0
.endm

  TEST_START
  li a0, (1 << 8) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 7)
  csrw medeleg, a0

  // ecall from U, delegated: S handler, scause 8, SPP = U
  GOTO_MODE PRV_U
  TRAP_RESET
1:
  ecall
  GOTO_M
  CHECK_STRAP 1, 8
  CHECK_SEPC 2, 1b
  CHECK_MEM 3, s_trap_record, TR_PRV, 0
  CHECK_MEM 4, s_trap_record, TR_TVAL, 0

  // illegal instruction in S, delegated: stval = the instruction, SPP = S
  GOTO_MODE PRV_S
  TRAP_RESET
2:
  .word 0x0000000b
  GOTO_M
  CHECK_STRAP 5, 2
  CHECK_SEPC 6, 2b
  CHECK_MEM 7, s_trap_record, TR_TVAL, 0x0000000b
  CHECK_MEM 8, s_trap_record, TR_PRV, 1

  // load access fault in U, delegated: stval = the address
  GOTO_MODE PRV_U
  TRAP_RESET
  li a1, 0x90000000
  ld a2, 8(a1)
  GOTO_M
  CHECK_STRAP 9, 5
  CHECK_MEM 10, s_trap_record, TR_TVAL, 0x90000008

  // ebreak in S, delegated
  GOTO_MODE PRV_S
  TRAP_RESET
  ebreak
  GOTO_M
  CHECK_STRAP 11, 3

  // ecall from S is not delegated here (bit 9 clear): it goes to M (this is how GOTO_M works)
  GOTO_MODE PRV_S
  TRAP_RESET
3:
  ecall
  GOTO_M
  CHECK_TRAP 12, 9
  CHECK_MEM 13, s_trap_record, TR_COUNT, 0

  // traps taken in M are never delegated, whatever medeleg says
  TRAP_RESET
  .word 0x0000000b
  ebreak
  CHECK_MEM 14, trap_record, TR_COUNT, 2
  CHECK_MEM 15, s_trap_record, TR_COUNT, 0

  // delegated trap entry: SPIE <- SIE, SIE <- 0, and mstatus M fields untouched
  csrsi sstatus, MSTATUS_SIE
  li a0, MSTATUS_SPIE
  csrc sstatus, a0
  GOTO_MODE PRV_S
  TRAP_RESET
  ebreak                          // handled in S: the handler's sret restores SIE from SPIE
  csrr a0, sstatus
  GOTO_M
  andi a0, a0, MSTATUS_SIE | MSTATUS_SPIE
  CHECK 16, a0, MSTATUS_SIE | MSTATUS_SPIE
  CHECK_STRAP 17, 3
  csrci sstatus, MSTATUS_SIE

  // with medeleg cleared the same U ecall goes to M
  csrw medeleg, zero
  GOTO_MODE PRV_U
  TRAP_RESET
  ecall
  GOTO_M
  CHECK_TRAP 18, 8

  PASS
  TEST_END
