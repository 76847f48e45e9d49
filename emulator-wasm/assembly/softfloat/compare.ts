// Comparisons, FMIN/FMAX and FCLASS, generic over the format (spec §17).

import {
  CANON, FLAG_NV, expField, EXPMAX, FRACMASK, isNaNF, isSNaNF, isZeroF, raise, signOf,
} from "./common";

/** Ordered a < b for non-NaN operands; -0 and +0 compare equal. */
@inline function ltOrdered<T>(a: u64, b: u64): bool {
  let sa = signOf<T>(a);
  let sb = signOf<T>(b);
  if (sa != sb) return sa != 0 && !(isZeroF<T>(a) && isZeroF<T>(b));
  return sa != 0 ? a > b : a < b; // sign-magnitude: larger magnitude is smaller when negative
}

/** FEQ: quiet comparison, NV only for signaling NaNs. */
export function eqG<T>(a: u64, b: u64): bool {
  if (isNaNF<T>(a) || isNaNF<T>(b)) {
    if (isSNaNF<T>(a) || isSNaNF<T>(b)) raise(FLAG_NV);
    return false;
  }
  return a == b || (isZeroF<T>(a) && isZeroF<T>(b));
}

/** FLT: signaling comparison, NV for any NaN. */
export function ltG<T>(a: u64, b: u64): bool {
  if (isNaNF<T>(a) || isNaNF<T>(b)) {
    raise(FLAG_NV);
    return false;
  }
  return ltOrdered<T>(a, b);
}

/** FLE: signaling comparison, NV for any NaN. */
export function leG<T>(a: u64, b: u64): bool {
  if (isNaNF<T>(a) || isNaNF<T>(b)) {
    raise(FLAG_NV);
    return false;
  }
  return a == b || (isZeroF<T>(a) && isZeroF<T>(b)) || ltOrdered<T>(a, b);
}

/** Total order used by FMIN/FMAX on non-NaN values: -0 is below +0. */
@inline function ltTotal<T>(a: u64, b: u64): bool {
  let sa = signOf<T>(a);
  let sb = signOf<T>(b);
  if (sa != sb) return sa != 0;
  return sa != 0 ? a > b : a < b;
}

/**
 * FMIN/FMAX (RISC-V 2.2+): one NaN -> the other operand; both NaN -> canonical NaN;
 * a signaling NaN operand sets NV.
 */
export function minMaxG<T>(a: u64, b: u64, isMax: bool): u64 {
  let na = isNaNF<T>(a);
  let nb = isNaNF<T>(b);
  if (na || nb) {
    if (isSNaNF<T>(a) || isSNaNF<T>(b)) raise(FLAG_NV);
    if (na && nb) return CANON<T>();
    return na ? b : a;
  }
  let aFirst = ltTotal<T>(a, b) != isMax;
  return aFirst ? a : b;
}

/** FCLASS: one-hot mask, bits 0..9 = -inf, -normal, -subnormal, -0, +0, +subnormal, +normal, +inf, sNaN, qNaN. */
export function classifyG<T>(a: u64): u32 {
  let s = signOf<T>(a);
  let e = expField<T>(a);
  let f = a & FRACMASK<T>();
  if (e == EXPMAX<T>()) {
    if (f == 0) return s != 0 ? 1 << 0 : 1 << 7;
    return isSNaNF<T>(a) ? 1 << 8 : 1 << 9;
  }
  if (e == 0) {
    if (f == 0) return s != 0 ? 1 << 3 : 1 << 4;
    return s != 0 ? 1 << 2 : 1 << 5;
  }
  return s != 0 ? 1 << 1 : 1 << 6;
}
