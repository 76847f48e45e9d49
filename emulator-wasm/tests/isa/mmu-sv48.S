// Sv48 translation (cartesi-machine.md §4): four levels, 4 KiB pages, a 512 GiB terapage, a misaligned
// terapage, A/D updates, reserved PTE bits, and the Sv48 canonical rule (bits 63-48 equal bit 47).
#include "test-macros.h"

#define L3 0x80100000         /* root */
#define L2_ID 0x80101000      /* identity: VA 0-512 GiB */
#define L2 0x80102000         /* VA 0x8000000000 (VPN[3] = 1) */
#define L1 0x80103000
#define L0 0x80104000
#define SV39_ROOT 0x80105000
#define PAGES 0x80110000

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_FOR(pa, flags) ((((pa) >> 12) << 10) | (flags))
#define VA_BASE 0x8000000000
#define VA_PAGE(i) (VA_BASE + (i) * 0x1000)
#define PA_PAGE(i) (PAGES + (i) * 0x1000)
#define TERA_VA 0x10000000000    /* VPN[3] = 2: a terapage mapping PA 0 */

.macro SET_PTE table, index, value
  li t0, \value
  li t1, \table + (\index) * 8
  sd t0, 0(t1)
.endm
.macro READ_PTE reg, table, index
  li t1, \table + (\index) * 8
  ld \reg, 0(t1)
.endm
.macro S_ACCESS insn, reg, va
  li s1, \va
  GOTO_MODE PRV_S
  \insn \reg, 0(s1)
  GOTO_M
.endm

  TEST_START
  SET_PTE L3, 0, PTE_FOR(L2_ID, PTE_V)
  SET_PTE L2_ID, 2, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  SET_PTE L3, 1, PTE_FOR(L2, PTE_V)
  SET_PTE L2, 0, PTE_FOR(L1, PTE_V)
  SET_PTE L1, 0, PTE_FOR(L0, PTE_V)
  SET_PTE L0, 0, PTE_FOR(PA_PAGE(0), PTE_V | PTE_R | PTE_W)                    // A = D = 0
  SET_PTE L0, 1, PTE_FOR(PA_PAGE(1), PTE_V | PTE_R | PTE_A) | (1 << 60)        // reserved bit
  SET_PTE L0, 2, PTE_FOR(PA_PAGE(2), PTE_V | PTE_R | PTE_A) | (3 << 61)        // PBMT bits (no Svpbmt)
  SET_PTE L3, 2, PTE_FOR(0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)             // terapage at PA 0
  SET_PTE L3, 3, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_A)                    // misaligned terapage
  li t0, 0x4848
  li t1, PA_PAGE(0)
  sd t0, 0(t1)
  li t0, 0x7777
  li t1, PA_PAGE(3)
  sd t0, 0(t1)
  li t0, (9 << 60) | (L3 >> 12)
  csrw satp, t0
  sfence.vma
  CHECK_CSR 1, satp, (9 << 60) | (L3 >> 12)

  // a 4 KiB page four levels down; A then D set by hardware
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(0) + 0
  CHECK_NO_TRAP 2
  CHECK 3, a0, 0x4848
  READ_PTE a1, L0, 0
  andi a1, a1, PTE_A | PTE_D
  CHECK 4, a1, PTE_A
  S_ACCESS sd, a0, VA_PAGE(0) + 8
  READ_PTE a1, L0, 0
  andi a1, a1, PTE_A | PTE_D
  CHECK 5, a1, PTE_A | PTE_D
  // reserved bits 54-63 → page fault
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(1)
  CHECK_TRAP_TVAL 10, 13, VA_PAGE(1)
  TRAP_RESET
  S_ACCESS sd, a0, VA_PAGE(2) + 0x18
  CHECK_TRAP_TVAL 11, 15, VA_PAGE(2) + 0x18
  // the terapage: VA TERA_VA + pa maps pa
  TRAP_RESET
  S_ACCESS ld, a0, TERA_VA + PA_PAGE(3)
  CHECK_NO_TRAP 20
  CHECK 21, a0, 0x7777
  TRAP_RESET
  S_ACCESS ld, a0, 0x18000000000 + 0x40   // misaligned terapage (VPN[3] = 3)
  CHECK_TRAP_TVAL 22, 13, 0x18000000000 + 0x40
  // canonical rule: bit 47 set with zero upper bits faults; a canonical high address without a mapping faults
  TRAP_RESET
  S_ACCESS ld, a0, 0x0000800000000000
  CHECK_TRAP_TVAL 30, 13, 0x0000800000000000
  TRAP_RESET
  S_ACCESS ld, a0, 0xffff800000000000
  CHECK_TRAP_TVAL 31, 13, 0xffff800000000000
  // an address that Sv39 would call non-canonical is valid under Sv48 (VPN[3] = 1 maps it)
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(0)
  CHECK_NO_TRAP 32
  // under Sv39 (a root with the identity gigapage only) the same VA is non-canonical
  SET_PTE SV39_ROOT, 2, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
  li t0, (8 << 60) | (SV39_ROOT >> 12)
  csrw satp, t0
  sfence.vma
  TRAP_RESET
  S_ACCESS ld, a0, VA_PAGE(0)
  CHECK_TRAP_TVAL 40, 13, VA_PAGE(0)

  csrw satp, zero
  sfence.vma
  PASS
  TEST_END
