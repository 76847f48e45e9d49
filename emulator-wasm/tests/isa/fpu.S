// F and D: basic arithmetic with exception flags, conversions (rounding modes, saturation), moves, sign
// injection, loads/stores, NaN boxing, fclass, min/max, compares and the fflags/frm/fcsr CSRs
// (unprivileged spec chapters 11-12; cartesi-machine.md §17). The soft-float corner cases live elsewhere.
#include "test-macros.h"

// Load a 64-bit pattern into an f register.
.macro FLI freg, bits
  li t0, \bits
  fmv.d.x \freg, t0
.endm
// Check an f register's 64-bit pattern.
.macro CHECK_F n, freg, bits
  fmv.x.d t1, \freg
  CHECK \n, t1, \bits
.endm
.macro CHECK_FLAGS n, flags
  csrr t1, fflags
  CHECK \n, t1, \flags
.endm

#define NX 1
#define UF 2
#define OF 4
#define DZ 8
#define NV 16

  TEST_START
  FP_ENABLE
  csrw fcsr, zero

  // arithmetic
  FLI fa1, 0x3ff8000000000000    // 1.5
  FLI fa2, 0x4002000000000000    // 2.25
  fadd.d fa0, fa1, fa2
  CHECK_F 1, fa0, 0x400e000000000000   // 3.75
  CHECK_FLAGS 2, 0
  fsub.d fa0, fa1, fa2
  CHECK_F 3, fa0, 0xbfe8000000000000   // -0.75
  fmul.d fa0, fa1, fa2
  CHECK_F 4, fa0, 0x400b000000000000   // 3.375
  FLI fa3, 0x3ff0000000000000    // 1.0
  FLI fa4, 0x4008000000000000    // 3.0
  fdiv.d fa0, fa3, fa4
  CHECK_F 5, fa0, 0x3fd5555555555555
  CHECK_FLAGS 6, NX
  csrw fflags, zero
  FLI fa5, 0x4010000000000000    // 4.0
  fsqrt.d fa0, fa5
  CHECK_F 7, fa0, 0x4000000000000000
  CHECK_FLAGS 8, 0
  fmadd.d fa0, fa4, fa4, fa3     // 3*3+1
  CHECK_F 9, fa0, 0x4024000000000000
  fnmsub.d fa0, fa4, fa4, fa3    // -(3*3)+1
  CHECK_F 10, fa0, 0xc020000000000000
  fmsub.d fa0, fa4, fa4, fa3     // 3*3-1
  CHECK_F 11, fa0, 0x4020000000000000
  fnmadd.d fa0, fa4, fa4, fa3    // -(3*3)-1
  CHECK_F 12, fa0, 0xc024000000000000

  // single precision, with boxed results
  FLI fs1, 0xffffffff3fc00000    // 1.5f
  FLI fs2, 0xffffffff40000000    // 2.0f
  fmul.s fs0, fs1, fs2
  CHECK_F 13, fs0, 0xffffffff40400000
  FLI fs3, 0xffffffff00000000    // +0.0f
  fdiv.s fs0, fs1, fs3
  CHECK_F 14, fs0, 0xffffffff7f800000  // +inf
  CHECK_FLAGS 15, DZ
  FLI fs4, 0xffffffffbf800000    // -1.0f
  fsqrt.s fs0, fs4
  CHECK_F 16, fs0, 0xffffffff7fc00000  // canonical NaN
  CHECK_FLAGS 17, DZ | NV              // flags accumulate
  csrw fflags, zero
  FLI fs5, 0xffffffff7f7fffff    // max float
  fadd.s fs0, fs5, fs5
  CHECK_F 18, fs0, 0xffffffff7f800000
  CHECK_FLAGS 19, OF | NX
  csrw fflags, zero

  // conversions to integer: rounding modes and saturation
  FLI fa1, 0x4004000000000000    // 2.5
  fcvt.w.d a0, fa1, rne
  CHECK 20, a0, 2
  fcvt.w.d a0, fa1, rup
  CHECK 21, a0, 3
  fcvt.w.d a0, fa1, rtz
  CHECK 22, a0, 2
  fcvt.w.d a0, fa1, rmm
  CHECK 23, a0, 3
  CHECK_FLAGS 24, NX
  FLI fa1, 0xc004000000000000    // -2.5
  fcvt.l.d a0, fa1, rdn
  CHECK 25, a0, -3
  fcvt.l.d a0, fa1, rup
  CHECK 26, a0, -2
  csrw fflags, zero
  FLI fa1, 0x7ff8000000000000    // NaN
  fcvt.l.d a0, fa1, rtz
  CHECK 27, a0, 0x7fffffffffffffff
  CHECK_FLAGS 28, NV
  FLI fa1, 0xbff0000000000000    // -1.0
  fcvt.wu.d a0, fa1, rtz
  CHECK 29, a0, 0
  FLI fa1, 0x41efffffffe00000    // 4294967295.0
  fcvt.wu.d a0, fa1, rtz
  CHECK 30, a0, -1                     // 0xffffffff sign-extended
  FLI fa1, 0xfff0000000000000    // -inf
  fcvt.w.d a0, fa1, rtz
  CHECK 31, a0, 0xffffffff80000000
  FLI fs1, 0xffffffff4f32d05e    // 3e9f
  fcvt.w.s a0, fs1, rtz
  CHECK 32, a0, 0x7fffffff
  fcvt.lu.s a0, fs1, rtz
  CHECK 33, a0, 3000000000
  csrw fflags, zero
  fcvt.wu.s a0, fs1, rtz               // fits in 32 bits unsigned, sign-extended
  CHECK 34, a0, 0xffffffffb2d05e00
  CHECK_FLAGS 35, 0

  // conversions from integer and between formats
  li a1, -5
  fcvt.d.w fa0, a1
  CHECK_F 40, fa0, 0xc014000000000000
  li a1, 0x1000001               // 2^24 + 1: ties to even
  fcvt.s.l fa0, a1
  CHECK_F 41, fa0, 0xffffffff4b800000
  CHECK_FLAGS 42, NX
  fcvt.s.l fa0, a1, rup
  CHECK_F 43, fa0, 0xffffffff4b800001
  li a1, -1
  fcvt.d.lu fa0, a1              // 2^64 - 1 rounds to 2^64
  CHECK_F 44, fa0, 0x43f0000000000000
  fcvt.d.wu fa0, a1              // low word only: 4294967295
  CHECK_F 45, fa0, 0x41efffffffe00000
  csrw fflags, zero
  FLI fa1, 0x3fb999999999999a    // 0.1
  fcvt.s.d fa0, fa1
  CHECK_F 46, fa0, 0xffffffff3dcccccd
  CHECK_FLAGS 47, NX
  FLI fa1, 0xffffffff3fc00000    // 1.5f
  fcvt.d.s fa0, fa1
  CHECK_F 48, fa0, 0x3ff8000000000000

  // moves: fmv.x.w sign-extends, fmv.w.x boxes, fmv.x.d / fmv.d.x copy raw bits
  li a1, 0x12345678c0000000
  fmv.w.x fa0, a1
  CHECK_F 50, fa0, 0xffffffffc0000000
  fmv.x.w a0, fa0
  CHECK 51, a0, 0xffffffffc0000000
  FLI fa1, 0x7ff0000000000001    // a signaling NaN moves unchanged
  fmv.x.d a0, fa1
  CHECK 52, a0, 0x7ff0000000000001
  fmv.x.w a0, fa1                // low 32 bits without a boxing check
  CHECK 53, a0, 1

  // NaN boxing: an unboxed single operand reads as the canonical NaN
  FLI fa1, 0x000000003f800000
  fadd.s fa0, fa1, fa1
  CHECK_F 54, fa0, 0xffffffff7fc00000
  fsgnj.s fa0, fa1, fa1
  CHECK_F 55, fa0, 0xffffffff7fc00000
  fclass.s a0, fa1
  CHECK 56, a0, 0x200

  // loads and stores
  la s0, fdata
  flw fa0, 0(s0)                 // 0x3f800000: boxed on load
  CHECK_F 60, fa0, 0xffffffff3f800000
  fld fa0, 8(s0)
  CHECK_F 61, fa0, 0x400921fb54442d18
  FLI fa1, 0x1234567887654321
  fsw fa1, 16(s0)                // low 32 bits, no boxing check
  ld a0, 16(s0)
  CHECK 62, a0, 0x0000000087654321
  fsd fa1, 24(s0)
  ld a0, 24(s0)
  CHECK 63, a0, 0x1234567887654321

  // sign injection
  FLI fa1, 0x3ff0000000000000    // 1.0
  FLI fa2, 0x8000000000000000    // -0.0
  fsgnj.d fa0, fa1, fa2
  CHECK_F 70, fa0, 0xbff0000000000000
  fsgnjn.d fa0, fa1, fa2
  CHECK_F 71, fa0, 0x3ff0000000000000
  fsgnjx.d fa0, fa0, fa2
  CHECK_F 72, fa0, 0xbff0000000000000
  fneg.d fa0, fa0
  CHECK_F 73, fa0, 0x3ff0000000000000
  FLI fa3, 0x7ff0000000000001    // sign injection copies NaN payloads
  fsgnjn.d fa0, fa3, fa3
  CHECK_F 74, fa0, 0xfff0000000000001
  FLI fs1, 0xffffffff3f800000
  FLI fs2, 0xffffffffbf800000
  fsgnj.s fa0, fs1, fs2
  CHECK_F 75, fa0, 0xffffffffbf800000

  // fclass
  FLI fa1, 0xfff0000000000000
  fclass.d a0, fa1
  CHECK 80, a0, 0x001
  FLI fa1, 0xbff0000000000000
  fclass.d a0, fa1
  CHECK 81, a0, 0x002
  FLI fa1, 0x8000000000000001
  fclass.d a0, fa1
  CHECK 82, a0, 0x004
  FLI fa1, 0x8000000000000000
  fclass.d a0, fa1
  CHECK 83, a0, 0x008
  FLI fa1, 0x0000000000000000
  fclass.d a0, fa1
  CHECK 84, a0, 0x010
  FLI fa1, 0x000fffffffffffff
  fclass.d a0, fa1
  CHECK 85, a0, 0x020
  FLI fa1, 0x3ff0000000000000
  fclass.d a0, fa1
  CHECK 86, a0, 0x040
  FLI fa1, 0x7ff0000000000000
  fclass.d a0, fa1
  CHECK 87, a0, 0x080
  FLI fa1, 0x7ff0000000000001
  fclass.d a0, fa1
  CHECK 88, a0, 0x100
  FLI fa1, 0x7ff8000000000000
  fclass.d a0, fa1
  CHECK 89, a0, 0x200
  FLI fa1, 0xffffffff80400000    // a negative subnormal float
  fclass.s a0, fa1
  CHECK 90, a0, 0x004

  // min/max and compares
  csrw fflags, zero
  FLI fa1, 0x7ff8000000000000    // qNaN
  FLI fa2, 0x3ff0000000000000    // 1.0
  fmin.d fa0, fa1, fa2
  CHECK_F 100, fa0, 0x3ff0000000000000
  CHECK_FLAGS 101, 0
  FLI fa3, 0x8000000000000000
  FLI fa4, 0x0000000000000000
  fmin.d fa0, fa4, fa3
  CHECK_F 102, fa0, 0x8000000000000000
  fmax.d fa0, fa3, fa4
  CHECK_F 103, fa0, 0x0000000000000000
  FLI fa5, 0x7ff0000000000001    // sNaN
  fmax.d fa0, fa5, fa2
  CHECK_F 104, fa0, 0x3ff0000000000000
  CHECK_FLAGS 105, NV
  fmax.d fa0, fa5, fa1           // both NaN: canonical NaN
  CHECK_F 106, fa0, 0x7ff8000000000000
  csrw fflags, zero
  feq.d a0, fa1, fa2
  CHECK 107, a0, 0
  CHECK_FLAGS 108, 0             // quiet NaN: no NV for feq
  flt.d a0, fa1, fa2
  CHECK 109, a0, 0
  CHECK_FLAGS 110, NV            // any NaN: NV for flt
  feq.d a0, fa3, fa4             // -0 == +0
  CHECK 111, a0, 1
  flt.d a0, fa3, fa4
  CHECK 112, a0, 0
  fle.d a0, fa3, fa4
  CHECK 113, a0, 1
  FLI fs1, 0xffffffffbf800000
  FLI fs2, 0xffffffff3f800000
  flt.s a0, fs1, fs2
  CHECK 114, a0, 1

  // fflags / frm / fcsr
  csrw fcsr, zero
  csrw fflags, 0x1f
  CHECK_CSR 120, fcsr, 0x1f
  csrwi frm, 3
  CHECK_CSR 121, fcsr, 0x7f
  CHECK_CSR 122, frm, 3
  li t2, -1
  csrw fflags, t2                // only 5 bits
  CHECK_CSR 123, fflags, 0x1f
  csrw fcsr, t2                  // only 8 bits
  CHECK_CSR 124, fcsr, 0xff
  CHECK_CSR 125, frm, 7
  csrrw a0, fcsr, zero
  CHECK 126, a0, 0xff
  // dynamic rounding uses frm
  csrwi frm, 3                   // RUP
  FLI fa1, 0x4004000000000000    // 2.5
  fcvt.w.d a0, fa1               // rm = dyn
  CHECK 127, a0, 3
  csrwi frm, 2                   // RDN
  FLI fa1, 0x3ff0000000000000
  FLI fa2, 0x4008000000000000
  fdiv.d fa0, fa1, fa2, dyn
  CHECK_F 128, fa0, 0x3fd5555555555555
  csrwi frm, 3
  fdiv.d fa0, fa1, fa2
  CHECK_F 129, fa0, 0x3fd5555555555556

  PASS
  TEST_END
  .data
  .align 3
fdata: .word 0x3f800000, 0
  .dword 0x400921fb54442d18, 0, 0
