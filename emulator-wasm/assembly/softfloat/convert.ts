// Conversions between formats and between floats and integers (spec §17).

import {
  CANON, FLAG_NV, FLAG_NX, INF, g_exp, isInfF, isNaNF, isSNaNF, isZeroF, packSign, raise,
  roundPack, roundsUp, signOf, unpackSig,
} from "./common";

/** Format conversion From -> To (widening is exact; narrowing rounds). NaN -> canonical NaN. */
export function convertG<From, To>(a: u64, rm: u32): u64 {
  if (isNaNF<From>(a)) {
    if (isSNaNF<From>(a)) raise(FLAG_NV);
    return CANON<To>();
  }
  let s = signOf<From>(a);
  if (isInfF<From>(a)) return packSign<To>(s) | INF<To>();
  if (isZeroF<From>(a)) return packSign<To>(s);
  let sig = unpackSig<From>(a);
  return roundPack<To>(s, g_exp, sig, rm);
}

/**
 * Float -> integer of `bits` (32 or 64) bits, signed or not, returned as a two's-complement u64.
 * Saturates with NV only (no NX) when the rounded value is out of range: NaN and +inf/too large
 * give the maximum, -inf/too small the minimum; in-range inexact results set NX (spec §17).
 */
export function toIntG<T>(a: u64, rm: u32, bits: i32, signed: bool): u64 {
  let maxV: u64 = signed ? (<u64>1 << (bits - 1)) - 1 : bits == 64 ? <u64>-1 : (<u64>1 << bits) - 1;
  let minV: u64 = signed ? <u64>-1 << (bits - 1) : 0; // as two's complement
  if (isNaNF<T>(a)) {
    raise(FLAG_NV);
    return maxV;
  }
  let s = signOf<T>(a);
  if (isInfF<T>(a)) {
    raise(FLAG_NV);
    return s != 0 ? minV : maxV;
  }
  if (isZeroF<T>(a)) return 0;
  let sig = unpackSig<T>(a);
  let e = g_exp; // |value| = sig * 2^(e - 62)
  if (e > 63) {
    raise(FLAG_NV);
    return s != 0 ? minV : maxV;
  }
  let q: u64;
  let rem: u64 = 0;
  let shift = 62 - e;
  if (shift < 0) {
    q = sig << 1; // e == 63: exact, below 2^64
  } else {
    if (shift > 63) {
      // |value| < 2^-1 by a wide margin: only stickiness matters (same trick as roundPack).
      sig = 1;
      shift = 63;
    }
    q = sig >> shift;
    rem = sig & ((<u64>1 << shift) - 1);
    if (rem != 0 && roundsUp(q, rem, shift, rm, s)) q += 1;
  }
  // Magnitude limit: 2^(bits-1) for negative signed, 0 for negative unsigned.
  let limit: u64 = s != 0 ? (signed ? <u64>1 << (bits - 1) : 0) : maxV;
  if (q > limit) {
    raise(FLAG_NV);
    return s != 0 ? minV : maxV;
  }
  if (rem != 0) raise(FLAG_NX);
  return s != 0 ? 0 - q : q;
}

/** Integer (sign + magnitude) -> float, rounding per rm. Zero converts to +0. */
export function fromIntG<T>(s: u32, mag: u64, rm: u32): u64 {
  if (mag == 0) return 0;
  // |value| = mag * 2^0 = mag * 2^(62 - 62)
  return roundPack<T>(s, 62, mag, rm);
}
