// F and D extensions on top of the soft-float library (spec/cartesi-machine.md §17): FS gating, static and
// dynamic rounding modes, flag accumulation in fcsr, NaN boxing of single-precision values.
import { FCSR, MSTATUS, MCYCLE } from '../layout';
import { MSTATUS_FS, CAUSE_ILLEGAL_INSN } from './constants';
import { getX, setX, getF, setF } from './state';
import { raiseException } from './trap';
import { loadSlow, storeSlow, g_value, g_faultCause, g_faultTval } from './mmu';
import * as sf from '../softfloat/index';

const CANONICAL_NAN_32: u32 = 0x7fc00000;
const BOX: u64 = 0xffffffff00000000;

@inline function unbox(v: u64): u32 {
  return (v & BOX) == BOX ? <u32>v : CANONICAL_NAN_32;
}
@inline function box(v: u32): u64 {
  return BOX | <u64>v;
}

@inline function fsOff(): bool {
  return (load<u64>(MSTATUS) & MSTATUS_FS) == 0;
}

/** Effective rounding mode, or -1 when reserved (rm 5, 6, or DYN with frm >= 5). */
@inline function roundingMode(insn: u32): i32 {
  let rm = (insn >> 12) & 7;
  if (rm == 7) rm = <u32>((load<u64>(FCSR) >> 5) & 7);
  return rm >= 5 ? -1 : <i32>rm;
}

@inline function accrue(): void {
  if (sf.sf_flags != 0) store<u64>(FCSR, load<u64>(FCSR) | <u64>sf.sf_flags);
}

@inline function illegal(pc: u64, insn: u32): u64 {
  return raiseException(pc, CAUSE_ILLEGAL_INSN, <u64>insn);
}

/** `raw` is the instruction as fetched (16 bits for c.fld/c.fldsp): mtval of an illegal instruction. */
export function executeFpLoad(insn: u32, raw: u32, pc: u64, npc: u64): u64 {
  const funct3 = (insn >> 12) & 7;
  if (fsOff() || (funct3 != 2 && funct3 != 3)) return illegal(pc, raw);
  const addr = getX((insn >> 15) & 31) + <u64><i64>(<i32>insn >> 20);
  // lwu-style raw 32-bit load for FLW (funct3 6), ld for FLD.
  if (!loadSlow(addr, funct3 == 2 ? 6 : 3, false)) return raiseException(pc, g_faultCause, g_faultTval);
  const rd = (insn >> 7) & 31;
  setF(rd, funct3 == 2 ? box(<u32>g_value) : g_value);
  return npc;
}

export function executeFpStore(insn: u32, raw: u32, pc: u64, npc: u64): u64 {
  const funct3 = (insn >> 12) & 7;
  if (fsOff() || (funct3 != 2 && funct3 != 3)) return illegal(pc, raw);
  const imm = ((<i32>insn >> 25) << 5) | <i32>((insn >> 7) & 31);
  const addr = getX((insn >> 15) & 31) + <u64><i64>imm;
  const v = getF((insn >> 20) & 31);
  if (!storeSlow(addr, funct3 == 2 ? 4 : 8, funct3 == 2 ? v & 0xffffffff : v)) {
    return raiseException(pc, g_faultCause, g_faultTval);
  }
  return npc;
}

export function executeFpFused(insn: u32, pc: u64, npc: u64): u64 {
  const fmt = (insn >> 25) & 3;
  const rm = roundingMode(insn);
  if (fsOff() || fmt > 1 || rm < 0) return illegal(pc, insn);
  const op = insn & 0x7f;
  const negProduct = op == 0x4b || op == 0x4f; // fnmsub, fnmadd
  const negAddend = op == 0x47 || op == 0x4f; // fmsub, fnmadd
  const rd = (insn >> 7) & 31;
  const a = getF((insn >> 15) & 31);
  const b = getF((insn >> 20) & 31);
  const c = getF(insn >> 27);
  sf.sf_clear_flags();
  if (fmt == 0) setF(rd, box(sf.f32_muladd(unbox(a), unbox(b), unbox(c), <u32>rm, negProduct, negAddend)));
  else setF(rd, sf.f64_muladd(a, b, c, <u32>rm, negProduct, negAddend));
  accrue();
  return npc;
}

export function executeFp(insn: u32, pc: u64, npc: u64): u64 {
  if (fsOff()) return illegal(pc, insn);
  const funct7 = insn >> 25;
  const fmt = funct7 & 3;
  if (fmt > 1) return illegal(pc, insn);
  const funct5 = funct7 >> 2;
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  const funct3 = (insn >> 12) & 7;
  const single = fmt == 0;
  const a = getF(rs1);
  const b = getF(rs2);
  sf.sf_clear_flags();
  switch (funct5) {
    case 0x00: case 0x01: case 0x02: case 0x03: case 0x0b: {
      const rm = roundingMode(insn);
      if (rm < 0 || (funct5 == 0x0b && rs2 != 0)) return illegal(pc, insn);
      const r = <u32>rm;
      if (single) {
        const x = unbox(a);
        const y = unbox(b);
        let v: u32;
        if (funct5 == 0x00) v = sf.f32_add(x, y, r);
        else if (funct5 == 0x01) v = sf.f32_sub(x, y, r);
        else if (funct5 == 0x02) v = sf.f32_mul(x, y, r);
        else if (funct5 == 0x03) v = sf.f32_div(x, y, r);
        else v = sf.f32_sqrt(x, r);
        setF(rd, box(v));
      } else {
        let v: u64;
        if (funct5 == 0x00) v = sf.f64_add(a, b, r);
        else if (funct5 == 0x01) v = sf.f64_sub(a, b, r);
        else if (funct5 == 0x02) v = sf.f64_mul(a, b, r);
        else if (funct5 == 0x03) v = sf.f64_div(a, b, r);
        else v = sf.f64_sqrt(a, r);
        setF(rd, v);
      }
      break;
    }
    case 0x04: { // fsgnj, fsgnjn, fsgnjx: bits only, no flags
      if (funct3 > 2) return illegal(pc, insn);
      if (single) {
        const x = unbox(a);
        const y = unbox(b);
        let sign = y & 0x80000000;
        if (funct3 == 1) sign ^= 0x80000000;
        else if (funct3 == 2) sign = (x ^ y) & 0x80000000;
        setF(rd, box((x & 0x7fffffff) | sign));
      } else {
        const m: u64 = 0x8000000000000000;
        let sign = b & m;
        if (funct3 == 1) sign ^= m;
        else if (funct3 == 2) sign = (a ^ b) & m;
        setF(rd, (a & ~m) | sign);
      }
      break;
    }
    case 0x05: { // fmin, fmax
      if (funct3 > 1) return illegal(pc, insn);
      if (single) setF(rd, box(funct3 == 0 ? sf.f32_min(unbox(a), unbox(b)) : sf.f32_max(unbox(a), unbox(b))));
      else setF(rd, funct3 == 0 ? sf.f64_min(a, b) : sf.f64_max(a, b));
      break;
    }
    case 0x08: { // fcvt.s.d (fmt 0, rs2 1), fcvt.d.s (fmt 1, rs2 0)
      const rm = roundingMode(insn);
      if (rm < 0) return illegal(pc, insn);
      if (single && rs2 == 1) setF(rd, box(sf.f64_to_f32(a, <u32>rm)));
      else if (!single && rs2 == 0) setF(rd, sf.f32_to_f64(unbox(a)));
      else return illegal(pc, insn);
      break;
    }
    case 0x14: { // fle, flt, feq
      let r: bool;
      if (funct3 == 0) r = single ? sf.f32_le(unbox(a), unbox(b)) : sf.f64_le(a, b);
      else if (funct3 == 1) r = single ? sf.f32_lt(unbox(a), unbox(b)) : sf.f64_lt(a, b);
      else if (funct3 == 2) r = single ? sf.f32_eq(unbox(a), unbox(b)) : sf.f64_eq(a, b);
      else return illegal(pc, insn);
      setX(rd, r ? 1 : 0);
      break;
    }
    case 0x18: { // fcvt.{w,wu,l,lu}.{s,d}: 32-bit results are sign-extended
      const rm = roundingMode(insn);
      if (rm < 0 || rs2 > 3) return illegal(pc, insn);
      const r = <u32>rm;
      let v: u64;
      if (single) {
        const x = unbox(a);
        if (rs2 == 0) v = <u64><i64>sf.f32_to_i32(x, r);
        else if (rs2 == 1) v = <u64><i64><i32>sf.f32_to_u32(x, r);
        else if (rs2 == 2) v = <u64>sf.f32_to_i64(x, r);
        else v = sf.f32_to_u64(x, r);
      } else {
        if (rs2 == 0) v = <u64><i64>sf.f64_to_i32(a, r);
        else if (rs2 == 1) v = <u64><i64><i32>sf.f64_to_u32(a, r);
        else if (rs2 == 2) v = <u64>sf.f64_to_i64(a, r);
        else v = sf.f64_to_u64(a, r);
      }
      setX(rd, v);
      break;
    }
    case 0x1a: { // fcvt.{s,d}.{w,wu,l,lu}
      const rm = roundingMode(insn);
      if (rm < 0 || rs2 > 3) return illegal(pc, insn);
      const r = <u32>rm;
      const x = getX(rs1);
      if (single) {
        let v: u32;
        if (rs2 == 0) v = sf.i32_to_f32(<i32>x, r);
        else if (rs2 == 1) v = sf.u32_to_f32(<u32>x, r);
        else if (rs2 == 2) v = sf.i64_to_f32(<i64>x, r);
        else v = sf.u64_to_f32(x, r);
        setF(rd, box(v));
      } else {
        let v: u64;
        if (rs2 == 0) v = sf.i32_to_f64(<i32>x, r);
        else if (rs2 == 1) v = sf.u32_to_f64(<u32>x, r);
        else if (rs2 == 2) v = sf.i64_to_f64(<i64>x, r);
        else v = sf.u64_to_f64(x, r);
        setF(rd, v);
      }
      break;
    }
    case 0x1c: { // fmv.x.{w,d} (funct3 0), fclass (funct3 1)
      if (rs2 != 0) return illegal(pc, insn);
      if (funct3 == 0) setX(rd, single ? <u64><i64><i32><u32>a : a);
      else if (funct3 == 1) setX(rd, <u64>(single ? sf.f32_classify(unbox(a)) : sf.f64_classify(a)));
      else return illegal(pc, insn);
      break;
    }
    case 0x1e: { // fmv.{w,d}.x
      if (rs2 != 0 || funct3 != 0) return illegal(pc, insn);
      const x = getX(rs1);
      setF(rd, single ? box(<u32>x) : x);
      break;
    }
    default:
      return illegal(pc, insn);
  }
  accrue();
  return npc;
}

export { MCYCLE };
