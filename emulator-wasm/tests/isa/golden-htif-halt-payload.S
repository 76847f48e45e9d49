// HTIF halt payload (cartesi-machine.md §9.4): the exit code is DATA >> 1 from the 32-bit DATA field only;
// REASON bits (where OpenSBI's type lands) are ignored. tohost = (3 << 33) | (42 << 1) | 1 halts with 42.
#include "test-macros.h"
  TEST_START
  li t0, (3 << 33) | (42 << 1) | 1
  li t1, TOHOST
  sd t0, 0(t1)
  FAIL 1                        // not reached: the store halts
  TEST_END
