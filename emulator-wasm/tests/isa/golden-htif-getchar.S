// HTIF console GETCHAR in an interactive machine (cartesi-machine.md §9.1, §9.5): iconsole = 3; each GETCHAR
// store answers synchronously in fromhost with DEV 1, CMD 0, DATA = byte + 1, and once the input is closed with
// EOT + 1 = 5. Observed on v0.21.0 with input "AB" from a file: DATA 0x42, 0x43, 5, 5 (isa.test.ts feeds "AB"
// and closes the input).
#include "test-macros.h"

.macro GETCHAR reg
  sd zero, 8(s0)
  li t0, (1 << 56)
  sd t0, 0(s0)
  ld \reg, 8(s0)
.endm

  TEST_START
  li s0, TOHOST
  ld a0, 0x18(s0)
  CHECK 1, a0, 3
  GETCHAR s2
  GETCHAR s3
  GETCHAR s4
  GETCHAR s5
  CHECK 2, s2, (1 << 56) | 0x42
  CHECK 3, s3, (1 << 56) | 0x43
  CHECK 4, s4, (1 << 56) | 5
  CHECK 5, s5, (1 << 56) | 5
  PASS
  TEST_END
