// Golden (cartesi-machine.md §5, observed on v0.21.0): every successful M-mode (Bare) access to RAM refills the
// slot of its set, indexed by vaddr bits 12-19, with {vaddr_page, vp_offset = 0, pma_index = 0 (RAM)}. After this
// program isa.test.ts expects: read slot 1 = {0x80001000, 0, 0} (the load below), write slot 2 =
// {0x80002000, 0, 0}, read and write slot 3 = {0x80003000, 0, 0} (an AMO), code slot 0 = {0x80000000, 0, 0},
// and slot 5 (a faulting load from 0x90005000) and slot 8 (the HTIF page 0x40008000) empty in every set.
// No trap handler data is touched before the faulting load, and the image stays below 0x80001000.
#include "test-macros.h"
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  la t0, handler
  csrw mtvec, t0
  li t0, 0x80001000
  ld t1, 0(t0)
  li t0, 0x80002000
  sd t1, 0(t0)
  li t0, 0x80003000
  amoadd.d t1, t1, (t0)
  li t0, 0x90005000
  ld t1, 0(t0)                  // access fault: leaves read slot 5 alone
  li gp, 1                      // not reached: the handler halts
  j halt
  .align 2
handler:
  csrr t0, mcause
  li t1, 5
  li gp, 2
  bne t0, t1, halt
  li gp, 0
halt:
  slli t6, gp, 1
  ori t6, t6, 1
  li t5, TOHOST
  sd t6, 0(t5)
1: j 1b
