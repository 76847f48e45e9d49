// The pre-decoded instruction cache (emulator-wasm/assembly/cpu/decode.ts) never runs stale code. Every case
// first runs the code several times, so that it is decoded and cached, then changes it and checks that the
// new bytes run: stores of every width over one or several cached instructions, a store to the upper half of
// a 32-bit instruction (its entry starts 2 bytes before the store), a 32-bit instruction replaced by two
// 16-bit ones and back, a store to the very next instruction of the code being executed, AMO and FP stores
// over code, code that crosses a page boundary (16-bit then 32-bit, and a 32-bit instruction straddling the
// two pages whose halves change on either page), and in S-mode (Sv39) one virtual address mapped to another
// physical page, code rewritten through a second virtual alias, and sequential code running off a page into
// a next virtual page that is not the next physical one.
#include "test-macros.h"

#define FUNC 0x80040000          /* code written by the test */
#define BOUNDARY 0x80043000      /* a page boundary: code runs from BOUNDARY - 2 */
#define ROOT 0x80100000
#define L1 0x80101000
#define L0 0x80102000
#define PA1 0x80110000           /* two physical code pages seen at VA_CODE */
#define PA2 0x80111000
#define PA4 0x80114000           /* PA4 and PA6, mapped at VA_CODE + 0x2000 and + 0x3000 */
#define PA5 0x80115000
#define PA6 0x80116000
#define VA_CODE 0x100000000
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_FOR(pa, flags) ((((pa) >> 12) << 10) | (flags))

#define ADDI_A0(imm) ((((imm) & 0xfff) << 20) | (10 << 15) | (10 << 7) | 0x13)  /* addi a0, a0, imm */
#define RET 0x00008067
#define C_ADDI_A0(imm) (0x0001 | (10 << 7) | (((imm) & 31) << 2))             /* c.addi a0, imm (1..31) */
#define C_RET 0x8082

.macro STORE_W addr, value
  li t0, \value
  li t1, \addr
  sw t0, 0(t1)
.endm
.macro STORE_H addr, value
  li t0, \value
  li t1, \addr
  sh t0, 0(t1)
.endm
.macro SET_PTE table, index, value
  li t0, \value
  li t1, \table + (\index) * 8
  sd t0, 0(t1)
.endm
// a0 = 0, then call \target three times; a0 ends at 3 × the function's increment.
.macro CALL3 target
  li a0, 0
  li s1, \target
  jalr ra, 0(s1)
  jalr ra, 0(s1)
  jalr ra, 0(s1)
.endm

  TEST_START
  // --- stores over cached 32-bit code in M-mode ---
  STORE_W FUNC, ADDI_A0(1)
  STORE_W FUNC + 4, RET
  CALL3 FUNC
  CHECK 1, a0, 3
  // sh over the upper half of the cached addi: its immediate changes from 1 to 5
  STORE_H FUNC + 2, (ADDI_A0(5) >> 16)
  CALL3 FUNC
  CHECK 2, a0, 15
  // sb over the low byte of the immediate field's half (addi a0, a0, 5 -> addi a0, a0, 7: bits 20-27)
  li t0, (ADDI_A0(7) >> 16) & 0xff
  li t1, FUNC + 2
  sb t0, 0(t1)
  CALL3 FUNC
  CHECK 3, a0, 21
  // sw: one 32-bit instruction becomes two 16-bit ones (c.addi a0, 2; c.addi a0, 3)
  STORE_W FUNC, (C_ADDI_A0(3) << 16) | C_ADDI_A0(2)
  CALL3 FUNC
  CHECK 4, a0, 15
  // sd over two cached instructions at once: addi a0, a0, 9; ret
  li t0, (RET << 32) | ADDI_A0(9)
  li t1, FUNC
  sd t0, 0(t1)
  CALL3 FUNC
  CHECK 5, a0, 27

  // --- AMO and FP stores over cached code ---
  li t0, ADDI_A0(11)
  li t1, FUNC
  amoswap.w t2, t0, (t1)
  CALL3 FUNC
  CHECK 6, a0, 33
  li t0, ADDI_A0(12)
  li t1, FUNC
  lr.w t2, (t1)
  sc.w t3, t0, (t1)
  CHECK 7, t3, 0
  CALL3 FUNC
  CHECK 8, a0, 36
  FP_ENABLE
  li t0, ADDI_A0(13)
  fmv.w.x ft0, t0
  li t1, FUNC
  fsw ft0, 0(t1)
  CALL3 FUNC
  CHECK 9, a0, 39

  // --- a store to the next instruction of the code running now ---
  // (no fence.i: RISC-V allows a stale fetch here, Cartesi has no instruction cache, QEMU runs the old code)
#ifndef QEMU
  // patch_next stores t3 over `patched` (the instruction right after the store), then runs it
  li t3, ADDI_A0(1)
  li a0, 0
  call patch_next
  call patch_next
  CHECK 10, a0, 2
  li t3, ADDI_A0(100)
  call patch_next
  CHECK 11, a0, 102
  li t3, ADDI_A0(1)              // leave it as it was (the loop above ran it decoded)
  call patch_next
  CHECK 12, a0, 103
#endif

  // --- code across a page boundary ---
  // c.addi a0, 1 at BOUNDARY - 2, then c.addi a0, 2 and c.ret on the next page
  STORE_H BOUNDARY - 2, C_ADDI_A0(1)
  STORE_H BOUNDARY, C_ADDI_A0(2)
  STORE_H BOUNDARY + 2, C_RET
  CALL3 BOUNDARY - 2
  CHECK 20, a0, 9
  // the same bytes become one 32-bit addi a0, a0, 16 straddling the boundary (upper half first)
  STORE_H BOUNDARY, (ADDI_A0(16) >> 16)
  STORE_H BOUNDARY - 2, (ADDI_A0(16) & 0xffff)
  CALL3 BOUNDARY - 2
  CHECK 21, a0, 48
  // only its upper half (on the second page) changes: addi a0, a0, 32
  STORE_H BOUNDARY, (ADDI_A0(32) >> 16)
  CALL3 BOUNDARY - 2
  CHECK 22, a0, 96
  // only its lower half (on the first page) changes: bit 15 is rs1's lowest bit, so a0 (x10) becomes a1 (x11)
  li a1, 1000
  STORE_H BOUNDARY - 2, (ADDI_A0(32) & 0xffff) | (1 << 15)
  CALL3 BOUNDARY - 2
  CHECK 23, a0, 1032
  // back to two 16-bit instructions
  STORE_H BOUNDARY, C_ADDI_A0(2)
  STORE_H BOUNDARY - 2, C_ADDI_A0(1)
  CALL3 BOUNDARY - 2
  CHECK 24, a0, 9

  // --- S-mode: one virtual address, two physical pages ---
  STORE_W PA1, ADDI_A0(1)
  STORE_W PA1 + 4, RET
  STORE_W PA2, ADDI_A0(2)
  STORE_W PA2 + 4, RET
  SET_PTE ROOT, 2, PTE_FOR(0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)  // identity gigapage
  SET_PTE ROOT, 4, PTE_FOR(L1, PTE_V)
  SET_PTE L1, 0, PTE_FOR(L0, PTE_V)
  SET_PTE L0, 0, PTE_FOR(PA1, PTE_V | PTE_R | PTE_X | PTE_A)
  li t0, (8 << 60) | (ROOT >> 12)
  csrw satp, t0
  sfence.vma
  TRAP_RESET
  GOTO_MODE PRV_S
  CALL3 VA_CODE
  GOTO_M
  CHECK_NO_TRAP 30
  CHECK 31, a0, 3
  // remap VA_CODE to PA2
  SET_PTE L0, 0, PTE_FOR(PA2, PTE_V | PTE_R | PTE_X | PTE_A)
  sfence.vma
  GOTO_MODE PRV_S
  CALL3 VA_CODE
  GOTO_M
  CHECK 32, a0, 6
  // back to PA1, whose decoded code is still valid
  SET_PTE L0, 0, PTE_FOR(PA1, PTE_V | PTE_R | PTE_X | PTE_A)
  sfence.vma
  GOTO_MODE PRV_S
  CALL3 VA_CODE
  GOTO_M
  CHECK 33, a0, 3
  // in S-mode, rewrite PA1 through its identity alias, then run it at VA_CODE
  GOTO_MODE PRV_S
  CALL3 VA_CODE
  li t0, ADDI_A0(4)
  li t1, PA1
  sw t0, 0(t1)
  CALL3 VA_CODE
  GOTO_M
  CHECK_NO_TRAP 34
  CHECK 35, a0, 12
  // a 32-bit instruction straddling two virtual pages whose physical pages are not adjacent: its upper half
  // comes from PA6, not from PA5 (the page after PA4 in memory); a c.nop before it gets PA4 decoded
  STORE_H PA4 + 0xffc, 0x0001
  STORE_H PA4 + 0xffe, (ADDI_A0(16) & 0xffff)
  STORE_H PA6, (ADDI_A0(16) >> 16)
  STORE_H PA6 + 2, C_RET
  STORE_H PA5, (ADDI_A0(99) >> 16)
  SET_PTE L0, 2, PTE_FOR(PA4, PTE_V | PTE_R | PTE_X | PTE_A)
  SET_PTE L0, 3, PTE_FOR(PA6, PTE_V | PTE_R | PTE_X | PTE_A)
  sfence.vma
  GOTO_MODE PRV_S
  CALL3 VA_CODE + 0x2ffc
  GOTO_M
  CHECK_NO_TRAP 36
  CHECK 37, a0, 48
  // sequential code running off a page's end (a 32-bit addi at PA4 + 0xffc) into the next virtual page, on PA6,
  // while PA5 (the page after PA4 in memory, so the decode slot after PA4's) is decoded with other code: the
  // instruction after the addi is PA6's c.addi, never PA5's addi a0, a0, 64 (PA5 runs last before the jump:
  // a store to PA4's end would clear its first entries)
  STORE_W PA4 + 0xffc, ADDI_A0(1)
  STORE_H PA6, C_ADDI_A0(2)
  STORE_H PA6 + 2, C_RET
  STORE_W PA5, ADDI_A0(64)
  STORE_W PA5 + 4, RET
  CALL3 PA5
  CHECK 38, a0, 192
  GOTO_MODE PRV_S
  CALL3 VA_CODE + 0x2ffc
  GOTO_M
  CHECK_NO_TRAP 39
  CHECK 40, a0, 9
  csrw satp, zero
  sfence.vma

  PASS

  // Stores t3 over the instruction that follows the store, then runs it (a0 += its increment).
  .balign 4
  .option push
  .option norvc
patch_next:
  la t4, patched
  sw t3, 0(t4)
patched:
  addi a0, a0, 1
  ret
  .option pop
  TEST_END
