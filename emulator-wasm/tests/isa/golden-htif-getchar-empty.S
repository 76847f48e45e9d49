// HTIF GETCHAR with console input open but empty (cartesi-machine.md §9.5): the reply is DATA 0 ("nothing
// right now"), the run returns to the host for input, and once the host supplies "Z" and closes the input the
// guest's polling loop reads DATA 'Z' + 1 and then EOT + 1 = 5.
#include "test-macros.h"

.macro GETCHAR reg
  sd zero, 8(s0)
  li t0, (1 << 56)
  sd t0, 0(s0)
  ld \reg, 8(s0)
.endm

  TEST_START
  li s0, TOHOST
  li s3, (1 << 56)                // a reply with DATA 0
  GETCHAR s2
  CHECK 1, s2, (1 << 56)
1:
  GETCHAR s2
  beq s2, s3, 1b                 // poll until the host has input
  CHECK 2, s2, (1 << 56) | ('Z' + 1)
  GETCHAR s2
  CHECK 3, s2, (1 << 56) | 5
  PASS
  TEST_END
