// Golden (cartesi-machine.md §6, §9.1, §10; observed on v0.21.0): HTIF and CLINT registers accept only their
// documented width at their exact offset. lw tohost → 5, sw tohost → 7, ld HTIF+4 → 4 (misaligned first),
// sd ihalt → 7, ld HTIF+0x28 → 5, lw mtime → 5, sd mtime → 7, ld msip → 5, sw mtimecmp → 7, a jump to the
// HTIF page → 1. Valid accesses (an AMO of the right width included) work. isa.test.ts then checks that no
// device page entered the TLB (§5).
#include "test-macros.h"

#define HTIF 0x40008000

.macro EXPECT_DEVICE_FAULT n, cause, insn, addr
  li s0, \addr
  TRAP_RESET
  \insn a0, 0(s0)
  CHECK_TRAP_TVAL \n, \cause, \addr
.endm

  TEST_START
  EXPECT_DEVICE_FAULT 1, 5, lw, HTIF
  EXPECT_DEVICE_FAULT 2, 7, sw, HTIF
  EXPECT_DEVICE_FAULT 3, 4, ld, HTIF + 4
  EXPECT_DEVICE_FAULT 4, 7, sd, HTIF + 0x10
  EXPECT_DEVICE_FAULT 5, 5, ld, HTIF + 0x28
  EXPECT_DEVICE_FAULT 6, 5, lw, CLINT_MTIME
  EXPECT_DEVICE_FAULT 7, 7, sd, CLINT_MTIME
  EXPECT_DEVICE_FAULT 8, 5, ld, CLINT_MSIP
  EXPECT_DEVICE_FAULT 9, 7, sw, CLINT_MTIMECMP
  // more of the same rules
  EXPECT_DEVICE_FAULT 10, 7, sd, HTIF + 0x18          // iconsole is read-only
  EXPECT_DEVICE_FAULT 11, 7, sd, HTIF + 0x20          // iyield is read-only
  EXPECT_DEVICE_FAULT 12, 5, lb, HTIF + 8
  EXPECT_DEVICE_FAULT 13, 6, sd, HTIF + 2             // misaligned store: 6 before the device
  EXPECT_DEVICE_FAULT 14, 5, lw, CLINT_MTIMECMP
  EXPECT_DEVICE_FAULT 15, 7, sh, CLINT_MSIP
  EXPECT_DEVICE_FAULT 16, 5, ld, CLINT_MSIP + 8       // undefined CLINT offset
  // a jump to the HTIF page: instruction access fault, mtval = mepc = the target
  TRAP_RESET
  li t0, HTIF
  jalr ra, 0(t0)
  CHECK_TRAP_TVAL 20, 1, HTIF
  CHECK_MEM 21, trap_record, TR_EPC, HTIF

  // valid accesses
  TRAP_RESET
  li s0, HTIF
  ld a0, 0x10(s0)                                     // ihalt = 1
  ld a1, 0x18(s0)                                     // iconsole = 2 (putchar only, reproducible)
  ld a2, 0x20(s0)                                     // iyield = 3
  CHECK_NO_TRAP 30
  CHECK 31, a0, 1
  CHECK 32, a1, 2
  CHECK 33, a2, 3
  li a3, 0x55
  sd a3, 8(s0)                                        // fromhost is writable
  ld a4, 8(s0)
  CHECK 34, a4, 0x55
  addi s2, s0, 8
  amoadd.d a5, a3, (s2)                               // a 64-bit AMO on fromhost is allowed (§6)
  CHECK_NO_TRAP 35
  CHECK 40, a5, 0x55
  ld a4, 8(s0)
  CHECK 41, a4, 0xaa
  TRAP_RESET
  amoadd.w a5, a3, (s2)                               // wrong width: store/AMO access fault
  CHECK_TRAP_TVAL 42, 7, HTIF + 8
  TRAP_RESET
  li s1, CLINT_MTIMECMP
  li a3, 0x123456789
  sd a3, 0(s1)
  ld a4, 0(s1)
  CHECK 36, a4, 0x123456789
  li s1, CLINT_MTIME
  ld a4, 0(s1)
  CHECK 37, a4, 0                                     // mcycle < 8192
  li s1, CLINT_MSIP
  lw a4, 0(s1)
  CHECK 38, a4, 0
  sw zero, 0(s1)
  CHECK_NO_TRAP 39

  PASS
  TEST_END
