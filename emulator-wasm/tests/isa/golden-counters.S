// Golden (cartesi-machine.md §3.3): mcycle advances by exactly 1 per instruction, whether it retires or raises
// an exception (fetch faults included); the trap entry itself adds nothing. minstret = mcycle - icycleinstret,
// where every trap increments icycleinstret. Each handler below is the very next instruction after the trap.
#include "test-macros.h"
  TEST_START
  // no trap yet: minstret tracks mcycle
  csrr s0, mcycle                // C
  csrr s1, minstret              // at C+1: C+1 - 0
  sub t0, s1, s0
  CHECK 1, t0, 1
  csrr s0, mcycle
  nop
  nop
  nop
  csrr s1, mcycle
  sub t0, s1, s0
  CHECK 2, t0, 4
  csrr s0, cycle                 // the user alias reads the same counter
  csrr s1, mcycle
  sub t0, s1, s0
  CHECK 3, t0, 1

  // an illegal instruction costs 1 cycle; the handler's first instruction is at the next mcycle
  la t0, 1f
  csrw mtvec, t0
  csrr s0, mcycle                // D
  .word 0x0000000b               // D+1: illegal
  .align 2
1:
  csrr s1, mcycle                // D+2
  sub t0, s1, s0
  CHECK 10, t0, 2

  // a load access fault, likewise
  la t0, 2f
  csrw mtvec, t0
  li t1, 0x90000000
  csrr s0, mcycle                // E
  ld t2, 0(t1)                   // E+1: access fault
  .align 2
2:
  csrr s1, mcycle                // E+2
  sub t0, s1, s0
  CHECK 11, t0, 2

  // a fetch fault: the jalr retires (1 cycle), the failed fetch costs 1 cycle
  la t0, 3f
  csrw mtvec, t0
  li t1, 0x90000000
  csrr s0, mcycle                // F
  jalr zero, 0(t1)               // F+1
  .align 2                       // the fetch at 0x90000000 faults at F+2
3:
  csrr s1, mcycle                // F+3
  sub t0, s1, s0
  CHECK 12, t0, 3

  // minstret drops by one per trap relative to mcycle
  la t0, 4f
  csrw mtvec, t0
  csrr s0, mcycle                // G
  csrr s1, minstret              // G+1
  ecall                          // G+2: trap
  .align 2
4:
  csrr s2, minstret              // G+3
  csrr s3, mcycle                // G+4
  sub t0, s2, s1
  CHECK 20, t0, 1
  sub t0, s3, s0
  CHECK 21, t0, 4
  sub t0, s3, s2                 // mcycle - minstret = icycleinstret: 4 traps so far (+1 cycle between reads)
  CHECK 22, t0, 5
  // an ebreak and a misaligned load are traps too
  la t0, 5f
  csrw mtvec, t0
  ebreak
  .align 2
5:
  la t0, 6f
  csrw mtvec, t0
  la t1, 6f
  lw t2, 1(t1)
  .align 2
6:
  csrr s2, minstret
  csrr s3, mcycle
  sub t0, s3, s2
  CHECK 23, t0, 7

  la t0, trap_handler
  csrw mtvec, t0

  // WFI in a reproducible machine is an ordinary one-cycle instruction (§3.5), even with an interrupt
  // pending but disabled; the soft-yield hint sraiw x0, x31, imm is a one-cycle no-op (§2)
  csrsi mip, MIP_SSIP
  csrr s0, mcycle
  wfi
  csrr s1, mcycle
  sub t0, s1, s0
  CHECK 30, t0, 2
  csrci mip, MIP_SSIP
  csrr s0, mcycle
  sraiw x0, x31, 7
  csrr s1, mcycle
  sub t0, s1, s0
  CHECK 31, t0, 2
  CHECK_NO_TRAP 32
  PASS_COUNTED
  TEST_END
