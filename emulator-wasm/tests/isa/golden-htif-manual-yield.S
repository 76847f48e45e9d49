// HTIF manual yield (cartesi-machine.md §9.6): tohost = DEV 2, CMD 1, REASON 1 (RX_ACCEPTED), DATA 0x20 sets
// iflags_Y and stops the run; while Y is set, run returns at once without executing. Once the host clears Y
// the guest continues and finds the acknowledgement DEV 2, CMD 1, REASON 0, DATA 0 in fromhost.
#include "test-macros.h"
  TEST_START
  li s0, TOHOST
  sd zero, 8(s0)
  li t0, (2 << 56) | (1 << 48) | (1 << 32) | 0x20
  sd t0, 0(s0)
  ld t1, 8(s0)
  CHECK 1, t1, (2 << 56) | (1 << 48)
  PASS
  TEST_END
