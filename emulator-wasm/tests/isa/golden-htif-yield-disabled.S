// HTIF yields with iyield = 0 (cartesi-machine.md §9.1, §9.3): both yield commands are disabled, so they are
// ignored: no stop, fromhost keeps its preset value, and iyield reads 0 (isa.test.ts creates the machine with
// iyield 0).
#include "test-macros.h"
  TEST_START
  li s0, TOHOST
  ld t0, 0x20(s0)
  CHECK 1, t0, 0
  li t0, 0x1234
  sd t0, 8(s0)
  li t0, (2 << 56) | (0 << 48) | (1 << 32) | 7       // automatic, PROGRESS
  sd t0, 0(s0)
  li t0, (2 << 56) | (1 << 48) | (1 << 32) | 8       // manual, RX_ACCEPTED
  sd t0, 0(s0)
  ld t1, 8(s0)
  CHECK 2, t1, 0x1234
  PASS
  TEST_END
