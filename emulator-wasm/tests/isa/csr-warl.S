// WARL rules of Cartesi v0.21 (cartesi-machine.md §3.2): writing all ones (or illegal values) to each CSR and
// reading back the legal value. mstatus.MIE stays 0 while interrupt bits are set, so nothing is taken.
#include "test-macros.h"

// Write \val to \csr and check the value read back.
.macro WARL n, csr, val, expected
  li t0, \val
  csrw \csr, t0
  CHECK_CSR \n, \csr, \expected
.endm

  TEST_START
  CHECK_CSR 1, mstatus, 0xa00000000     // reset value

  // mstatus: only SIE MIE SPIE MPIE SPP MPP FS MPRV SUM MXR TVM TW TSR are writable; UXL = SXL = 2; FS != Off
  // is forced to Dirty and SD follows it
  WARL 2, mstatus, -1, 0x8000000a007e79aa
  WARL 3, mstatus, 0, 0xa00000000
  WARL 4, mstatus, (1 << 13), 0x8000000a00006000   // FS = Initial -> Dirty
  WARL 5, mstatus, (2 << 13), 0x8000000a00006000   // FS = Clean -> Dirty
  WARL 6, mstatus, (2 << 11), 0xa00000000          // MPP = 2 (HS) -> U
  WARL 7, mstatus, (1 << 11), 0xa00000800
  WARL 8, mstatus, 0x8000000000000000, 0xa00000000 // SD is not writable
  csrw mstatus, zero

  // sstatus: a restricted view (SIE SPIE SPP FS SUM MXR writable; UXL and SD visible)
  WARL 10, sstatus, -1, 0x80000002000c6122
  CHECK_CSR 11, mstatus, 0x8000000a000c6122
  csrw mstatus, zero

  // delegation and interrupt registers
  WARL 20, medeleg, -1, 0xb3ff                     // causes 0-9, 12, 13, 15
  WARL 21, mideleg, -1, 0x222                      // SSIP, STIP, SEIP
  WARL 22, mie, -1, 0xaaa
  WARL 23, mip, -1, 0x222                          // a CSR write changes only SSIP, STIP, SEIP
  csrw mip, zero
  // sie / sip are views through mideleg
  csrw mie, zero
  WARL 24, sie, -1, 0x222
  CHECK_CSR 25, mie, 0x222
  csrw sip, t0                                     // t0 = -1: only SSIP is writable through sip
  CHECK_CSR 26, mip, 0x2
  CHECK_CSR 27, sip, 0x2
  csrw mip, zero
  csrw mie, zero
  csrw mideleg, zero
  WARL 28, sie, -1, 0                              // nothing delegated: sie is read-only zero
  CHECK_CSR 29, mie, 0
  csrw medeleg, zero

  // trap vectors: direct mode only
  csrr s0, mtvec
  WARL 30, mtvec, 0x80000003, 0x80000000
  WARL 31, mtvec, 0x80000001, 0x80000000
  csrw mtvec, s0
  csrr s1, stvec
  WARL 32, stvec, 0x80000013, 0x80000010
  csrw stvec, s1
  // counter enables: CY, TM, IR
  WARL 40, mcounteren, -1, 7
  WARL 41, scounteren, -1, 7
  csrw mcounteren, zero
  csrw scounteren, zero
  // envcfg: only FIOM
  WARL 42, menvcfg, -1, 1
  WARL 43, senvcfg, -1, 1
  // satp (M-mode ignores it): ASID reads 0, a write with an unsupported MODE leaves satp unchanged
  WARL 50, satp, 0x8ffff00000000123, 0x8000000000000123
  WARL 51, satp, 0x1000000000000456, 0x8000000000000123   // MODE 1: ignored
  WARL 52, satp, 0xa000000000000456, 0x8000000000000123   // MODE 10 (Sv57): ignored
  WARL 53, satp, 0x9000000000000789, 0x9000000000000789   // Sv48
  WARL 54, satp, 0, 0
  // scratch registers hold any value
  WARL 60, mscratch, -1, -1
  WARL 61, sscratch, 0x8000000000000001, 0x8000000000000001

  PASS
  TEST_END
