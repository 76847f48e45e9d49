// Seeded operand generators for softfloat.test.ts: biased toward edge cases (zeros, subnormals,
// extreme exponents, all-ones/one-bit fractions, near-cancellation and near-overflow pairs).

import type { Fmt } from './softfloat-ref';

/** mulberry32: small deterministic PRNG (fixed seeds keep failures reproducible). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
  bits(n: number): bigint {
    let v = 0n;
    for (let i = 0; i < n; i += 32) v = (v << 32n) | BigInt(this.u32());
    return BigInt.asUintN(n, v);
  }
  chance(p: number): boolean {
    return this.u32() / 4294967296 < p;
  }
}

export function specials(f: Fmt): bigint[] {
  const s = f.signBit;
  const minNorm = 1n << BigInt(f.frac);
  const maxSub = minNorm - 1n;
  const one = BigInt(f.bias) << BigInt(f.frac);
  const list = [0n, 1n, maxSub, minNorm, minNorm + 1n, one, one + 1n, one - 1n, f.inf - 1n, f.inf];
  const out: bigint[] = [];
  for (const v of list) out.push(v, v | s);
  out.push(f.canon, f.canon | s, f.inf | 1n, f.inf | (1n << BigInt(f.frac - 1)) | 5n, (f.inf | 3n) | s);
  return out;
}

function fraction(f: Fmt, r: Rng): bigint {
  const mask = (1n << BigInt(f.frac)) - 1n;
  switch (r.int(7)) {
    case 0: return 0n;
    case 1: return mask;
    case 2: return 1n << BigInt(r.int(f.frac));
    case 3: return r.bits(f.width) & ((1n << BigInt(r.int(f.frac) + 1)) - 1n); // small
    case 4: return mask ^ (1n << BigInt(r.int(f.frac))); // all ones but one
    default: return r.bits(f.width) & mask;
  }
}

/** A finite value (or, rarely, a special) with an exponent field from an edge-heavy distribution. */
export function operand(f: Fmt, r: Rng): bigint {
  if (r.chance(0.04)) {
    const sp = specials(f);
    return sp[r.int(sp.length)];
  }
  const em = Number(f.expMax);
  let e: number;
  switch (r.int(8)) {
    case 0: e = 0; break; // subnormal or zero
    case 1: e = 1 + r.int(3); break; // smallest normals
    case 2: e = em - 1 - r.int(3); break; // largest finite
    case 3: e = f.bias - 3 + r.int(7); break; // around 1.0
    case 4: e = 1 + r.int(f.prec + 2); break; // results can underflow
    default: e = 1 + r.int(em - 1); break;
  }
  let frac = fraction(f, r);
  if (e === 0 && frac === 0n && r.chance(0.7)) frac = 1n + (r.bits(f.width) & ((1n << BigInt(f.frac)) - 2n));
  const sign = r.chance(0.5) ? f.signBit : 0n;
  return sign | (BigInt(e) << BigInt(f.frac)) | frac;
}

/** Second operand related to the first: nearby bits (cancellation), shifted exponents, or random. */
export function partner(f: Fmt, a: bigint, r: Rng, kind: 'add' | 'mul' | 'div'): bigint {
  const em = Number(f.expMax);
  const fracMask = (1n << BigInt(f.frac)) - 1n;
  const ae = Number((a >> BigInt(f.frac)) & f.expMax);
  switch (r.int(4)) {
    case 0: {
      if (kind !== 'add') break;
      // Close to ±a: exercises massive cancellation and exact zero sums.
      const delta = BigInt(r.int(5)) - 2n;
      let b = (a & ~f.signBit) + delta;
      if (b < 0n) b = 0n;
      if (b >= f.inf) b = f.inf - 1n;
      return b | (r.chance(0.5) ? f.signBit : 0n);
    }
    case 1: {
      // Exponent chosen so the exact result lands near the overflow/underflow thresholds.
      let target: number;
      if (kind === 'add') target = ae - r.int(f.prec + 8);
      else {
        const goal = r.chance(0.5) ? em - 1 - r.int(3) : 1 - f.prec + r.int(f.prec + 3);
        target = kind === 'mul' ? goal - ae + f.bias : ae - goal + f.bias;
      }
      const e = Math.min(Math.max(target, 0), em - 1);
      return (r.chance(0.5) ? f.signBit : 0n) | (BigInt(e) << BigInt(f.frac)) | (r.bits(f.width) & fracMask);
    }
    default:
      break;
  }
  return operand(f, r);
}

/** Random integer of the given width/signedness, biased toward boundaries and rounding-sensitive values. */
export function intOperand(r: Rng, bits: number, isSigned: boolean): bigint {
  let v: bigint;
  switch (r.int(5)) {
    case 0: v = BigInt(r.int(9)) - 4n; break;
    case 1: v = (1n << BigInt(r.int(bits))) + BigInt(r.int(5)) - 2n; break;
    case 2: {
      // Long runs of ones: ties and carries when rounding to 24 or 53 bits.
      const n = r.int(bits) + 1;
      v = ((1n << BigInt(n)) - 1n) << BigInt(r.int(bits - n + 1));
      break;
    }
    default: v = r.bits(bits); break;
  }
  return isSigned ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}
