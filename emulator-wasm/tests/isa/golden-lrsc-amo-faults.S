// Golden (cartesi-machine.md §6 and §3.6, observed on v0.21.0): LR goes through the load path (misaligned 4,
// access fault 5), AMOs report store causes (misaligned 6, access fault 7, never 4/5), SC without a matching
// reservation makes no access at all; a trap that does not change the privilege keeps the reservation, while an
// xRET or trap that changes it clears the reservation.
#include "test-macros.h"

#define UNMAPPED 0x90000000
#define CELL 0x80010000        /* a RAM dword beyond the image */

.macro EXPECT n, cause, insn, args, addr
  li s0, \addr
  TRAP_RESET
  \insn \args
  CHECK_TRAP_TVAL \n, \cause, \addr
.endm

  TEST_START
  li s1, CELL
  EXPECT 1, 4, lr.w, "a0, (s0)", CELL + 2
  EXPECT 2, 4, lr.d, "a0, (s0)", CELL + 4
  EXPECT 3, 5, lr.d, "a0, (s0)", UNMAPPED
  EXPECT 4, 5, lr.w, "a0, (s0)", UNMAPPED + 4
  EXPECT 5, 6, amoadd.w, "a0, a1, (s0)", CELL + 2
  EXPECT 6, 6, amoswap.d, "a0, a1, (s0)", CELL + 4
  EXPECT 7, 6, amomaxu.d, "a0, a1, (s0)", CELL + 1
  EXPECT 8, 7, amoor.d, "a0, a1, (s0)", UNMAPPED
  EXPECT 9, 7, amoadd.w, "a0, a1, (s0)", UNMAPPED + 8
  EXPECT 10, 7, amomin.w, "a0, a1, (s0)", CLINT_MTIME  // device register of the wrong width
  // misaligned AMO on an unmapped address: alignment first
  EXPECT 11, 6, amoand.d, "a0, a1, (s0)", UNMAPPED + 3
  // SC without a reservation: no access, so neither misalignment nor the missing PMA traps
  TRAP_RESET
  li s0, UNMAPPED + 3
  li a0, 7
  sc.d a0, a1, (s0)
  CHECK 20, a0, 1
  li s0, UNMAPPED
  sc.w a0, a1, (s0)
  CHECK 21, a0, 1
  CHECK_NO_TRAP 22
  // a failed LR does not set a reservation
  li s0, CELL + 4
  TRAP_RESET
  lr.d a0, (s0)                  // misaligned: traps, no reservation
  mv s0, s1
  sc.d a0, a1, (s0)
  CHECK 23, a0, 1

  // an M-mode trap handled in M (no privilege change) keeps the reservation (§3.6)
  lr.d a0, (s1)
  ecall
  li a1, 0x77
  sc.d a0, a1, (s1)
  CHECK 30, a0, 0
  ld a2, 0(s1)
  CHECK 31, a2, 0x77
  // an mret that changes the privilege clears it
  lr.d a0, (s1)
  GOTO_MODE PRV_S
  GOTO_M                         // S → M by ecall: also a change
  sc.d a0, a1, (s1)
  CHECK 32, a0, 1
  // an mret that does not change the privilege (M → M) keeps it
  lr.d a0, (s1)
  GOTO_MODE PRV_M
  sc.d a0, zero, (s1)
  CHECK 33, a0, 0
  ld a2, 0(s1)
  CHECK 34, a2, 0

  PASS
  TEST_END
