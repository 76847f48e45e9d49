// Exact BigInt reference for IEEE-754 binary32/binary64 under all five RISC-V rounding modes,
// used by softfloat.test.ts. Independent of the wasm implementation: values are handled as exact
// rationals and rounded by integer division, with RISC-V rules (canonical NaN, tininess after
// rounding, UF only when also inexact).

export const NX = 1;
export const UF = 2;
export const OF = 4;
export const DZ = 8;
export const NV = 16;

export const RNE = 0;
export const RTZ = 1;
export const RDN = 2;
export const RUP = 3;
export const RMM = 4;
export const MODES = [RNE, RTZ, RDN, RUP, RMM] as const;

export interface Fmt {
  readonly name: 'f32' | 'f64';
  readonly width: number;
  readonly frac: number;
  readonly prec: number;
  readonly bias: number;
  readonly emin: number;
  readonly emax: number;
  readonly expMax: bigint;
  readonly signBit: bigint;
  readonly inf: bigint;
  readonly canon: bigint;
}

function makeFmt(name: 'f32' | 'f64', width: number, frac: number, bias: number): Fmt {
  const expMax = (1n << BigInt(width - frac - 1)) - 1n;
  const inf = expMax << BigInt(frac);
  return {
    name, width, frac, prec: frac + 1, bias, emin: 1 - bias, emax: bias, expMax,
    signBit: 1n << BigInt(width - 1), inf, canon: inf | (1n << BigInt(frac - 1)),
  };
}

export const F32 = makeFmt('f32', 32, 23, 127);
export const F64 = makeFmt('f64', 64, 52, 1023);

/** Result of a reference operation: bit pattern and raised flags. */
export interface Res {
  bits: bigint;
  flags: number;
}

export type Decoded =
  | { kind: 'nan'; sign: number; signaling: boolean }
  | { kind: 'inf'; sign: number }
  | { kind: 'zero'; sign: number }
  | { kind: 'fin'; sign: number; mant: bigint; exp: number }; // |value| = mant * 2^exp

export function decode(f: Fmt, bits: bigint): Decoded {
  const sign = Number((bits >> BigInt(f.width - 1)) & 1n);
  const e = (bits >> BigInt(f.frac)) & f.expMax;
  const m = bits & ((1n << BigInt(f.frac)) - 1n);
  if (e === f.expMax) {
    if (m === 0n) return { kind: 'inf', sign };
    return { kind: 'nan', sign, signaling: (m >> BigInt(f.frac - 1)) === 0n };
  }
  if (e === 0n) {
    if (m === 0n) return { kind: 'zero', sign };
    return { kind: 'fin', sign, mant: m, exp: f.emin - f.frac };
  }
  return { kind: 'fin', sign, mant: m | (1n << BigInt(f.frac)), exp: Number(e) - f.bias - f.frac };
}

export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** num/den >= 2^e for positive num, den. */
function gePow2(num: bigint, den: bigint, e: number): boolean {
  return e >= 0 ? num >= den << BigInt(e) : num << BigInt(-e) >= den;
}

/** Integer part of num/den * 2^-qe rounded per mode; also whether it was inexact. */
function roundScaled(num: bigint, den: bigint, qe: number, rm: number, sign: number): { i: bigint; inexact: boolean } {
  const n = qe <= 0 ? num << BigInt(-qe) : num;
  const d = qe <= 0 ? den : den << BigInt(qe);
  let i = n / d;
  const r = n % d;
  if (r === 0n) return { i, inexact: false };
  let up: boolean;
  switch (rm) {
    case RNE: up = 2n * r > d || (2n * r === d && (i & 1n) === 1n); break;
    case RTZ: up = false; break;
    case RDN: up = sign === 1; break;
    case RUP: up = sign === 0; break;
    default: up = 2n * r >= d; break; // RMM
  }
  if (up) i += 1n;
  return { i, inexact: true };
}

/** Rounds sign * num/den (num, den > 0) to format f under mode rm. */
export function roundRational(f: Fmt, sign: number, num: bigint, den: bigint, rm: number): Res {
  const s = sign ? f.signBit : 0n;
  let ex = bitLength(num) - bitLength(den);
  if (!gePow2(num, den, ex)) ex -= 1; // now 2^ex <= x < 2^(ex+1)
  const p = f.prec;
  let flags = 0;
  let tiny = false;
  if (ex < f.emin) {
    // Tininess after rounding: round to p bits with unbounded exponent and compare to 2^emin.
    const t = roundScaled(num, den, ex - (p - 1), rm, sign);
    tiny = t.i < 1n << BigInt(f.emin - ex + p - 1);
  }
  let qe = Math.max(ex, f.emin) - (p - 1);
  let { i, inexact } = roundScaled(num, den, qe, rm, sign);
  if (i === 1n << BigInt(p)) {
    i >>= 1n;
    qe += 1;
  }
  if (inexact) flags |= NX;
  if (inexact && tiny) flags |= UF;
  if (i >= 1n << BigInt(p - 1) && qe + p - 1 > f.emax) {
    const toInf = rm === RNE || rm === RMM || (rm === RDN && sign === 1) || (rm === RUP && sign === 0);
    return { bits: s | (toInf ? f.inf : f.inf - 1n), flags: OF | NX };
  }
  if (i < 1n << BigInt(p - 1)) return { bits: s | i, flags }; // subnormal or zero
  const biased = BigInt(qe + p - 1 + f.bias);
  return { bits: s | (biased << BigInt(f.frac)) | (i - (1n << BigInt(p - 1))), flags };
}

/** Rounds a signed exact dyadic value n * 2^e. Zero gives +0 (-0 under RDN), the IEEE exact-sum rule. */
export function roundDyadic(f: Fmt, n: bigint, e: number, rm: number): Res {
  if (n === 0n) return { bits: rm === RDN ? f.signBit : 0n, flags: 0 };
  const sign = n < 0n ? 1 : 0;
  const mag = n < 0n ? -n : n;
  return e >= 0 ? roundRational(f, sign, mag << BigInt(e), 1n, rm) : roundRational(f, sign, mag, 1n << BigInt(-e), rm);
}

const nanRes = (f: Fmt, nv: boolean): Res => ({ bits: f.canon, flags: nv ? NV : 0 });
const isSig = (d: Decoded): boolean => d.kind === 'nan' && d.signaling;
const signed = (d: Decoded & { kind: 'fin' }): bigint => (d.sign ? -d.mant : d.mant);
const infBits = (f: Fmt, sign: number): bigint => (sign ? f.signBit : 0n) | f.inf;
const zeroBits = (f: Fmt, sign: number): bigint => (sign ? f.signBit : 0n);

export function refAdd(f: Fmt, a: bigint, b: bigint, rm: number): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  if (x.kind === 'nan' || y.kind === 'nan') return nanRes(f, isSig(x) || isSig(y));
  if (x.kind === 'inf' && y.kind === 'inf') return x.sign === y.sign ? { bits: a, flags: 0 } : nanRes(f, true);
  if (x.kind === 'inf') return { bits: a, flags: 0 };
  if (y.kind === 'inf') return { bits: b, flags: 0 };
  if (x.kind === 'zero' && y.kind === 'zero') return x.sign === y.sign ? { bits: a, flags: 0 } : roundDyadic(f, 0n, 0, rm);
  if (x.kind === 'zero') return { bits: b, flags: 0 };
  if (y.kind === 'zero') return { bits: a, flags: 0 };
  const e = Math.min(x.exp, y.exp);
  const n = (signed(x) << BigInt(x.exp - e)) + (signed(y) << BigInt(y.exp - e));
  return roundDyadic(f, n, e, rm);
}

export function refSub(f: Fmt, a: bigint, b: bigint, rm: number): Res {
  return refAdd(f, a, b ^ f.signBit, rm);
}

export function refMul(f: Fmt, a: bigint, b: bigint, rm: number): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  if (x.kind === 'nan' || y.kind === 'nan') return nanRes(f, isSig(x) || isSig(y));
  const s = x.sign ^ y.sign;
  if (x.kind === 'inf' || y.kind === 'inf') {
    if (x.kind === 'zero' || y.kind === 'zero') return nanRes(f, true);
    return { bits: infBits(f, s), flags: 0 };
  }
  if (x.kind === 'zero' || y.kind === 'zero') return { bits: zeroBits(f, s), flags: 0 };
  return roundDyadic(f, signed(x) * signed(y), x.exp + y.exp, rm);
}

export function refDiv(f: Fmt, a: bigint, b: bigint, rm: number): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  if (x.kind === 'nan' || y.kind === 'nan') return nanRes(f, isSig(x) || isSig(y));
  const s = x.sign ^ y.sign;
  if (x.kind === 'inf') return y.kind === 'inf' ? nanRes(f, true) : { bits: infBits(f, s), flags: 0 };
  if (y.kind === 'inf') return { bits: zeroBits(f, s), flags: 0 };
  if (y.kind === 'zero') return x.kind === 'zero' ? nanRes(f, true) : { bits: infBits(f, s), flags: DZ };
  if (x.kind === 'zero') return { bits: zeroBits(f, s), flags: 0 };
  const e = x.exp - y.exp; // value = mx/my * 2^e
  const num = e >= 0 ? x.mant << BigInt(e) : x.mant;
  const den = e >= 0 ? y.mant : y.mant << BigInt(-e);
  return roundRational(f, s, num, den, rm);
}

export function refFma(f: Fmt, a: bigint, b: bigint, c: bigint, rm: number, negP: boolean, negC: boolean): Res {
  const x = decode(f, a);
  const y = decode(f, b);
  const z = decode(f, c);
  const infZero = (x.kind === 'inf' && y.kind === 'zero') || (x.kind === 'zero' && y.kind === 'inf');
  if (x.kind === 'nan' || y.kind === 'nan' || z.kind === 'nan') return nanRes(f, isSig(x) || isSig(y) || isSig(z) || infZero);
  if (infZero) return nanRes(f, true);
  const sp = x.sign ^ y.sign ^ (negP ? 1 : 0);
  const sc = z.sign ^ (negC ? 1 : 0);
  if (x.kind === 'inf' || y.kind === 'inf') {
    if (z.kind === 'inf' && sc !== sp) return nanRes(f, true);
    return { bits: infBits(f, sp), flags: 0 };
  }
  if (z.kind === 'inf') return { bits: infBits(f, sc), flags: 0 };
  const cBits = (c & ~f.signBit) | (sc ? f.signBit : 0n);
  if (x.kind === 'zero' || y.kind === 'zero') {
    if (z.kind === 'zero') return sp === sc ? { bits: zeroBits(f, sp), flags: 0 } : roundDyadic(f, 0n, 0, rm);
    return { bits: cBits, flags: 0 };
  }
  if (x.kind !== 'fin' || y.kind !== 'fin') throw new Error('unreachable');
  const pn = x.mant * y.mant * (sp ? -1n : 1n);
  const pe = x.exp + y.exp;
  if (z.kind === 'zero') return roundDyadic(f, pn, pe, rm);
  const cn = sc ? -z.mant : z.mant;
  const e = Math.min(pe, z.exp);
  return roundDyadic(f, (pn << BigInt(pe - e)) + (cn << BigInt(z.exp - e)), e, rm);
}

/** Format conversion reference (widening is exact, narrowing rounds). */
export function refConvert(from: Fmt, to: Fmt, a: bigint, rm: number): Res {
  const x = decode(from, a);
  if (x.kind === 'nan') return nanRes(to, x.signaling);
  if (x.kind === 'inf') return { bits: infBits(to, x.sign), flags: 0 };
  if (x.kind === 'zero') return { bits: zeroBits(to, x.sign), flags: 0 };
  return roundDyadic(to, signed(x), x.exp, rm);
}

/** Float -> integer with RISC-V saturation; result as an unsigned bigint of `bits` width. */
export function refToInt(f: Fmt, a: bigint, rm: number, bits: number, isSigned: boolean): Res {
  const max = isSigned ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = isSigned ? -(1n << BigInt(bits - 1)) : 0n;
  const wrap = (v: bigint): bigint => BigInt.asUintN(bits, v);
  const x = decode(f, a);
  if (x.kind === 'nan') return { bits: wrap(max), flags: NV };
  if (x.kind === 'inf') return { bits: wrap(x.sign ? min : max), flags: NV };
  if (x.kind === 'zero') return { bits: 0n, flags: 0 };
  const num = x.exp >= 0 ? x.mant << BigInt(x.exp) : x.mant;
  const den = x.exp >= 0 ? 1n : 1n << BigInt(-x.exp);
  const { i, inexact } = roundScaled(num, den, 0, rm, x.sign);
  const v = x.sign ? -i : i;
  if (v > max || v < min) return { bits: wrap(x.sign ? min : max), flags: NV };
  return { bits: wrap(v), flags: inexact ? NX : 0 };
}

/** Integer (given as an exact bigint) -> float. */
export function refFromInt(f: Fmt, v: bigint, rm: number): Res {
  if (v === 0n) return { bits: 0n, flags: 0 };
  return roundDyadic(f, v, 0, rm);
}
