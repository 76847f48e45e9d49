// Fused multiply-add: (±a*b) ± c with a single rounding (spec §17), generic over the format.
// The exact product (128 bits) and the addend are aligned in 128-bit fixed point; the one with the
// smaller scale is shifted right with a sticky bit, which keeps the single rounding exact because
// the other operand always has zero low bits.

import {
  CANON, FLAG_NV, INF, SIGN, exactZero, g_exp, isInfF, isNaNF, isSNaNF, isZeroF, packSign,
  raise, roundPack, signOf, unpackSig,
} from "./common";
import { roundProduct } from "./arith";
import { mul64x64, shiftRightJam128, w_hi, w_lo } from "./wide";

export function fmaG<T>(a: u64, b: u64, c: u64, rm: u32, negProduct: bool, negAddend: bool): u64 {
  let infTimesZero = (isInfF<T>(a) && isZeroF<T>(b)) || (isZeroF<T>(a) && isInfF<T>(b));
  if (isNaNF<T>(a) || isNaNF<T>(b) || isNaNF<T>(c)) {
    // NV for any signaling NaN, and for inf*0 even when c is a quiet NaN (spec §17).
    if (isSNaNF<T>(a) || isSNaNF<T>(b) || isSNaNF<T>(c) || infTimesZero) raise(FLAG_NV);
    return CANON<T>();
  }
  if (infTimesZero) {
    raise(FLAG_NV);
    return CANON<T>();
  }
  let sp = signOf<T>(a) ^ signOf<T>(b) ^ <u32>negProduct;
  let sc = signOf<T>(c) ^ <u32>negAddend;
  if (isInfF<T>(a) || isInfF<T>(b)) {
    if (isInfF<T>(c) && sc != sp) {
      raise(FLAG_NV); // inf - inf
      return CANON<T>();
    }
    return packSign<T>(sp) | INF<T>();
  }
  if (isInfF<T>(c)) return packSign<T>(sc) | INF<T>();
  let cNeg = (c & ~SIGN<T>()) | packSign<T>(sc); // c with the addend sign applied
  if (isZeroF<T>(a) || isZeroF<T>(b)) {
    // Exact zero product: the result is c, or a signed zero by the IEEE sum-of-zeros rule.
    if (isZeroF<T>(c)) return sp == sc ? packSign<T>(sp) : exactZero<T>(rm);
    return cNeg;
  }
  let sigA = unpackSig<T>(a);
  let ea = g_exp;
  let sigB = unpackSig<T>(b);
  let eb = g_exp;
  if (isZeroF<T>(c)) return roundProduct<T>(sp, ea, sigA, eb, sigB, rm);
  let sigC = unpackSig<T>(c);
  let ec = g_exp;

  // Product P = sigA*sigB in [2^124, 2^126), value P * 2^(ea+eb-124).
  mul64x64(sigA, sigB);
  let pHi = w_hi;
  let pLo = w_lo;
  let scaleP = ea + eb - 124;
  // Addend C = sigC * 2^64 in [2^126, 2^127), value C * 2^(ec-126).
  let cHi = sigC;
  let cLo: u64 = 0;
  let scaleC = ec - 126;
  let scale: i32;
  if (scaleP >= scaleC) {
    shiftRightJam128(cHi, cLo, scaleP - scaleC);
    cHi = w_hi;
    cLo = w_lo;
    scale = scaleP;
  } else {
    shiftRightJam128(pHi, pLo, scaleC - scaleP);
    pHi = w_hi;
    pLo = w_lo;
    scale = scaleC;
  }
  let hi: u64;
  let lo: u64;
  let s: u32;
  if (sp == sc) {
    // Both < 2^127, so the sum fits in 128 bits.
    lo = pLo + cLo;
    hi = pHi + cHi + <u64>(lo < pLo);
    s = sp;
  } else {
    let pBigger = pHi > cHi || (pHi == cHi && pLo >= cLo);
    if (pBigger) {
      lo = pLo - cLo;
      hi = pHi - cHi - <u64>(pLo < cLo);
      s = sp;
    } else {
      lo = cLo - pLo;
      hi = cHi - pHi - <u64>(cLo < pLo);
      s = sc;
    }
    if ((hi | lo) == 0) return exactZero<T>(rm); // exact cancellation
  }
  // Compress 128 bits to 64 with a sticky bit, then round once.
  if (hi == 0) {
    // value = lo * 2^scale = lo * 2^((scale + 62) - 62)
    return roundPack<T>(s, scale + 62, lo, rm);
  }
  let lz = <i32>clz(hi);
  let sig = lz == 0 ? hi : (hi << lz) | (lo >> (64 - lz));
  sig |= <u64>((lo << lz) != 0);
  // sig's bit 0 has weight 2^(scale + 64 - lz)
  return roundPack<T>(s, scale + 64 - lz + 62, sig, rm);
}
