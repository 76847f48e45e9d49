// The v0.21 physical memory map (cartesi-machine.md §7): the PMA array at 0x10000 lists RAM, DTB, CMIO TX,
// CMIO RX, HTIF, CLINT, PLIC and itself with the observed flags; the DTB range is read/write/execute memory;
// CMIO RX and the PMA array are read-only; fetches need a memory range with X; addresses in no PMA (the shadow
// at 0, gaps, past the end of RAM) raise access faults. isa.test.ts checks the TLB slots these accesses fill.
#include "test-macros.h"

.macro CHECK_PMA n, index, istart, ilength
  li t0, 0x10000 + \index * 16
  ld t1, 0(t0)
  CHECK \n, t1, \istart
  ld t1, 8(t0)
  CHECK \n, t1, \ilength
.endm
.macro EXPECT_FAULT n, cause, insn, addr
  li s0, \addr
  TRAP_RESET
  \insn a0, 0(s0)
  CHECK_TRAP_TVAL \n, \cause, \addr
.endm

  TEST_START
  // accesses whose TLB slots isa.test.ts inspects (no trap before them)
  li s1, 0x7ff05000
  li a0, 0x1122334455667788
  sd a0, 0(s1)                  // DTB range: write slot 5
  ld a1, 0(s1)                  // read slot 5
  CHECK 1, a1, 0x1122334455667788
  li s2, 0x60806000
  sd a0, 0(s2)                  // CMIO TX is writable: write slot 6
  li s3, 0x60007000
  ld a2, 0(s3)                  // CMIO RX is readable: read slot 7
  CHECK 2, a2, 0

  // the PMA array (read slot 0x10)
  CHECK_PMA 10, 0, 0x800000fd, 0x2000000      // RAM (32 MiB)
  CHECK_PMA 11, 1, 0x7ff000fd, 0x100000       // DTB
  CHECK_PMA 12, 2, 0x6080046d, 0x200000       // CMIO TX
  CHECK_PMA 13, 3, 0x600003e5, 0x200000       // CMIO RX
  CHECK_PMA 14, 4, 0x4000828e, 0x1000         // HTIF
  CHECK_PMA 15, 5, 0x0200020e, 0xc0000        // CLINT
  CHECK_PMA 16, 6, 0x4010030e, 0x400000       // PLIC
  CHECK_PMA 17, 7, 0x000100a5, 0x1000         // the PMA array itself
  CHECK_PMA 18, 8, 0, 0                       // end of the list

  // read-only memory ranges
  EXPECT_FAULT 20, 7, sd, 0x60007000          // CMIO RX
  EXPECT_FAULT 21, 7, sw, 0x10000             // PMA array
  // no PMA: the shadow state, a gap, just past RAM
  EXPECT_FAULT 22, 5, ld, 0x0
  EXPECT_FAULT 23, 5, lw, 0x3000000
  EXPECT_FAULT 24, 5, lb, 0x82000000
  EXPECT_FAULT 25, 7, sd, 0x82000000
  EXPECT_FAULT 26, 5, ld, 0x400000            // uarch shadow
  li s0, 0x81fffff8
  ld a0, 0(s0)                                // the last dword of RAM is fine

  // fetches: the DTB range executes (c.ret placed there), ranges without X fault with cause 1
  li s0, 0x7ff09000             // slot 9: leaves the slots checked by isa.test.ts alone
  li t0, 0x8082
  sh t0, 0(s0)
  fence.i
  TRAP_RESET
  jalr ra, 0(s0)
  CHECK_NO_TRAP 30
  TRAP_RESET
  li s0, 0x10000
  jalr ra, 0(s0)
  CHECK_TRAP_TVAL 31, 1, 0x10000
  TRAP_RESET
  li s0, 0x60800000
  jalr ra, 0(s0)
  CHECK_TRAP_TVAL 32, 1, 0x60800000
  TRAP_RESET
  li s0, CLINT_MSIP
  jalr ra, 0(s0)
  CHECK_TRAP_TVAL 33, 1, CLINT_MSIP

  PASS
  TEST_END
