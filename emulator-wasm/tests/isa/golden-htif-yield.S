// HTIF automatic yield (cartesi-machine.md §9.6): tohost = DEV 2, CMD 0, REASON 2 (TX_OUTPUT), DATA 5 stops the
// run with an automatic yield (isa.test.ts checks the break reason and resumes); the acknowledgement in
// fromhost is DEV 2, CMD 0, REASON 0, DATA 0, and execution continues after the store.
#include "test-macros.h"
  TEST_START
  li s0, TOHOST
  sd zero, 8(s0)
  li t0, (2 << 56) | (0 << 48) | (2 << 32) | 5
  sd t0, 0(s0)
  ld t1, 8(s0)
  CHECK 1, t1, (2 << 56)
  PASS
  TEST_END
