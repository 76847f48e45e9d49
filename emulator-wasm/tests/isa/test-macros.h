/*
 * Shared macros for the bare-metal ISA tests (emulator-wasm/tests/isa/*.S).
 *
 * Convention (riscv-tests / Cartesi tests, spec cartesi-machine.md §9.4 and §19): a test ends by writing
 * tohost (0x40008000) = (code << 1) | 1 with DEV 0 CMD 0 using one 64-bit `sd`; code 0 = pass, otherwise the
 * number of the failing check. Tests start in M-mode at 0x80000000 with 32 MiB of RAM.
 *
 * Checks are numbered by hand (grep `CHECK 17,` to find check 17). Sources may skip checks where QEMU 7.2
 * differs from Cartesi with `#ifndef QEMU` (see isa-qemu.test.ts).
 *
 * Registers: gp holds the number of the failing check; t5 and t6 are scratch for the macros and must not
 * carry values across a CHECK. a7 = SVC_MMODE on an ecall asks the M-mode handler to return in M-mode.
 *
 * Trap handlers (emitted by TEST_END):
 *  - M-mode: records cause, epc, tval and the previous mode (MPP) in trap_record and counts the trap.
 *    Exceptions resume after the faulting instruction (2 or 4 bytes, read at mepc: code must be identity
 *    mapped); fetch faults (causes 0, 1, 12) resume at ra, so jump to a bad target with `jalr ra, ...`.
 *    Interrupts clear their enable bit in mie (so they fire once) and resume at mepc.
 *  - S-mode (for delegated traps): the same, with scause/sepc/stval/SPP in s_trap_record and sie. A delegated
 *    GOTO_M ecall from U is forwarded to M. Never delegate ecall from S (medeleg bit 9) with these handlers.
 */
#ifndef TEST_MACROS_H
#define TEST_MACROS_H

/* `la` must be auipc + addi (no GOT load, no linker relaxation): tests count instructions and data accesses,
   and place code at aligned addresses. */
.option nopic
.option norelax

#define TOHOST 0x40008000
#define FROMHOST 0x40008008
#define CLINT_MSIP 0x2000000
#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME 0x200bff8
#define SVC_MMODE 0x3d

#define MSTATUS_SIE (1 << 1)
#define MSTATUS_MIE (1 << 3)
#define MSTATUS_SPIE (1 << 5)
#define MSTATUS_MPIE (1 << 7)
#define MSTATUS_SPP (1 << 8)
#define MSTATUS_MPP (3 << 11)
#define MSTATUS_FS (3 << 13)
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM (1 << 18)
#define MSTATUS_MXR (1 << 19)
#define MSTATUS_TVM (1 << 20)
#define MSTATUS_TW (1 << 21)
#define MSTATUS_TSR (1 << 22)

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MIP_SSIP (1 << 1)
#define MIP_MSIP (1 << 3)
#define MIP_STIP (1 << 5)
#define MIP_MTIP (1 << 7)
#define MIP_SEIP (1 << 9)
#define MIP_MEIP (1 << 11)

#define INTERRUPT_BIT 0x8000000000000000

/* Trap record layout (offsets in bytes). */
#define TR_COUNT 0
#define TR_CAUSE 8
#define TR_EPC 16
#define TR_TVAL 24
#define TR_PRV 32
#define TR_LOG 40 /* causes of the first 8 traps, in order */

/* Halt through HTIF with the exit code in register \reg. Clobbers t5, t6. */
.macro HALT_REG reg
  slli t6, \reg, 1
  ori t6, t6, 1
  li t5, TOHOST
  sd t6, 0(t5)
1: j 1b
.endm

.macro TEST_START
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  la t0, trap_handler
  csrw mtvec, t0
  la t0, s_trap_handler
  csrw stvec, t0
  li gp, 0
#ifdef QEMU
  /* QEMU only (isa-qemu.test.ts): open PMP so S and U may access memory; Cartesi has no PMP. */
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f
  csrw pmpcfg0, t0
  /* QEMU's mtimecmp resets to 0, which raises MTIP at once; Cartesi's 0 never fires (§3.4). */
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
#endif
.endm

/* Pass: halt with exit code 0. */
.macro PASS
  j pass
.endm

/* Pass, recording in s11 the mcycle of the csrr: the halting sd executes 6 instructions later, so a run that
   counts the halting store ends with mcycle = s11 + 7 (asserted by isa.test.ts for golden tests). */
.macro PASS_COUNTED
  csrr s11, mcycle
  j pass
.endm

/* Fail with check number \n. */
.macro FAIL n
  li gp, \n
  j fail
.endm

/* Check that register \reg equals \val (any 64-bit constant), else fail with check number \n. */
.macro CHECK n, reg, val
  li t6, \val
  beq \reg, t6, .Lcheck_ok\@
  li gp, \n
  j fail
.Lcheck_ok\@:
.endm

/* Check that register \reg equals register \expected. */
.macro CHECK_REG_EQ n, reg, expected
  beq \reg, \expected, .Lcheck_ok\@
  li gp, \n
  j fail
.Lcheck_ok\@:
.endm

/* Check that CSR \csr equals \val. */
.macro CHECK_CSR n, csr, val
  csrr t5, \csr
  CHECK \n, t5, \val
.endm

/* Check the 64-bit word at symbol \sym + \off. */
.macro CHECK_MEM n, sym, off, val
  la t5, \sym
  ld t5, \off(t5)
  CHECK \n, t5, \val
.endm

/* Check the 64-bit word at symbol \sym + \off against register \reg. */
.macro CHECK_MEM_REG n, sym, off, reg
  la t5, \sym
  ld t5, \off(t5)
  CHECK_REG_EQ \n, t5, \reg
.endm

/* Forget recorded traps (M and S handlers). */
.macro TRAP_RESET
  la t5, trap_record
  sd zero, TR_COUNT(t5)
  li t6, -1
  sd t6, TR_CAUSE(t5)
  sd t6, TR_TVAL(t5)
  la t5, s_trap_record
  sd zero, TR_COUNT(t5)
  li t6, -1
  sd t6, TR_CAUSE(t5)
  sd t6, TR_TVAL(t5)
.endm

/* Exactly one M-mode trap since TRAP_RESET, with this cause (and tval). */
.macro CHECK_TRAP n, cause
  CHECK_MEM \n, trap_record, TR_COUNT, 1
  CHECK_MEM \n, trap_record, TR_CAUSE, \cause
.endm
.macro CHECK_TRAP_TVAL n, cause, tval
  CHECK_TRAP \n, \cause
  CHECK_MEM \n, trap_record, TR_TVAL, \tval
.endm
.macro CHECK_NO_TRAP n
  CHECK_MEM \n, trap_record, TR_COUNT, 0
  CHECK_MEM \n, s_trap_record, TR_COUNT, 0
.endm
/* Exactly one S-mode trap (delegated) and none in M-mode. */
.macro CHECK_STRAP n, cause
  CHECK_MEM \n, s_trap_record, TR_COUNT, 1
  CHECK_MEM \n, s_trap_record, TR_CAUSE, \cause
  CHECK_MEM \n, trap_record, TR_COUNT, 0
.endm

/* From M-mode, continue at the next instruction in mode \prv (PRV_U, PRV_S or PRV_M) via mret. */
.macro GOTO_MODE prv
  li t5, MSTATUS_MPP
  csrc mstatus, t5
  li t5, (\prv << 11)
  csrs mstatus, t5
  la t5, .Lgoto_mode\@
  csrw mepc, t5
  mret
.Lgoto_mode\@:
.endm

/* From any mode, continue at the next instruction in M-mode with mstatus.MIE = 0 (ecall serviced by the M
   handler). Clobbers a7. */
.macro GOTO_M
  li a7, SVC_MMODE
  ecall
  li a7, 0
.endm

/* Enable F and D (mstatus.FS = Initial; the emulator forces Dirty, spec §3.2). */
.macro FP_ENABLE
  li t5, (1 << 13)
  csrs mstatus, t5
.endm

/* In a handler: t0 = record, t1 = cause, t2 = new count; log the cause in slot count - 1 (first 8 traps). */
.macro LOG_CAUSE
  addi t2, t2, -1
  sltiu t2, t2, 8
  beqz t2, .Llog_full\@
  ld t2, TR_COUNT(t0)
  slli t2, t2, 3
  add t2, t2, t0
  sd t1, TR_LOG - 8(t2)
.Llog_full\@:
.endm

.macro TEST_END
pass:
  li gp, 0
fail:
  HALT_REG gp

  .align 2
trap_handler:
  csrw mscratch, t0
  la t0, trap_save
  sd t1, 0(t0)
  sd t2, 8(t0)
  csrr t1, mscratch
  sd t1, 16(t0)
  csrr t1, mcause
  bltz t1, .Lm_interrupt
  /* ecall service: return in M-mode without recording. */
  li t2, SVC_MMODE
  bne a7, t2, .Lm_record
  li t2, 8
  beq t1, t2, .Lm_service
  li t2, 9
  beq t1, t2, .Lm_service
  li t2, 11
  bne t1, t2, .Lm_record
.Lm_service:
  /* Back in M with MIE = 0 (MPIE cleared), so a pending interrupt is not taken by surprise. */
  li t1, MSTATUS_MPP
  csrs mstatus, t1
  li t1, MSTATUS_MPIE
  csrc mstatus, t1
  csrr t1, mepc
  addi t1, t1, 4
  csrw mepc, t1
  j .Lm_return
.Lm_record:
  la t0, trap_record
  ld t2, TR_COUNT(t0)
  addi t2, t2, 1
  sd t2, TR_COUNT(t0)
  sd t1, TR_CAUSE(t0)
  LOG_CAUSE
  csrr t2, mepc
  sd t2, TR_EPC(t0)
  csrr t2, mtval
  sd t2, TR_TVAL(t0)
  csrr t2, mstatus
  srli t2, t2, 11
  andi t2, t2, 3
  sd t2, TR_PRV(t0)
  /* Fetch faults resume at ra. */
  beqz t1, .Lm_resume_ra
  li t2, 1
  beq t1, t2, .Lm_resume_ra
  li t2, 12
  beq t1, t2, .Lm_resume_ra
  /* Other exceptions: skip the 2- or 4-byte instruction at mepc. */
  csrr t1, mepc
  lhu t2, 0(t1)
  andi t2, t2, 3
  addi t1, t1, 2
  li t0, 3
  bne t2, t0, 1f
  addi t1, t1, 2
1:
  csrw mepc, t1
  j .Lm_return
.Lm_resume_ra:
  csrw mepc, ra
  j .Lm_return
.Lm_interrupt:
  la t0, trap_record
  ld t2, TR_COUNT(t0)
  addi t2, t2, 1
  sd t2, TR_COUNT(t0)
  sd t1, TR_CAUSE(t0)
  LOG_CAUSE
  csrr t2, mepc
  sd t2, TR_EPC(t0)
  csrr t2, mtval
  sd t2, TR_TVAL(t0)
  csrr t2, mstatus
  srli t2, t2, 11
  andi t2, t2, 3
  sd t2, TR_PRV(t0)
  /* Fire once: clear this interrupt's enable bit. */
  li t2, 1
  sll t2, t2, t1
  csrc mie, t2
.Lm_return:
  la t0, trap_save
  ld t1, 0(t0)
  ld t2, 8(t0)
  ld t0, 16(t0)
  mret

  .align 2
s_trap_handler:
  csrw sscratch, t0
  la t0, s_trap_save
  sd t1, 0(t0)
  sd t2, 8(t0)
  csrr t1, sscratch
  sd t1, 16(t0)
  csrr t1, scause
  /* A delegated ecall from U with a7 = SVC_MMODE: ecall again from S (cause 9, never delegated by these
     tests) to reach M, then resume in M after the U ecall. Leaves SIE = 0 and SPP = U. */
  li t2, SVC_MMODE
  bne a7, t2, .Ls_record
  li t2, 8
  bne t1, t2, .Ls_record
  csrr t1, sepc
  addi t1, t1, 4
  sd t1, 24(t0)
  ld t1, 0(t0)
  ld t2, 8(t0)
  ld t0, 16(t0)
  ecall
  la t6, s_trap_save
  ld t6, 24(t6)
  jr t6
.Ls_record:
  la t0, s_trap_record
  ld t2, TR_COUNT(t0)
  addi t2, t2, 1
  sd t2, TR_COUNT(t0)
  sd t1, TR_CAUSE(t0)
  LOG_CAUSE
  csrr t2, sepc
  sd t2, TR_EPC(t0)
  csrr t2, stval
  sd t2, TR_TVAL(t0)
  csrr t2, sstatus
  srli t2, t2, 8
  andi t2, t2, 1
  sd t2, TR_PRV(t0)
  bltz t1, .Ls_interrupt
  beqz t1, .Ls_resume_ra
  li t2, 1
  beq t1, t2, .Ls_resume_ra
  li t2, 12
  beq t1, t2, .Ls_resume_ra
  csrr t1, sepc
  lhu t2, 0(t1)
  andi t2, t2, 3
  addi t1, t1, 2
  li t0, 3
  bne t2, t0, 1f
  addi t1, t1, 2
1:
  csrw sepc, t1
  j .Ls_return
.Ls_resume_ra:
  csrw sepc, ra
  j .Ls_return
.Ls_interrupt:
  li t2, 1
  sll t2, t2, t1
  csrc sie, t2
.Ls_return:
  la t0, s_trap_save
  ld t1, 0(t0)
  ld t2, 8(t0)
  ld t0, 16(t0)
  sret

  .data
  .align 3
trap_record: .dword 0, -1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0
s_trap_record: .dword 0, -1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0
trap_save: .dword 0, 0, 0
s_trap_save: .dword 0, 0, 0, 0
  .globl tohost
  .globl fromhost
  .set tohost, TOHOST
  .set fromhost, FROMHOST
  .size tohost, 8
  .size fromhost, 8
  .text
.endm

#endif
