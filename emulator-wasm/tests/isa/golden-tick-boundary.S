// Tick blocks end at multiples of 8192 whatever breaks them (cartesi-machine.md §3.3, §3.4): an msip interrupt
// taken at mcycle ~50 and the mret that returns from it interrupt the current block, but the timer test still
// runs at mcycle 8192, so mtimecmp = 1 is taken with the handler's first `csrr mcycle` reading 8192.
#include "test-macros.h"
  TEST_START
  la t0, handler
  csrw mtvec, t0
  li s0, CLINT_MTIMECMP
  li t0, 1
  sd t0, 0(s0)
  li t0, MIP_MSIP | MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  li s1, CLINT_MSIP
  li s3, 0                      // number of MSIs seen
  li t0, 1
  sw t0, 0(s1)                  // MSI now (handled below), then the timer at 8192
spin:
  j spin

  .align 2
handler:
  csrr s2, mcycle
  csrr t0, mcause
  li t1, INTERRUPT_BIT | 3
  bne t0, t1, timer
  sw zero, 0(s1)                // clear MSIP and return into the spin loop
  addi s3, s3, 1
  mret
timer:
  CHECK 1, t0, INTERRUPT_BIT | 7
  CHECK 2, s2, 8192
  CHECK 3, s3, 1
  csrw mie, zero
  PASS_COUNTED
  TEST_END
