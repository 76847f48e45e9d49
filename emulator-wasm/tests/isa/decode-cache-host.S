// Host writes into guest memory reach code that is already decoded (Machine.writeMemory flushes the
// pre-decoded instruction cache): the program calls FUNC (`li a0, 1; ret`) until it returns 2, which only
// happens once the host, between two runs, rewrites FUNC as `li a0, 2` (isa/cases.ts drives it).
#include "test-macros.h"

#define FUNC 0x80040000

  TEST_START
  li t0, 0x00100513              // addi a0, zero, 1
  li t1, FUNC
  sw t0, 0(t1)
  li t0, 0x00008067              // ret
  sw t0, 4(t1)
  li s1, FUNC
  li s2, 2
1:
  jalr ra, 0(s1)
  bne a0, s2, 1b
  PASS
  TEST_END
