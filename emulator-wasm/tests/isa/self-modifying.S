// Code written by stores runs as written: after fence.i, and (Cartesi has no instruction cache: its fetch reads
// memory through the translation cache only, interpret.cpp fetch_insn) even without it, on the page being
// executed and on another page. Also fence and fence.i are ordinary one-cycle no-ops otherwise.
#include "test-macros.h"

  TEST_START
  // patch the instruction at `patched` (same page) from `li a0, 1` to `li a0, 2`
  li a0, 0
  la t0, patched
  la t1, replacement
  lw t2, 0(t1)
  sw t2, 0(t0)
  fence.i
  .balign 4                      // (with RVC on, so a c.nop can pad)
  .option push
  .option norvc
patched:
  addi a0, zero, 1
  .option pop
  CHECK 1, a0, 2

  // without fence.i, on the page being executed
  la t0, patched2
  la t1, replacement3
  lw t2, 0(t1)
  sw t2, 0(t0)
  .balign 4                      // (with RVC on, so a c.nop can pad)
  .option push
  .option norvc
patched2:
  addi a0, zero, 1
  .option pop
  CHECK 2, a0, 3

  // code written on another page, run, rewritten and run again without fence.i
  li s0, 0x80008000
  li t0, 0x00150513              // addi a0, a0, 1
  sw t0, 0(s0)
  li t0, 0x00008067              // ret
  sw t0, 4(s0)
  li a0, 10
  jalr ra, 0(s0)
  CHECK 3, a0, 11
  li t0, 0x00a50513              // addi a0, a0, 10
  sw t0, 0(s0)
  jalr ra, 0(s0)
  CHECK 4, a0, 21

  // fence variants execute as no-ops
  TRAP_RESET
  fence
  fence rw, rw
  fence.i
  fence.tso
  CHECK_NO_TRAP 5

  PASS
  TEST_END
  .data
  .align 2
  .option norvc
replacement:
  addi a0, zero, 2
replacement3:
  addi a0, zero, 3
