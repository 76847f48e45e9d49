// Tests for emulator-wasm/assembly/softfloat (spec §17). The module is compiled here with asc, then:
//  - RNE results are compared with the host's IEEE arithmetic (Float64Array/Math.fround);
//  - all five rounding modes and all flags are compared with an exact BigInt reference;
//  - division and square root are also checked against exact bracketing properties;
//  - fixed tables cover flags, saturation, fclass, fmin/fmax and comparisons;
//  - the compiled wasm must contain no float instructions.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  DZ, F32, F64, MODES, NV, NX, OF, RDN, RMM, RNE, RTZ, RUP, UF, decode, refAdd, refConvert, refDiv, refFma,
  refFromInt, refMul, refSub, refToInt, type Fmt, type Res,
} from './softfloat-ref';
import { Rng, intOperand, operand, partner, specials } from './softfloat-gen';

const ROOT = resolve(__dirname, '../..');
const ENTRY = 'emulator-wasm/tests/softfloat-entry.ts';

type Fn = (...args: (number | bigint | boolean)[]) => number | bigint;
let ex: Record<string, Fn>;
let wat = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'softfloat-'));
  try {
    const wasmPath = join(dir, 'sf.wasm');
    const watPath = join(dir, 'sf.wat');
    execFileSync(
      join(ROOT, 'node_modules/.bin/asc'),
      // --path lets the entry import the module as a package (emulator-wasm/assembly/...), which keeps
      // the host tsc from following the import into AssemblyScript sources it cannot parse.
      [ENTRY, '-O3', '--runtime', 'stub', '--noAssert', '--use', 'abort=', '--path', ROOT, '--outFile', wasmPath, '--textFile', watPath],
      { cwd: ROOT, stdio: 'pipe' },
    );
    const mod = new WebAssembly.Module(readFileSync(wasmPath));
    const inst = new WebAssembly.Instance(mod, { env: { abort: () => { throw new Error('abort'); } } });
    ex = inst.exports as unknown as Record<string, Fn>;
    wat = readFileSync(watPath, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- calling helpers: every bit pattern travels as an unsigned bigint in the tests ----

const toArg = (f: Fmt, v: bigint): number | bigint => (f.width === 32 ? Number(v) : v);
const fromRet = (f: Fmt, v: number | bigint): bigint =>
  f.width === 32 ? BigInt(Number(v) >>> 0) : BigInt.asUintN(64, BigInt(v));

function call(name: string, args: (number | bigint | boolean)[]): { raw: number | bigint; flags: number } {
  ex.clear_flags();
  const raw = ex[name](...args);
  return { raw, flags: Number(ex.get_flags()) };
}

function op2(f: Fmt, name: string, a: bigint, b: bigint, rm: number): Res {
  const r = call(`${f.name}_${name}`, [toArg(f, a), toArg(f, b), rm]);
  return { bits: fromRet(f, r.raw), flags: r.flags };
}
function sqrt(f: Fmt, a: bigint, rm: number): Res {
  const r = call(`${f.name}_sqrt`, [toArg(f, a), rm]);
  return { bits: fromRet(f, r.raw), flags: r.flags };
}
function fma(f: Fmt, a: bigint, b: bigint, c: bigint, rm: number, negP: boolean, negC: boolean): Res {
  const r = call(`${f.name}_muladd`, [toArg(f, a), toArg(f, b), toArg(f, c), rm, negP, negC]);
  return { bits: fromRet(f, r.raw), flags: r.flags };
}
function cmp(f: Fmt, name: 'eq' | 'lt' | 'le', a: bigint, b: bigint): { v: boolean; flags: number } {
  const r = call(`${f.name}_${name}`, [toArg(f, a), toArg(f, b)]);
  return { v: Number(r.raw) !== 0, flags: r.flags };
}
function convF(from: Fmt, to: Fmt, a: bigint, rm: number): Res {
  const args = from.width === 32 ? [toArg(from, a)] : [toArg(from, a), rm];
  const r = call(`${from.name}_to_${to.name}`, args);
  return { bits: fromRet(to, r.raw), flags: r.flags };
}
const intName = (bits: number, signed: boolean): string => `${signed ? 'i' : 'u'}${bits}`;
function toInt(f: Fmt, a: bigint, rm: number, bits: number, signed: boolean): Res {
  const r = call(`${f.name}_to_${intName(bits, signed)}`, [toArg(f, a), rm]);
  const v = typeof r.raw === 'bigint' ? r.raw : BigInt(r.raw);
  return { bits: BigInt.asUintN(bits, v), flags: r.flags };
}
function fromInt(f: Fmt, v: bigint, bits: number, signed: boolean, rm: number): Res {
  const arg = bits === 64 ? v : Number(v);
  const r = call(`${intName(bits, signed)}_to_${f.name}`, [arg, rm]);
  return { bits: fromRet(f, r.raw), flags: r.flags };
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const show = (r: Res): string => `${hex(r.bits)} flags=${r.flags}`;

/** Collects mismatches and fails with the first few, so one bug does not flood the output. */
class Mismatches {
  private list: string[] = [];
  count = 0;
  add(msg: string): void {
    this.count++;
    if (this.list.length < 8) this.list.push(msg);
  }
  check(): void {
    if (this.count > 0) throw new Error(`${this.count} mismatches, first ones:\n${this.list.join('\n')}`);
  }
}

// ---- host IEEE helpers (round-to-nearest-even only) ----

const dv = new DataView(new ArrayBuffer(8));
function hostVal(f: Fmt, bits: bigint): number {
  if (f.width === 64) {
    dv.setBigUint64(0, bits);
    return dv.getFloat64(0);
  }
  dv.setUint32(0, Number(bits));
  return dv.getFloat32(0);
}
/** Host bits of a number in format f; NaN maps to the canonical NaN the spec requires. */
function hostBits(f: Fmt, x: number): bigint {
  if (Number.isNaN(x)) return f.canon;
  if (f.width === 64) {
    dv.setFloat64(0, x);
    return dv.getBigUint64(0);
  }
  dv.setFloat32(0, x);
  return BigInt(dv.getUint32(0));
}
/** Host result in format f: f32 operations are done in double and rounded once more with
 *  Math.fround, which is exact for + - * / sqrt because 53 >= 2*24 + 2. */
const hostRound = (f: Fmt, x: number): number => (f.width === 32 ? Math.fround(x) : x);

const FMTS = [F32, F64] as const;

describe('softfloat: no host float instructions', () => {
  it('compiled module uses only integer instructions', () => {
    const floatOps = wat.match(/\b(f32|f64)\.[a-z_0-9]+/g) ?? [];
    // Reinterpretation is a bit move, not arithmetic; anything else is forbidden.
    const bad = floatOps.filter((o) => !o.includes('reinterpret'));
    expect(wat.length).toBeGreaterThan(1000);
    expect(bad).toEqual([]);
  });
});

describe('softfloat: RNE against host IEEE arithmetic', () => {
  const hostOps: Record<string, (x: number, y: number) => number> = {
    add: (x, y) => x + y,
    sub: (x, y) => x - y,
    mul: (x, y) => x * y,
    div: (x, y) => x / y,
  };
  for (const f of FMTS) {
    for (const name of Object.keys(hostOps)) {
      it(`${f.name}_${name}`, () => {
        const r = new Rng(0x5eed0000 + f.width + name.charCodeAt(0));
        const mm = new Mismatches();
        const kind = name === 'add' || name === 'sub' ? 'add' : name === 'mul' ? 'mul' : 'div';
        for (let i = 0; i < 15000; i++) {
          const a = operand(f, r);
          const b = partner(f, a, r, kind);
          const want = hostBits(f, hostRound(f, hostOps[name](hostVal(f, a), hostVal(f, b))));
          const got = op2(f, name, a, b, RNE);
          if (got.bits !== want) mm.add(`${name}(${hex(a)}, ${hex(b)}) = ${hex(got.bits)}, host ${hex(want)}`);
        }
        mm.check();
      });
    }
    it(`${f.name}_sqrt`, () => {
      const r = new Rng(0x5eed0100 + f.width);
      const mm = new Mismatches();
      for (let i = 0; i < 15000; i++) {
        const a = operand(f, r);
        const want = hostBits(f, hostRound(f, Math.sqrt(hostVal(f, a))));
        const got = sqrt(f, a, RNE);
        if (got.bits !== want) mm.add(`sqrt(${hex(a)}) = ${hex(got.bits)}, host ${hex(want)}`);
      }
      mm.check();
    });
  }

  it('f64_to_f32 and f32_to_f64', () => {
    const r = new Rng(0x5eed0200);
    const mm = new Mismatches();
    for (let i = 0; i < 15000; i++) {
      const a = operand(F64, r);
      const got = convF(F64, F32, a, RNE).bits;
      const want = hostBits(F32, Math.fround(hostVal(F64, a)));
      if (got !== want) mm.add(`f64_to_f32(${hex(a)}) = ${hex(got)}, host ${hex(want)}`);
      const b = operand(F32, r);
      const got2 = convF(F32, F64, b, RNE).bits;
      const want2 = hostBits(F64, hostVal(F32, b));
      if (got2 !== want2) mm.add(`f32_to_f64(${hex(b)}) = ${hex(got2)}, host ${hex(want2)}`);
    }
    mm.check();
  });

  it('integer -> float (host Number(), and Math.fround for 32-bit sources)', () => {
    const r = new Rng(0x5eed0300);
    const mm = new Mismatches();
    for (const bits of [32, 64]) {
      for (const signed of [true, false]) {
        for (let i = 0; i < 4000; i++) {
          const v = intOperand(r, bits, signed);
          const got64 = fromInt(F64, v, bits, signed, RNE).bits;
          const want64 = hostBits(F64, Number(v)); // Number(bigint) rounds to nearest-even
          if (got64 !== want64) mm.add(`${intName(bits, signed)}_to_f64(${v}) = ${hex(got64)}, host ${hex(want64)}`);
          if (bits === 32) {
            // Exact in double, so one fround is a single correct rounding.
            const got32 = fromInt(F32, v, bits, signed, RNE).bits;
            const want32 = hostBits(F32, Math.fround(Number(v)));
            if (got32 !== want32) mm.add(`${intName(bits, signed)}_to_f32(${v}) = ${hex(got32)}, host ${hex(want32)}`);
          }
        }
      }
    }
    mm.check();
  });

  it('float -> integer (host round-half-even on doubles)', () => {
    const r = new Rng(0x5eed0400);
    const mm = new Mismatches();
    const rne = (x: number): number => {
      const t = Math.trunc(x);
      const d = Math.abs(x - t); // exact for doubles
      if (d > 0.5 || (d === 0.5 && t % 2 !== 0)) return t + Math.sign(x);
      return t;
    };
    for (const f of FMTS) {
      for (let i = 0; i < 6000; i++) {
        // Values spread over the integer ranges, including halfway cases.
        const a = r.chance(0.3) ? operand(f, r) : hostBits(f, hostRound(f, (r.int(2) ? -1 : 1) * (r.int(2 ** 20) / 2 ** r.int(4)) * 2 ** r.int(50)));
        const x = hostVal(f, a);
        for (const bits of [32, 64]) {
          for (const signed of [true, false]) {
            // Limits in BigInt: 2^63-1 and 2^64-1 are not doubles.
            const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
            const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
            let want: bigint;
            if (Number.isNaN(x)) want = max;
            else {
              const n = rne(x);
              const nb = Number.isFinite(n) ? BigInt(n) : n > 0 ? max + 1n : min - 1n;
              want = nb > max ? max : nb < min ? min : nb;
            }
            const got = toInt(f, a, RNE, bits, signed).bits;
            if (got !== BigInt.asUintN(bits, want)) mm.add(`${f.name}_to_${intName(bits, signed)}(${hex(a)}) = ${got}, host ${want}`);
          }
        }
      }
    }
    mm.check();
  });
});

describe('softfloat: all rounding modes and flags against the exact BigInt reference', () => {
  const refs = { add: refAdd, sub: refSub, mul: refMul, div: refDiv } as const;
  for (const f of FMTS) {
    for (const name of ['add', 'sub', 'mul', 'div'] as const) {
      it(`${f.name}_${name}`, () => {
        const r = new Rng(0xa11de000 + f.width * 7 + name.charCodeAt(0));
        const mm = new Mismatches();
        const kind = name === 'add' || name === 'sub' ? 'add' : name;
        for (let i = 0; i < 6000; i++) {
          const a = operand(f, r);
          const b = partner(f, a, r, kind);
          for (const rm of MODES) {
            const want = refs[name](f, a, b, rm);
            const got = op2(f, name, a, b, rm);
            if (got.bits !== want.bits || got.flags !== want.flags) mm.add(`${name}(${hex(a)}, ${hex(b)}, rm=${rm}) = ${show(got)}, ref ${show(want)}`);
          }
        }
        mm.check();
      });
    }

    it(`${f.name}_muladd (all four sign variants)`, () => {
      const r = new Rng(0xf3a00000 + f.width);
      const mm = new Mismatches();
      for (let i = 0; i < 6000; i++) {
        const a = operand(f, r);
        const b = partner(f, a, r, 'mul');
        // Addend: random, or close to the product so that cancellation happens.
        let c = operand(f, r);
        if (r.chance(0.4)) {
          const p = refMul(f, a, b, RNE).bits;
          const dp = decode(f, p);
          if (dp.kind === 'fin') c = (p & ~f.signBit) + BigInt(r.int(5)) - 2n | (r.chance(0.7) ? (~p & f.signBit) : (p & f.signBit));
        }
        const negP = r.chance(0.5);
        const negC = r.chance(0.5);
        for (const rm of MODES) {
          const want = refFma(f, a, b, c, rm, negP, negC);
          const got = fma(f, a, b, c, rm, negP, negC);
          if (got.bits !== want.bits || got.flags !== want.flags) mm.add(`muladd(${hex(a)}, ${hex(b)}, ${hex(c)}, rm=${rm}, ${negP}, ${negC}) = ${show(got)}, ref ${show(want)}`);
        }
      }
      mm.check();
    });

    it(`${f.name} <-> integer conversions`, () => {
      const r = new Rng(0xc0de0000 + f.width);
      const mm = new Mismatches();
      for (let i = 0; i < 1500; i++) {
        const a = r.chance(0.5) ? operand(f, r) : fromInt(f, intOperand(r, 64, true), 64, true, RNE).bits ^ BigInt(r.int(3));
        for (const bits of [32, 64]) {
          for (const signed of [true, false]) {
            const v = intOperand(r, bits, signed);
            for (const rm of MODES) {
              const want = refToInt(f, a, rm, bits, signed);
              const got = toInt(f, a, rm, bits, signed);
              if (got.bits !== want.bits || got.flags !== want.flags) mm.add(`${f.name}_to_${intName(bits, signed)}(${hex(a)}, rm=${rm}) = ${show(got)}, ref ${show(want)}`);
              const want2 = refFromInt(f, v, rm);
              const got2 = fromInt(f, v, bits, signed, rm);
              if (got2.bits !== want2.bits || got2.flags !== want2.flags) mm.add(`${intName(bits, signed)}_to_${f.name}(${v}, rm=${rm}) = ${show(got2)}, ref ${show(want2)}`);
            }
          }
        }
      }
      mm.check();
    });
  }

  it('f64_to_f32 / f32_to_f64 in every mode', () => {
    const r = new Rng(0xc0f70000);
    const mm = new Mismatches();
    for (let i = 0; i < 5000; i++) {
      // Bias toward the f32 range, including its subnormals and overflow threshold.
      const a = r.chance(0.6) ? convF(F32, F64, operand(F32, r), RNE).bits ^ r.bits(30) : operand(F64, r);
      for (const rm of MODES) {
        const want = refConvert(F64, F32, a, rm);
        const got = convF(F64, F32, a, rm);
        if (got.bits !== want.bits || got.flags !== want.flags) mm.add(`f64_to_f32(${hex(a)}, rm=${rm}) = ${show(got)}, ref ${show(want)}`);
      }
      const b = operand(F32, r);
      const want = refConvert(F32, F64, b, RNE);
      const got = convF(F32, F64, b, RNE);
      if (got.bits !== want.bits || got.flags !== want.flags) mm.add(`f32_to_f64(${hex(b)}) = ${show(got)}, ref ${show(want)}`);
    }
    mm.check();
  });
});

/** Exact value of a finite bit pattern as num/2^k with a common k for squaring checks. */
function exactDyadic(f: Fmt, bits: bigint): { n: bigint; e: number } {
  const d = decode(f, bits);
  if (d.kind === 'zero') return { n: 0n, e: 0 };
  if (d.kind !== 'fin') throw new Error('not finite');
  return { n: d.sign ? -d.mant : d.mant, e: d.exp };
}
/** Compares x*y with z exactly (all finite). Returns -1, 0, 1. */
function cmpProduct(f: Fmt, x: bigint, y: bigint, z: bigint): number {
  const a = exactDyadic(f, x);
  const b = exactDyadic(f, y);
  const c = exactDyadic(f, z);
  const pe = a.e + b.e;
  const e = Math.min(pe, c.e);
  const lhs = (a.n * b.n) << BigInt(pe - e);
  const rhs = c.n << BigInt(c.e - e);
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}
/** Next representable value toward +inf for a positive finite pattern. */
const nextUp = (bits: bigint): bigint => bits + 1n;

describe('softfloat: directed rounding properties for sqrt and div', () => {
  for (const f of FMTS) {
    it(`${f.name}_sqrt brackets the exact root in every mode`, () => {
      const r = new Rng(0x50f70000 + f.width);
      const mm = new Mismatches();
      for (let i = 0; i < 3000; i++) {
        const a = operand(f, r) & ~f.signBit; // positive
        const d = decode(f, a);
        if (d.kind !== 'fin') continue;
        const res = MODES.map((rm) => sqrt(f, a, rm));
        const [rne, rtz, rdn, rup, rmm] = res;
        const exact = res.every((x) => (x.flags & NX) === 0);
        // Square roots never overflow or underflow, never divide by zero and are valid here.
        if (res.some((x) => (x.flags & ~NX) !== 0)) mm.add(`sqrt(${hex(a)}) unexpected flags ${res.map((x) => x.flags)}`);
        if (exact) {
          if (cmpProduct(f, rne.bits, rne.bits, a) !== 0 || res.some((x) => x.bits !== rne.bits)) mm.add(`sqrt(${hex(a)}) claims exact ${hex(rne.bits)}`);
          continue;
        }
        if (res.some((x) => (x.flags & NX) === 0)) mm.add(`sqrt(${hex(a)}) NX not raised in every mode`);
        // Inexact: rdn^2 < a < rup^2 with rup = nextUp(rdn); RTZ = RDN for positives.
        if (rtz.bits !== rdn.bits || rup.bits !== nextUp(rdn.bits)) mm.add(`sqrt(${hex(a)}) rdn ${hex(rdn.bits)} rtz ${hex(rtz.bits)} rup ${hex(rup.bits)}`);
        if (cmpProduct(f, rdn.bits, rdn.bits, a) >= 0 || cmpProduct(f, rup.bits, rup.bits, a) <= 0) mm.add(`sqrt(${hex(a)}) bracket wrong: ${hex(rdn.bits)}..${hex(rup.bits)}`);
        // Nearest: compare a with the midpoint m = (rdn+rup)/2 squared; a tie is impossible for sqrt.
        const lo = exactDyadic(f, rdn.bits);
        const hi = exactDyadic(f, rup.bits);
        const e = Math.min(lo.e, hi.e) - 1;
        // rdn + rup = m * 2^e, so mid = m * 2^(e-1) and mid^2 = m^2 * 2^(2e-2); compare with a exactly.
        const m = (lo.n << BigInt(lo.e - e)) + (hi.n << BigInt(hi.e - e));
        const ax = exactDyadic(f, a);
        const l2 = 2 * e - 2;
        const base = Math.min(l2, ax.e);
        const midSq = (m * m) << BigInt(l2 - base);
        const av = ax.n << BigInt(ax.e - base);
        const nearest = av > midSq ? rup.bits : rdn.bits;
        if (midSq === av) mm.add(`sqrt(${hex(a)}) exact tie?`);
        if (rne.bits !== nearest || rmm.bits !== nearest) mm.add(`sqrt(${hex(a)}) nearest ${hex(nearest)} got rne ${hex(rne.bits)} rmm ${hex(rmm.bits)}`);
      }
      mm.check();
    });

    it(`${f.name}_div RDN/RUP bracket the exact quotient`, () => {
      const r = new Rng(0xd1f70000 + f.width);
      const mm = new Mismatches();
      for (let i = 0; i < 3000; i++) {
        const a = operand(f, r) & ~f.signBit;
        const b = partner(f, a, r, 'div') & ~f.signBit;
        if (decode(f, a).kind !== 'fin' || decode(f, b).kind !== 'fin') continue;
        const dn = op2(f, 'div', a, b, RDN);
        const up = op2(f, 'div', a, b, RUP);
        const ne = op2(f, 'div', a, b, RNE);
        if (dn.flags & (OF | NV | DZ)) continue; // saturating cases are covered by the reference test
        if ((dn.flags & NX) === 0) {
          if (cmpProduct(f, dn.bits, b, a) !== 0 || up.bits !== dn.bits) mm.add(`div(${hex(a)}, ${hex(b)}) claims exact ${hex(dn.bits)}`);
          continue;
        }
        if (up.bits !== nextUp(dn.bits)) mm.add(`div(${hex(a)}, ${hex(b)}) rdn ${hex(dn.bits)} rup ${hex(up.bits)} not adjacent`);
        if (cmpProduct(f, dn.bits, b, a) >= 0 || (up.bits !== f.inf && cmpProduct(f, up.bits, b, a) <= 0)) mm.add(`div(${hex(a)}, ${hex(b)}) bracket wrong`);
        if (ne.bits !== dn.bits && ne.bits !== up.bits) mm.add(`div(${hex(a)}, ${hex(b)}) rne ${hex(ne.bits)} outside bracket`);
      }
      mm.check();
    });
  }
});

// ---- fixed tables ----

const b64 = (x: number): bigint => hostBits(F64, x);
const b32 = (x: number): bigint => hostBits(F32, Math.fround(x));
const SNAN32 = 0x7f800001n;
const QNAN32 = 0x7fc00001n; // non-canonical quiet NaN (payload must not propagate)
const SNAN64 = 0x7ff0000000000001n;
const QNAN64 = 0x7ff8000000000123n;

describe('softfloat: flags on classic cases', () => {
  it('invalid operations give the canonical NaN with NV', () => {
    const cases: [Fmt, string, bigint, bigint][] = [
      [F64, 'div', b64(0), b64(0)],
      [F64, 'sub', b64(Infinity), b64(Infinity)],
      [F64, 'add', b64(-Infinity), b64(Infinity)],
      [F64, 'mul', b64(Infinity), b64(-0)],
      [F64, 'div', b64(-Infinity), b64(Infinity)],
      [F32, 'div', b32(0), b32(-0)],
      [F32, 'sub', b32(Infinity), b32(Infinity)],
      [F32, 'mul', b32(0), b32(Infinity)],
      [F64, 'add', SNAN64, b64(1)],
      [F32, 'mul', b32(1), SNAN32],
    ];
    for (const [f, name, a, b] of cases) expect(op2(f, name, a, b, RNE), `${f.name}_${name}(${hex(a)},${hex(b)})`).toEqual({ bits: f.canon, flags: NV });
    expect(sqrt(F64, b64(-1), RNE)).toEqual({ bits: F64.canon, flags: NV });
    expect(sqrt(F32, b32(-1), RNE)).toEqual({ bits: F32.canon, flags: NV });
    expect(sqrt(F64, b64(-Infinity), RNE)).toEqual({ bits: F64.canon, flags: NV });
    expect(sqrt(F64, b64(-0), RNE)).toEqual({ bits: b64(-0), flags: 0 });
    expect(sqrt(F32, SNAN32, RNE)).toEqual({ bits: F32.canon, flags: NV });
  });

  it('quiet NaN inputs give the canonical NaN without flags', () => {
    expect(op2(F64, 'add', QNAN64, b64(1), RNE)).toEqual({ bits: F64.canon, flags: 0 });
    expect(op2(F32, 'div', b32(1), QNAN32, RNE)).toEqual({ bits: F32.canon, flags: 0 });
    expect(sqrt(F64, QNAN64 | F64.signBit, RNE)).toEqual({ bits: F64.canon, flags: 0 });
  });

  it('divide by zero sets DZ and gives a signed infinity', () => {
    expect(op2(F64, 'div', b64(1), b64(0), RNE)).toEqual({ bits: b64(Infinity), flags: DZ });
    expect(op2(F64, 'div', b64(-1), b64(0), RNE)).toEqual({ bits: b64(-Infinity), flags: DZ });
    expect(op2(F32, 'div', b32(1), b32(-0), RNE)).toEqual({ bits: b32(-Infinity), flags: DZ });
    expect(op2(F64, 'div', b64(Infinity), b64(0), RNE)).toEqual({ bits: b64(Infinity), flags: 0 });
  });

  it('overflow sets OF|NX and gives infinity or the largest finite value by mode', () => {
    for (const f of FMTS) {
      const max = f.inf - 1n;
      const two = BigInt(f.bias + 1) << BigInt(f.frac);
      const expectOf = (sign: bigint, rm: number, toInf: boolean): void => {
        expect(op2(f, 'mul', max | sign, two, rm), `${f.name} rm=${rm} sign=${sign}`).toEqual({ bits: sign | (toInf ? f.inf : max), flags: OF | NX });
      };
      for (const sign of [0n, f.signBit]) {
        const neg = sign !== 0n;
        expectOf(sign, RNE, true);
        expectOf(sign, RMM, true);
        expectOf(sign, RTZ, false);
        expectOf(sign, RDN, neg);
        expectOf(sign, RUP, !neg);
      }
      // max + half an ulp rounds up in RNE (overflow), stays max in RTZ.
      const halfUlp = BigInt(f.bias + f.bias - f.frac - 1) << BigInt(f.frac);
      expect(op2(f, 'add', max, halfUlp, RNE)).toEqual({ bits: f.inf, flags: OF | NX });
      expect(op2(f, 'add', max, halfUlp, RTZ)).toEqual({ bits: max, flags: NX });
    }
  });

  it('underflow: tiny and inexact sets UF|NX; exact subnormal results set nothing', () => {
    // min normal * 0.5 = exact subnormal: no flags.
    expect(op2(F64, 'mul', 0x0010000000000000n, b64(0.5), RNE)).toEqual({ bits: 0x0008000000000000n, flags: 0 });
    // min subnormal * 0.5: tie to even -> 0, UF|NX; RUP -> min subnormal.
    expect(op2(F64, 'mul', 1n, b64(0.5), RNE)).toEqual({ bits: 0n, flags: UF | NX });
    expect(op2(F64, 'mul', 1n, b64(0.5), RUP)).toEqual({ bits: 1n, flags: UF | NX });
    expect(op2(F32, 'mul', 1n, b32(0.25), RDN)).toEqual({ bits: 0n, flags: UF | NX });
    expect(op2(F32, 'mul', 1n | F32.signBit, b32(0.25), RDN)).toEqual({ bits: 1n | F32.signBit, flags: UF | NX });
    // Tininess after rounding: 2^-1022*(1+2^-27) * (1-2^-27) = 2^-1022*(1-2^-54). Rounded to 53 bits
    // with unbounded exponent it becomes 2^-1022 (RNE), so it is not tiny: NX only.
    const a64 = b64(2 ** -1022 * (1 + 2 ** -27));
    const m64 = b64(1 - 2 ** -27);
    expect(op2(F64, 'mul', a64, m64, RNE)).toEqual({ bits: 0x0010000000000000n, flags: NX });
    // ... but RTZ gives the largest subnormal, and is tiny: UF|NX.
    expect(op2(F64, 'mul', a64, m64, RTZ)).toEqual({ bits: 0x000fffffffffffffn, flags: UF | NX });
    // If the exact value already fits 53 bits below 2^-1022 it is tiny even when it rounds up to 2^-1022:
    // 2^-1022*(1-2^-53) ties to the even 2^-1022 in the subnormal grid: UF|NX.
    expect(op2(F64, 'mul', 0x0010000000000000n, b64(1 - 2 ** -53), RNE)).toEqual({ bits: 0x0010000000000000n, flags: UF | NX });
    // Same for f32: 2^-126*(1+2^-13) * (1-2^-13).
    const a32 = b32(2 ** -126 * (1 + 2 ** -13));
    const m32 = b32(1 - 2 ** -13);
    expect(op2(F32, 'mul', a32, m32, RNE)).toEqual({ bits: 0x00800000n, flags: NX });
    expect(op2(F32, 'mul', a32, m32, RTZ)).toEqual({ bits: 0x007fffffn, flags: UF | NX });
  });

  it('inexact only for ordinary rounding; exact results set no flags', () => {
    expect(op2(F64, 'div', b64(1), b64(3), RNE)).toEqual({ bits: b64(1 / 3), flags: NX });
    expect(op2(F64, 'add', b64(1), b64(2), RNE)).toEqual({ bits: b64(3), flags: 0 });
    expect(op2(F32, 'add', b32(1), b32(2 ** -30), RNE)).toEqual({ bits: b32(1), flags: NX });
    expect(op2(F32, 'add', b32(1), b32(2 ** -30), RUP)).toEqual({ bits: b32(1) + 1n, flags: NX });
    expect(sqrt(F64, b64(2), RNE)).toEqual({ bits: b64(Math.SQRT2), flags: NX });
    expect(sqrt(F64, b64(16), RNE)).toEqual({ bits: b64(4), flags: 0 });
  });

  it('exact zero sums are +0, or -0 in RDN', () => {
    for (const f of FMTS) {
      const one = BigInt(f.bias) << BigInt(f.frac);
      for (const rm of MODES) {
        const z = rm === RDN ? f.signBit : 0n;
        expect(op2(f, 'sub', one, one, rm).bits).toBe(z);
        expect(op2(f, 'add', 0n, f.signBit, rm).bits).toBe(z);
        expect(op2(f, 'add', f.signBit, f.signBit, rm).bits).toBe(f.signBit);
        expect(fma(f, one, one, one | f.signBit, rm, false, false).bits).toBe(z);
      }
    }
  });
});

describe('softfloat: fused multiply-add specials', () => {
  it('inf*0 sets NV even when the addend is a quiet NaN', () => {
    expect(fma(F64, b64(Infinity), b64(0), QNAN64, RNE, false, false)).toEqual({ bits: F64.canon, flags: NV });
    expect(fma(F32, b32(0), b32(-Infinity), F32.canon, RNE, true, true)).toEqual({ bits: F32.canon, flags: NV });
    expect(fma(F64, b64(2), b64(3), QNAN64, RNE, false, false)).toEqual({ bits: F64.canon, flags: 0 });
    expect(fma(F64, b64(2), b64(3), SNAN64, RNE, false, false)).toEqual({ bits: F64.canon, flags: NV });
    expect(fma(F64, b64(Infinity), b64(1), b64(Infinity), RNE, false, true)).toEqual({ bits: F64.canon, flags: NV });
  });
  it('sign variants: fmadd, fmsub, fnmsub, fnmadd', () => {
    const a = b64(2), b = b64(3), c = b64(1);
    expect(fma(F64, a, b, c, RNE, false, false).bits).toBe(b64(7));
    expect(fma(F64, a, b, c, RNE, false, true).bits).toBe(b64(5));
    expect(fma(F64, a, b, c, RNE, true, false).bits).toBe(b64(-5));
    expect(fma(F64, a, b, c, RNE, true, true).bits).toBe(b64(-7));
  });
  it('single rounding: a*b+c differs from the doubly rounded result', () => {
    // (1+2^-52)^2 - (1+2^-51) = 2^-104 exactly; separate rounding would give 0.
    const x = b64(1 + 2 ** -52);
    expect(fma(F64, x, x, b64(1 + 2 ** -51), RNE, false, true)).toEqual({ bits: b64(2 ** -104), flags: 0 });
  });
});

describe('softfloat: float -> integer saturation table', () => {
  type Row = [string, bigint, bigint, number]; // name, input, expected (unsigned bits), flags
  const rows: Row[] = [];
  const limits = [
    { n: 'i32', bits: 32, signed: true, max: 0x7fffffffn, min: 0x80000000n },
    { n: 'u32', bits: 32, signed: false, max: 0xffffffffn, min: 0n },
    { n: 'i64', bits: 64, signed: true, max: 0x7fffffffffffffffn, min: 0x8000000000000000n },
    { n: 'u64', bits: 64, signed: false, max: 0xffffffffffffffffn, min: 0n },
  ];
  it('NaN, infinities, out of range, in range inexact', () => {
    for (const f of FMTS) {
      const enc = f.width === 64 ? b64 : b32;
      for (const l of limits) {
        const t = (x: bigint, rm: number): Res => toInt(f, x, rm, l.bits, l.signed);
        expect(t(f.canon, RNE), `${f.name}->${l.n} NaN`).toEqual({ bits: l.max, flags: NV });
        expect(t(f.canon | f.signBit, RNE), `${f.name}->${l.n} -NaN`).toEqual({ bits: l.max, flags: NV });
        expect(t(f.inf, RNE)).toEqual({ bits: l.max, flags: NV });
        expect(t(f.inf | f.signBit, RNE)).toEqual({ bits: l.min, flags: NV });
        expect(t(enc(2 ** 70), RNE)).toEqual({ bits: l.max, flags: NV });
        expect(t(enc(-(2 ** 70)), RNE)).toEqual({ bits: l.min, flags: NV });
        expect(t(enc(2 ** l.bits), RTZ)).toEqual({ bits: l.max, flags: NV });
        expect(t(enc(-0.5), RNE)).toEqual({ bits: 0n, flags: NX }); // rounds to -0 -> 0
        expect(t(enc(1.5), RNE)).toEqual({ bits: 2n, flags: NX });
        expect(t(enc(2.5), RNE)).toEqual({ bits: 2n, flags: NX });
        expect(t(enc(2.5), RMM)).toEqual({ bits: 3n, flags: NX });
        expect(t(enc(2.5), RUP)).toEqual({ bits: 3n, flags: NX });
        expect(t(enc(2.5), RDN)).toEqual({ bits: 2n, flags: NX });
        expect(t(enc(-0), RNE)).toEqual({ bits: 0n, flags: 0 });
        expect(t(enc(42), RNE)).toEqual({ bits: 42n, flags: 0 });
        if (l.signed) {
          expect(t(enc(-2.5), RDN)).toEqual({ bits: BigInt.asUintN(l.bits, -3n), flags: NX });
          expect(t(enc(-(2 ** (l.bits - 1))), RNE)).toEqual({ bits: l.min, flags: 0 });
        } else {
          expect(t(enc(-1), RNE)).toEqual({ bits: 0n, flags: NV });
          expect(t(enc(-0.7), RNE)).toEqual({ bits: 0n, flags: NV }); // rounds to -1: out of range
          expect(t(enc(-0.7), RTZ)).toEqual({ bits: 0n, flags: NX });
        }
      }
    }
    // Boundaries that only binary64 can express.
    expect(toInt(F64, b64(2147483647.4), RNE, 32, true)).toEqual({ bits: 0x7fffffffn, flags: NX });
    expect(toInt(F64, b64(2147483647.5), RNE, 32, true)).toEqual({ bits: 0x7fffffffn, flags: NV });
    expect(toInt(F64, b64(-2147483648.5), RNE, 32, true)).toEqual({ bits: 0x80000000n, flags: NX });
    expect(toInt(F64, b64(-2147483648.5), RDN, 32, true)).toEqual({ bits: 0x80000000n, flags: NV });
    expect(toInt(F64, b64(4294967295.5), RTZ, 32, false)).toEqual({ bits: 0xffffffffn, flags: NX });
    expect(toInt(F64, b64(2 ** 64 - 2048), RNE, 64, false)).toEqual({ bits: 0xfffffffffffff800n, flags: 0 });
  });
  it('32-bit results come back sign-extended-ready (i32/u32 bit patterns)', () => {
    expect(toInt(F64, b64(-1), RNE, 32, true).bits).toBe(0xffffffffn);
    expect(toInt(F64, b64(4294967295), RNE, 32, false).bits).toBe(0xffffffffn);
  });
});

describe('softfloat: fclass', () => {
  it('every class, both formats', () => {
    for (const f of FMTS) {
      const one = BigInt(f.bias) << BigInt(f.frac);
      const s = f.signBit;
      const table: [bigint, number][] = [
        [f.inf | s, 0], [one | s, 1], [1n | s, 2], [s, 3], [0n, 4], [1n, 5], [one, 6], [f.inf, 7],
        [f.inf | 1n, 8], [(f.inf | 1n) | s, 8], [f.canon, 9], [f.canon | s | 7n, 9],
        [(1n << BigInt(f.frac)) - 1n, 5], [f.inf - 1n, 6], [1n << BigInt(f.frac), 6],
      ];
      for (const [v, bit] of table) {
        const r = call(`${f.name}_classify`, [toArg(f, v)]);
        expect(Number(r.raw), `${f.name} fclass(${hex(v)})`).toBe(1 << bit);
        expect(r.flags).toBe(0);
      }
    }
  });
});

describe('softfloat: fmin/fmax', () => {
  it('NaN rules, signed zeros and ordering', () => {
    for (const f of FMTS) {
      const one = BigInt(f.bias) << BigInt(f.frac);
      const two = one + (1n << BigInt(f.frac));
      const snan = f.inf | 1n;
      const qnan = f.canon | 3n;
      const mm = (name: 'min' | 'max', a: bigint, b: bigint): Res => op2(f, name, a, b, 0);
      const res = (bits: bigint, flags = 0): Res => ({ bits, flags });
      expect(mm('min', qnan, one)).toEqual(res(one));
      expect(mm('max', one, qnan)).toEqual(res(one));
      expect(mm('min', snan, one)).toEqual(res(one, NV));
      expect(mm('max', one, snan)).toEqual(res(one, NV));
      expect(mm('min', qnan, qnan)).toEqual(res(f.canon));
      expect(mm('max', snan, qnan)).toEqual(res(f.canon, NV));
      expect(mm('min', 0n, f.signBit)).toEqual(res(f.signBit));
      expect(mm('min', f.signBit, 0n)).toEqual(res(f.signBit));
      expect(mm('max', 0n, f.signBit)).toEqual(res(0n));
      expect(mm('max', f.signBit, 0n)).toEqual(res(0n));
      expect(mm('min', one, two)).toEqual(res(one));
      expect(mm('max', one, two)).toEqual(res(two));
      expect(mm('min', one | f.signBit, two | f.signBit)).toEqual(res(two | f.signBit));
      expect(mm('max', one | f.signBit, two | f.signBit)).toEqual(res(one | f.signBit));
      expect(mm('min', f.inf | f.signBit, one)).toEqual(res(f.inf | f.signBit));
      expect(mm('max', f.inf, one)).toEqual(res(f.inf));
    }
  });
  it('agrees with a sorted order on random operands', () => {
    const r = new Rng(0x3a3a3a);
    for (const f of FMTS) {
      for (let i = 0; i < 2000; i++) {
        const a = operand(f, r);
        const b = partner(f, a, r, 'add');
        const x = hostVal(f, a);
        const y = hostVal(f, b);
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        const aLess = x < y || (x === y && Object.is(x, -0) && Object.is(y, 0));
        const min = op2(f, 'min', a, b, 0).bits;
        const max = op2(f, 'max', a, b, 0).bits;
        if (x === y && !Object.is(x, -0) && !Object.is(y, -0) || a === b) {
          expect(hostVal(f, min)).toBe(x);
          continue;
        }
        expect(min, `${f.name} min(${hex(a)}, ${hex(b)})`).toBe(aLess ? a : b);
        expect(max, `${f.name} max(${hex(a)}, ${hex(b)})`).toBe(aLess ? b : a);
      }
    }
  });
});

describe('softfloat: comparisons', () => {
  it('feq quiet (NV only for sNaN), flt/fle signaling (NV for any NaN)', () => {
    for (const f of FMTS) {
      const one = BigInt(f.bias) << BigInt(f.frac);
      const snan = f.inf | 1n;
      const qnan = f.canon;
      for (const n of ['eq', 'lt', 'le'] as const) {
        expect(cmp(f, n, qnan, one), `${f.name} ${n} qnan`).toEqual({ v: false, flags: n === 'eq' ? 0 : NV });
        expect(cmp(f, n, one, snan), `${f.name} ${n} snan`).toEqual({ v: false, flags: NV });
        expect(cmp(f, n, qnan, qnan)).toEqual({ v: false, flags: n === 'eq' ? 0 : NV });
      }
      expect(cmp(f, 'eq', 0n, f.signBit)).toEqual({ v: true, flags: 0 });
      expect(cmp(f, 'lt', f.signBit, 0n)).toEqual({ v: false, flags: 0 });
      expect(cmp(f, 'le', f.signBit, 0n)).toEqual({ v: true, flags: 0 });
      expect(cmp(f, 'le', 0n, f.signBit)).toEqual({ v: true, flags: 0 });
    }
  });
  it('agree with host ordering on random operands', () => {
    const r = new Rng(0xc0c0c0);
    for (const f of FMTS) {
      for (let i = 0; i < 3000; i++) {
        const a = operand(f, r);
        const b = partner(f, a, r, 'add');
        const x = hostVal(f, a);
        const y = hostVal(f, b);
        const anyNaN = Number.isNaN(x) || Number.isNaN(y);
        const sig = decode(f, a).kind === 'nan' && (decode(f, a) as { signaling: boolean }).signaling
          || decode(f, b).kind === 'nan' && (decode(f, b) as { signaling: boolean }).signaling;
        expect(cmp(f, 'eq', a, b)).toEqual({ v: x === y, flags: sig ? NV : 0 });
        expect(cmp(f, 'lt', a, b)).toEqual({ v: x < y, flags: anyNaN ? NV : 0 });
        expect(cmp(f, 'le', a, b)).toEqual({ v: x <= y, flags: anyNaN ? NV : 0 });
      }
    }
  });
});

describe('softfloat: reference self-check', () => {
  it('the BigInt reference agrees with the host in RNE (guards the oracle itself)', () => {
    const r = new Rng(0x0bad5eed);
    for (const f of FMTS) {
      for (let i = 0; i < 1000; i++) {
        const a = operand(f, r);
        const b = partner(f, a, r, 'mul');
        expect(refMul(f, a, b, RNE).bits).toBe(hostBits(f, hostRound(f, hostVal(f, a) * hostVal(f, b))));
        expect(refDiv(f, a, b, RNE).bits).toBe(hostBits(f, hostRound(f, hostVal(f, a) / hostVal(f, b))));
        expect(refAdd(f, a, b, RNE).bits).toBe(hostBits(f, hostRound(f, hostVal(f, a) + hostVal(f, b))));
      }
    }
  });
});

describe('softfloat: every pair of special operands in every mode', () => {
  for (const f of FMTS) {
    it(`${f.name}: zeros, subnormal/normal boundaries, max, infinities, NaNs`, () => {
      const sp = specials(f);
      const mm = new Mismatches();
      const refs = { add: refAdd, sub: refSub, mul: refMul, div: refDiv } as const;
      for (const a of sp) {
        for (const b of sp) {
          for (const rm of MODES) {
            for (const name of ['add', 'sub', 'mul', 'div'] as const) {
              const want = refs[name](f, a, b, rm);
              const got = op2(f, name, a, b, rm);
              if (got.bits !== want.bits || got.flags !== want.flags) mm.add(`${name}(${hex(a)}, ${hex(b)}, rm=${rm}) = ${show(got)}, ref ${show(want)}`);
            }
            // fma with the third operand drawn from the same list (a rotating subset keeps it small).
            const c = sp[(sp.indexOf(a) * 7 + sp.indexOf(b) * 3 + rm) % sp.length];
            for (const [negP, negC] of [[false, false], [true, false], [false, true], [true, true]] as const) {
              const want = refFma(f, a, b, c, rm, negP, negC);
              const got = fma(f, a, b, c, rm, negP, negC);
              if (got.bits !== want.bits || got.flags !== want.flags) mm.add(`muladd(${hex(a)}, ${hex(b)}, ${hex(c)}, rm=${rm}, ${negP}, ${negC}) = ${show(got)}, ref ${show(want)}`);
            }
          }
        }
      }
      mm.check();
    });
  }
});
