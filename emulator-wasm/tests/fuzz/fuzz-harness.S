// Fuzz harness (used by tests/fuzz.test.ts): points every register into RAM (so random loads and stores
// often succeed instead of faulting), enables FP, and jumps to the instruction
// stream the test writes at FUZZ_CODE. Every trap increments a counter and resumes 4 bytes after mepc (or back
// inside the stream when mepc is outside it); after
// TRAP_LIMIT traps the harness halts through HTIF with exit code 0. The random code may break anything
// (mtvec, satp, the counter, the handler itself): the test only requires a clean halt or the cycle limit.
// With -DSUPERVISOR the stream starts in S-mode under Sv39 (identity gigapages), so translation and the TLB
// are exercised too; traps still go to M, which resumes in the trapped mode.
#include "test-macros.h"

#define FUZZ_CODE 0x80010000
#define COUNTER 0x8000f000
#define SAVE 0x8000f008
#define TRAP_LIMIT 10000
#define STREAM_BYTES 16384         /* must match fuzz.test.ts */
#define PAGE_TABLE 0x80200000

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  la t0, handler
  csrw mtvec, t0
  li t0, MSTATUS_FS
  csrs mstatus, t0
  li t0, COUNTER
  sd zero, 0(t0)
  li ra, 0x80100000 + 0 * 0x2008
  li sp, 0x80100000 + 1 * 0x2008
  li gp, 0x80100000 + 2 * 0x2008
  li tp, 0x80100000 + 3 * 0x2008
  li t1, 0x80100000 + 4 * 0x2008
  li t2, 0x80100000 + 5 * 0x2008
  li s0, 0x80100000 + 6 * 0x2008
  li s1, 0x80100000 + 7 * 0x2008
  li a0, 0x80100000 + 8 * 0x2008
  li a1, 0x80100000 + 9 * 0x2008
  li a2, 0x80100000 + 10 * 0x2008
  li a3, 0x80100000 + 11 * 0x2008
  li a4, 0x80100000 + 12 * 0x2008
  li a5, 0x80100000 + 13 * 0x2008
  li a6, 0x80100000 + 14 * 0x2008
  li a7, 0x80100000 + 15 * 0x2008
  li s2, 0x80100000 + 16 * 0x2008
  li s3, 0x80100000 + 17 * 0x2008
  li s4, 0x80100000 + 18 * 0x2008
  li s5, 0x80100000 + 19 * 0x2008
  li s6, 0x80100000 + 20 * 0x2008
  li s7, 0x80100000 + 21 * 0x2008
  li s8, 0x80100000 + 22 * 0x2008
  li s9, 0x80100000 + 23 * 0x2008
  li s10, 0x80100000 + 24 * 0x2008
  li s11, 0x80100000 + 25 * 0x2008
  li t3, 0x80100000 + 26 * 0x2008
  li t4, 0x80100000 + 27 * 0x2008
  li t5, 0x80100000 + 28 * 0x2008
  li t6, 0x80100000 + 29 * 0x2008
  li t0, FUZZ_CODE
#ifdef SUPERVISOR
  /* Enter the stream in S-mode under Sv39: identity gigapages for devices (0-2 GiB, no X) and RAM (RWX). */
  li t0, PAGE_TABLE
  li t1, (0 << 10) | 0xc7           /* VPN[2] 0: PA 0, V R W A D */
  sd t1, 0(t0)
  li t1, (0x40000 << 10) | 0xc7     /* VPN[2] 1: PA 0x40000000 */
  sd t1, 8(t0)
  li t1, (0x80000 << 10) | 0xcf     /* VPN[2] 2: PA 0x80000000, V R W X A D */
  sd t1, 16(t0)
  li t1, (8 << 60) | (PAGE_TABLE >> 12)
  csrw satp, t1
  sfence.vma
  li t1, MSTATUS_MPP
  csrc mstatus, t1
  li t1, (PRV_S << 11)
  csrs mstatus, t1
  li t0, FUZZ_CODE
  csrw mepc, t0
  li t0, 0x80100000 + 30 * 0x2008
  li t1, 0x80100000 + 4 * 0x2008
  mret
#else
  jr t0
#endif

  .align 2
handler:
  csrw mscratch, t0
  lui t0, (MSTATUS_MPRV >> 12)      // untranslated accesses from here on
  csrc mstatus, t0
  li t0, SAVE
  sd t1, 0(t0)
  sd t2, 8(t0)
  li t0, COUNTER
  ld t1, 0(t0)
  addi t1, t1, 1
  sd t1, 0(t0)
  li t2, TRAP_LIMIT
  bgeu t1, t2, limit
  // Resume 4 bytes on while inside the stream; from anywhere else, re-enter the stream at an offset that
  // depends on the trap count, so execution keeps visiting the stream instead of trapping through zeros.
  csrr t1, mepc
  li t0, FUZZ_CODE
  sub t1, t1, t0
  li t2, STREAM_BYTES - 4
  bgeu t1, t2, rewind
  addi t1, t1, 4
  j resume
rewind:
  li t1, COUNTER
  ld t1, 0(t1)
  slli t2, t1, 7
  add t1, t1, t2
  slli t1, t1, 2
  li t2, STREAM_BYTES - 4
  and t1, t1, t2
resume:
  add t1, t1, t0
  csrw mepc, t1
  li t0, SAVE
  ld t1, 0(t0)
  ld t2, 8(t0)
  csrr t0, mscratch
  mret
limit:
  li t1, 1                          // exit code 0
  li t0, TOHOST
  sd t1, 0(t0)
1: j 1b
