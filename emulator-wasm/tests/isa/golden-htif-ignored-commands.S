// Golden (cartesi-machine.md §9.3, observed on v0.21.0 with fromhost preset to 0x1234): DEV 5, a disabled
// GETCHAR (reproducible machine), a HALT with DATA bit 0 clear and a yield with CMD 2 are ignored: fromhost
// keeps 0x1234, nothing halts, yields or faults, and tohost reads back as written. An honoured PUTCHAR writes
// its acknowledgement to fromhost (§9.5) and prints its byte (checked by isa.test.ts).
#include "test-macros.h"

.macro IGNORED n, value
  li t0, \value
  sd t0, 0(s0)
  ld t1, 0(s0)
  CHECK_REG_EQ \n, t1, t0              // tohost holds the written value
  ld t1, 8(s0)
  CHECK \n, t1, 0x1234                 // fromhost untouched
.endm

  TEST_START
  li s0, TOHOST
  li t0, 0x1234
  sd t0, 8(s0)
  TRAP_RESET
  IGNORED 1, (5 << 56)                           // unknown device
  IGNORED 2, (1 << 56) | (0 << 48) | 0           // GETCHAR, disabled (iconsole bit 0 clear)
  IGNORED 3, (0 << 56) | (0 << 48) | 2           // HALT with DATA bit 0 clear
  IGNORED 4, (2 << 56) | (2 << 48)               // yield CMD 2: unknown
  IGNORED 5, (1 << 56) | (7 << 48) | 0x41        // console CMD 7: unknown
  IGNORED 6, (0 << 56) | (1 << 48) | 1           // halt device CMD 1: unknown
  IGNORED 7, (0xff << 56) | 1                    // DEV 255
  CHECK_NO_TRAP 8
  // an honoured PUTCHAR: fromhost = DEV 1, CMD 1, DATA 0
  li t0, (1 << 56) | (1 << 48) | 0x4f            // 'O'
  sd t0, 0(s0)
  li t0, (1 << 56) | (1 << 48) | 0x4b            // 'K'
  sd t0, 0(s0)
  ld t1, 8(s0)
  CHECK 9, t1, (1 << 56) | (1 << 48)
  PASS
  TEST_END
