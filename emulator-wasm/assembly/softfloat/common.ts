// Shared state, format constants and the single rounding routine of the soft-float library.
//
// Everything works on raw IEEE-754 bit patterns with integer instructions only: wasm float
// instructions give host-dependent NaN bits, raise no flags and only round to nearest-even
// (spec §17), so they are never used for results.
//
// Formats are selected at compile time with a type parameter T: u32 = binary32, u64 = binary64.
// Bit patterns always travel as u64 internally (a binary32 pattern sits in the low 32 bits).

// Accumulated exception flags (fflags layout, spec §17). The CPU core ORs them into fflags.
export let sf_flags: u32 = 0;

/** Clears sf_flags (for callers that cannot assign an imported binding). */
export function sf_clear_flags(): void {
  sf_flags = 0;
}

export const FLAG_NX: u32 = 1;
export const FLAG_UF: u32 = 2;
export const FLAG_OF: u32 = 4;
export const FLAG_DZ: u32 = 8;
export const FLAG_NV: u32 = 16;

export const RM_RNE: u32 = 0;
export const RM_RTZ: u32 = 1;
export const RM_RDN: u32 = 2;
export const RM_RUP: u32 = 3;
export const RM_RMM: u32 = 4;

@inline export function raise(f: u32): void {
  sf_flags |= f;
}

// ---- format constants (all fold to constants once T is known) ----

/** Total width in bits: 32 or 64. */
@inline export function WIDTH<T>(): i32 {
  return sizeof<T>() == 8 ? 64 : 32;
}
/** Stored fraction bits: 23 or 52. */
@inline export function FRAC<T>(): i32 {
  return sizeof<T>() == 8 ? 52 : 23;
}
/** Precision including the hidden bit: 24 or 53. */
@inline export function PREC<T>(): i32 {
  return FRAC<T>() + 1;
}
@inline export function BIAS<T>(): i32 {
  return sizeof<T>() == 8 ? 1023 : 127;
}
/** All-ones biased exponent field value (inf/NaN). */
@inline export function EXPMAX<T>(): u64 {
  return sizeof<T>() == 8 ? 0x7ff : 0xff;
}
@inline export function EMIN<T>(): i32 {
  return 1 - BIAS<T>();
}
@inline export function EMAX<T>(): i32 {
  return BIAS<T>();
}
@inline export function SIGN<T>(): u64 {
  return <u64>1 << (WIDTH<T>() - 1);
}
@inline export function FRACMASK<T>(): u64 {
  return (<u64>1 << FRAC<T>()) - 1;
}
@inline export function INF<T>(): u64 {
  return EXPMAX<T>() << FRAC<T>();
}
/** Canonical NaN: 0x7fc00000 / 0x7ff8000000000000 (spec §17). */
@inline export function CANON<T>(): u64 {
  return INF<T>() | (<u64>1 << (FRAC<T>() - 1));
}

// ---- classification of bit patterns ----

@inline export function signOf<T>(a: u64): u32 {
  return <u32>(a >> (WIDTH<T>() - 1)) & 1;
}
@inline export function expField<T>(a: u64): u64 {
  return (a >> FRAC<T>()) & EXPMAX<T>();
}
@inline export function isNaNF<T>(a: u64): bool {
  return (a & ~SIGN<T>()) > INF<T>();
}
/** Signaling NaN: NaN with the quiet bit (MSB of the fraction) clear. */
@inline export function isSNaNF<T>(a: u64): bool {
  return isNaNF<T>(a) && (a & (<u64>1 << (FRAC<T>() - 1))) == 0;
}
@inline export function isInfF<T>(a: u64): bool {
  return (a & ~SIGN<T>()) == INF<T>();
}
@inline export function isZeroF<T>(a: u64): bool {
  return (a & ~SIGN<T>()) == 0;
}
@inline export function packSign<T>(s: u32): u64 {
  return <u64>s << (WIDTH<T>() - 1);
}

// ---- unpacking ----

// Exponent output of unpackSig (avoids allocating a tuple).
export let g_exp: i32 = 0;

/**
 * For a finite nonzero pattern, returns the significand shifted so its leading one is at bit 62
 * and sets g_exp to the unbiased exponent E, so that |value| = sig * 2^(E - 62).
 * Subnormals are normalized here (no flush to zero, spec §17).
 */
@inline export function unpackSig<T>(a: u64): u64 {
  const F = FRAC<T>();
  let e = <i32>expField<T>(a);
  let frac = a & FRACMASK<T>();
  if (e == 0) {
    let lz = <i32>clz(frac) - 1;
    g_exp = EMIN<T>() - (lz - (62 - F));
    return frac << lz;
  }
  g_exp = e - BIAS<T>();
  return (frac | (<u64>1 << F)) << (62 - F);
}

// ---- shifting helpers ----

/** x >> d, ORing every shifted-out one bit into bit 0 ("jamming"), so rounding stays exact. */
@inline export function shiftRightJam64(x: u64, d: i32): u64 {
  if (d == 0) return x;
  if (d < 64) return (x >> d) | <u64>((x << (64 - d)) != 0);
  return <u64>(x != 0);
}

// ---- rounding ----

/**
 * Whether the magnitude q (with nonzero discarded bits rem of width `shift`) must be incremented.
 * `sign` matters for the directed modes RDN/RUP.
 */
@inline export function roundsUp(q: u64, rem: u64, shift: i32, rm: u32, sign: u32): bool {
  let half = <u64>1 << (shift - 1);
  if (rm == RM_RNE) return rem > half || (rem == half && (q & 1) != 0);
  if (rm == RM_RTZ) return false;
  if (rm == RM_RDN) return sign != 0;
  if (rm == RM_RUP) return sign == 0;
  return rem >= half; // RMM: ties away from zero
}

/** Result of overflow: infinity or the largest finite value depending on mode and sign. */
export function overflowResult<T>(sign: u32, rm: u32): u64 {
  raise(FLAG_OF | FLAG_NX);
  let toInf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RDN && sign != 0) || (rm == RM_RUP && sign == 0);
  return packSign<T>(sign) | (toInf ? INF<T>() : INF<T>() - 1);
}

/**
 * Rounds |value| = sig * 2^(E - 62) (sig != 0, any bit position; bit 0 may be a sticky bit)
 * to format T under mode rm and returns the bit pattern, raising NX/UF/OF as required.
 * Tininess is detected after rounding (RISC-V): the result is tiny when rounding to the full
 * precision with an unbounded exponent range still gives a magnitude below 2^EMIN.
 * UF is raised only when the result is tiny and inexact (IEEE default handling).
 */
export function roundPack<T>(sign: u32, E: i32, sig: u64, rm: u32): u64 {
  const P = PREC<T>();
  const EMIN_ = EMIN<T>();
  // Normalize so the leading one is at bit 62.
  if ((sig >> 63) != 0) {
    sig = (sig >> 1) | (sig & 1);
    E += 1;
  } else {
    let lz = <i32>clz(sig) - 1;
    sig <<= lz;
    E -= lz;
  }
  const NSHIFT = 63 - P; // discarded bits for a normal result: 39 (binary32) or 10 (binary64)
  let shift = NSHIFT;
  let tiny = false;
  if (E < EMIN_) {
    if (E < EMIN_ - 1) {
      tiny = true;
    } else {
      // E == EMIN-1: tiny unless rounding at full precision carries up to 2^EMIN.
      let q0 = sig >> NSHIFT;
      let r0 = sig & ((<u64>1 << NSHIFT) - 1);
      let carries = r0 != 0 && roundsUp(q0, r0, NSHIFT, rm, sign) && ((q0 + 1) >> P) != 0;
      tiny = !carries;
    }
    shift += EMIN_ - E;
    if (shift > 63) {
      // Everything is below the last subnormal bit: only stickiness remains.
      sig = 1;
      shift = 63;
    }
  }
  let q = sig >> shift;
  let rem = sig & ((<u64>1 << shift) - 1);
  if (rem != 0) {
    raise(tiny ? FLAG_NX | FLAG_UF : FLAG_NX);
    if (roundsUp(q, rem, shift, rm, sign)) q += 1;
  }
  let s = packSign<T>(sign);
  if (E < EMIN_) {
    // Subnormal; if rounding reached 2^(P-1) the same encoding is the smallest normal.
    return s | q;
  }
  // q in [2^(P-1), 2^P]; adding q to the exponent field minus one absorbs the hidden bit and
  // any carry out of rounding.
  if (E + <i32>(q >> P) > EMAX<T>()) return overflowResult<T>(sign, rm);
  return s | ((<u64>(E + BIAS<T>() - 1) << (P - 1)) + q);
}

/** Signed zero for an exact zero sum: +0, except -0 when rounding down (IEEE 754 §6.3). */
@inline export function exactZero<T>(rm: u32): u64 {
  return rm == RM_RDN ? SIGN<T>() : 0;
}
