// HTIF console PUTCHAR (cartesi-machine.md §9.5): 5000 bytes 'a'..'z' repeating, each acknowledged in fromhost
// with DEV 1, CMD 1, DATA 0. The host may see console-output breaks when its buffer fills; isa.test.ts drains
// them and checks that every byte arrives once, in order.
#include "test-macros.h"
  TEST_START
  li s0, TOHOST
  li s1, 0                      // i
  li s2, 5000
  li s3, 26
  li s4, (1 << 56) | (1 << 48)
loop:
  remu t0, s1, s3
  addi t0, t0, 'a'
  or t0, t0, s4
  sd zero, 8(s0)
  sd t0, 0(s0)
  ld t1, 8(s0)
  bne t1, s4, bad_ack
  addi s1, s1, 1
  bltu s1, s2, loop
  PASS
bad_ack:
  FAIL 1
  TEST_END
