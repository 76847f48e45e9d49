# An S-mode payload for the default machine's firmware (guest/out/linux.bin, first 2 MiB): it runs where
# Linux would (0x80200000, S-mode) and checks the firmware's services on our emulator: misaligned loads and
# stores emulated in M-mode (integer and FP), the legacy console, DBCN, rdtime, and the SBI timer delivering
# a supervisor timer interrupt. It ends with an SBI system reset whose reason is 0 (pass) or the failing
# check's number, which the firmware turns into the HTIF halt payload.
#define SBI_SRST 0x53525354
#define SBI_TIME 0x54494D45
#define SBI_DBCN 0x4442434E

.macro FAIL_IF_NE reg, expected, check
  li t6, \expected
  beq \reg, t6, 1f
  li a1, \check
  j shutdown
1:
.endm

.section .text
.globl _start
_start:
  lla sp, stack_top
  lla t0, s_trap
  csrw stvec, t0
  # Enable FP so misaligned FP accesses can be emulated.
  li t0, (1 << 13)
  csrs sstatus, t0

  lla s0, buffer
  # misaligned 64-bit store then load
  li t0, 0x1122334455667788
  sd t0, 1(s0)
  ld t1, 1(s0)
  FAIL_IF_NE t1, 0x1122334455667788, 1
  lbu t2, 1(s0)
  FAIL_IF_NE t2, 0x88, 2
  # misaligned 32-bit load sign-extends
  li t0, 0x80000001
  sw t0, 3(s0)
  lw t1, 3(s0)
  FAIL_IF_NE t1, 0xffffffff80000001, 3
  lwu t1, 3(s0)
  FAIL_IF_NE t1, 0x80000001, 4
  # misaligned halfword
  li t0, 0xbeef
  sh t0, 7(s0)
  lh t1, 7(s0)
  FAIL_IF_NE t1, 0xffffffffffffbeef, 5
  lhu t1, 7(s0)
  FAIL_IF_NE t1, 0xbeef, 6
  # misaligned FP double
  li t0, 0x400921fb54442d18
  fmv.d.x f1, t0
  fsd f1, 9(s0)
  fld f2, 9(s0)
  fmv.x.d t1, f2
  FAIL_IF_NE t1, 0x400921fb54442d18, 7

  # Legacy console putchar (EID 1) and DBCN write_byte: "ok\n"
  li a7, 1
  li a0, 'o'
  ecall
  li a7, SBI_DBCN
  li a6, 2
  li a0, 'k'
  ecall
  FAIL_IF_NE a0, 0, 8
  li a7, 1
  li a0, '\n'
  ecall

  # rdtime works from S-mode (mcounteren.TM set by the firmware) and advances.
  rdtime s1
  li t0, 20000
2: addi t0, t0, -1
  bnez t0, 2b
  rdtime s2
  bgeu s1, s2, time_fail

  # SBI set_timer for now + 2 ticks, enable STIE and SIE, wait for the interrupt.
  rdtime a0
  addi a0, a0, 2
  li a7, SBI_TIME
  li a6, 0
  ecall
  li t0, (1 << 5)
  csrs sie, t0
  csrsi sstatus, 2
3: wfi
  beqz s3, 3b
  FAIL_IF_NE s3, 0x8000000000000005, 9

  li a1, 0
shutdown:
  li a7, SBI_SRST
  li a6, 0
  li a0, 0
  ecall
4: j 4b

time_fail:
  li a1, 10
  j shutdown

.align 2
s_trap:
  csrr s3, scause
  # Disarm: a timer far in the future, and stop taking interrupts.
  li a0, -1
  li a7, SBI_TIME
  li a6, 0
  ecall
  csrci sstatus, 2
  csrr t0, sepc
  csrw sepc, t0
  sret

.section .data
.align 4
buffer: .zero 64
.align 4
stack: .zero 1024
stack_top:
