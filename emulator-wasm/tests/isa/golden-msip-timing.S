// Golden (cartesi-machine.md §3.3, observed on v0.21.0): a CLINT msip store executed at mcycle 9 with MSIE and
// MIE set is taken right after the store with no cycle for the trap: mepc = the next instruction and the
// handler's first `csrr mcycle` reads 10. The interrupt also counts as a trap for minstret
// (minstret = mcycle - icycleinstret). No shared preamble: the instruction count from reset is exact.
#include "test-macros.h"
  .section .text.init, "ax", @progbits
  .option norvc
  .globl _start
_start:
  la t0, handler                // mcycle 0, 1 (auipc, addi)
  csrw mtvec, t0                // 2
  li t0, MIP_MSIP               // 3
  csrw mie, t0                  // 4
  csrsi mstatus, MSTATUS_MIE    // 5
  lui t1, CLINT_MSIP >> 12      // 6
  li t2, 1                      // 7
  nop                           // 8
  sw t2, 0(t1)                  // 9: raises MSIP and requests an interrupt check
after_store:
  li gp, 99                     // never reached before the handler
  j fail

  .align 2
handler:
  csrr s0, mcycle               // 10
  csrr s1, minstret             // 11: 11 - 1 trap = 10
  csrr s2, mepc
  csrr s3, mcause
  CHECK 1, s0, 10
  CHECK 2, s1, 10
  la t0, after_store
  CHECK_REG_EQ 3, s2, t0
  CHECK 4, s3, INTERRUPT_BIT | 3
  csrr t0, mip
  andi t0, t0, MIP_MSIP
  CHECK 5, t0, MIP_MSIP         // still pending until msip is cleared
  sw zero, 0(t1)
  csrr t0, mip
  CHECK 6, t0, 0
  PASS_COUNTED
  .option rvc
  TEST_END
