// Format-generic add, multiply, divide and square root (T = u32 for binary32, u64 for binary64).
// Operands are unpacked to a significand with its leading one at bit 62 (see unpackSig), the exact
// result is computed with enough extra bits plus a sticky bit, and roundPack rounds once.
// NaN results are always the canonical NaN (spec §17: payloads are never propagated).

import {
  CANON, FLAG_DZ, FLAG_NV, INF, exactZero, g_exp, isInfF, isNaNF, isSNaNF, isZeroF,
  packSign, raise, roundPack, shiftRightJam64, signOf, unpackSig,
} from "./common";
import { mul64x64, w_hi, w_lo } from "./wide";

/** Canonical NaN for a NaN operand; NV only when some operand is signaling. */
@inline function nan2<T>(a: u64, b: u64): u64 {
  if (isSNaNF<T>(a) || isSNaNF<T>(b)) raise(FLAG_NV);
  return CANON<T>();
}

@inline function invalid<T>(): u64 {
  raise(FLAG_NV);
  return CANON<T>();
}

export function addG<T>(a: u64, b: u64, rm: u32): u64 {
  if (isNaNF<T>(a) || isNaNF<T>(b)) return nan2<T>(a, b);
  let sa = signOf<T>(a);
  let sb = signOf<T>(b);
  if (isInfF<T>(a)) {
    if (isInfF<T>(b) && sa != sb) return invalid<T>(); // inf - inf
    return a;
  }
  if (isInfF<T>(b)) return b;
  if (isZeroF<T>(a)) {
    if (isZeroF<T>(b)) return sa == sb ? a : exactZero<T>(rm);
    return b;
  }
  if (isZeroF<T>(b)) return a;

  let sigA = unpackSig<T>(a);
  let ea = g_exp;
  let sigB = unpackSig<T>(b);
  let eb = g_exp;
  // Order so that |a| >= |b|; the result then takes a's sign and a subtraction never goes negative.
  if (eb > ea || (eb == ea && sigB > sigA)) {
    let ts = sigA; sigA = sigB; sigB = ts;
    let te = ea; ea = eb; eb = te;
    let tg = sa; sa = sb; sb = tg;
  }
  // Both significands have at least 10 zero low bits, so the jammed sticky keeps the result
  // odd whenever it is inexact, which makes the single rounding in roundPack exact.
  sigB = shiftRightJam64(sigB, ea - eb);
  let sig: u64;
  if (sa == sb) {
    sig = sigA + sigB; // < 2^64; roundPack renormalizes a carry into bit 63
  } else {
    sig = sigA - sigB;
    if (sig == 0) return exactZero<T>(rm);
  }
  return roundPack<T>(sa, ea, sig, rm);
}

export function mulG<T>(a: u64, b: u64, rm: u32): u64 {
  if (isNaNF<T>(a) || isNaNF<T>(b)) return nan2<T>(a, b);
  let s = signOf<T>(a) ^ signOf<T>(b);
  if (isInfF<T>(a) || isInfF<T>(b)) {
    if (isZeroF<T>(a) || isZeroF<T>(b)) return invalid<T>(); // inf * 0
    return packSign<T>(s) | INF<T>();
  }
  if (isZeroF<T>(a) || isZeroF<T>(b)) return packSign<T>(s);
  let sigA = unpackSig<T>(a);
  let ea = g_exp;
  let sigB = unpackSig<T>(b);
  let eb = g_exp;
  return roundProduct<T>(s, ea, sigA, eb, sigB, rm);
}

/** Rounds sigA*2^(ea-62) * sigB*2^(eb-62) (both significands normalized at bit 62). */
export function roundProduct<T>(s: u32, ea: i32, sigA: u64, eb: i32, sigB: u64, rm: u32): u64 {
  // Product in [2^124, 2^126); its high word keeps >= 61 bits, the low word becomes sticky.
  mul64x64(sigA, sigB);
  let sig = w_hi | <u64>(w_lo != 0);
  // value = sig * 2^(ea + eb - 124 + 64) = sig * 2^((ea + eb + 2) - 62)
  return roundPack<T>(s, ea + eb + 2, sig, rm);
}

export function divG<T>(a: u64, b: u64, rm: u32): u64 {
  if (isNaNF<T>(a) || isNaNF<T>(b)) return nan2<T>(a, b);
  let s = signOf<T>(a) ^ signOf<T>(b);
  if (isInfF<T>(a)) {
    if (isInfF<T>(b)) return invalid<T>(); // inf / inf
    return packSign<T>(s) | INF<T>();
  }
  if (isInfF<T>(b)) return packSign<T>(s);
  if (isZeroF<T>(b)) {
    if (isZeroF<T>(a)) return invalid<T>(); // 0 / 0
    raise(FLAG_DZ); // finite nonzero / 0
    return packSign<T>(s) | INF<T>();
  }
  if (isZeroF<T>(a)) return packSign<T>(s);
  let sigA = unpackSig<T>(a);
  let ea = g_exp;
  let sigB = unpackSig<T>(b);
  let eb = g_exp;
  // 53-bit integer significands (exact for both formats: the low 10 bits are zero).
  let na = sigA >> 10;
  let nb = sigB >> 10;
  // Long division in base 2^11: q = floor(na * 2^55 / nb). Each partial remainder is < nb < 2^53,
  // so shifting it by 11 never overflows. q lies in (2^54, 2^56): at least 55 bits, enough for
  // 53 bits plus round and sticky information.
  let r = na;
  let q: u64 = 0;
  for (let i = 0; i < 5; i++) {
    r <<= 11;
    q = (q << 11) | (r / nb);
    r = r % nb;
  }
  let sig = (q << 1) | <u64>(r != 0);
  // value = (na/nb) * 2^(ea-eb) = sig * 2^(ea - eb - 56)
  return roundPack<T>(s, ea - eb + 6, sig, rm);
}

export function sqrtG<T>(a: u64, rm: u32): u64 {
  if (isNaNF<T>(a)) return nan2<T>(a, a);
  if (isZeroF<T>(a)) return a; // sqrt(-0) = -0
  if (signOf<T>(a) != 0) return invalid<T>(); // negative, including -inf
  if (isInfF<T>(a)) return a;
  let m = unpackSig<T>(a) >> 10; // 53-bit integer, value = m * 2^(E - 52)
  let e2 = g_exp - 52;
  if ((e2 & 1) != 0) {
    // Make the exponent even so it halves exactly.
    m <<= 1;
    e2 -= 1;
  }
  // Radicand R = m * 2^58 in [2^110, 2^112) as hi:lo; root = floor(sqrt(R)) in [2^55, 2^56).
  let hi = m >> 6;
  let lo = m << 58;
  let root: u64 = 0;
  let rem: u64 = 0; // stays <= 2*root < 2^57, so rem << 2 fits
  // Digit-by-digit (restoring) square root, two radicand bits per step, high pairs first.
  for (let i = 23; i >= 0; i--) {
    rem = (rem << 2) | ((hi >> (i << 1)) & 3);
    let trial = (root << 2) | 1;
    root <<= 1;
    if (rem >= trial) {
      rem -= trial;
      root |= 1;
    }
  }
  for (let i = 31; i >= 0; i--) {
    rem = (rem << 2) | ((lo >> (i << 1)) & 3);
    let trial = (root << 2) | 1;
    root <<= 1;
    if (rem >= trial) {
      rem -= trial;
      root |= 1;
    }
  }
  let sig = (root << 1) | <u64>(rem != 0);
  // value = sqrt(R) * 2^(e2/2 - 29) = sig * 2^(e2/2 - 30)
  return roundPack<T>(0, (e2 >> 1) + 32, sig, rm);
}

