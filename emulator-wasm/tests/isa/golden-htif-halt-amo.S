// An AMO on an HTIF register of the right width is allowed (cartesi-machine.md §6): amoswap.d on tohost is a
// device read followed by a device write, so writing a HALT command through it halts with that exit code (9).
#include "test-macros.h"
  TEST_START
  li t0, (9 << 1) | 1
  li t1, TOHOST
  amoswap.d t2, t0, (t1)
  FAIL 1                        // not reached: the AMO's write halts
  TEST_END
