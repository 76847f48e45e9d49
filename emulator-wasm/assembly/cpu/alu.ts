// Integer instruction semantics shared by the fast loop and the general step (RV64IM, unprivileged spec).
// Each `*Valid` says whether the encoding exists; the value functions assume it does. All are inlined.
import { mulh, mulhsu, mulhu } from './muldiv';

@inline export function immI(insn: u32): u64 { return <u64><i64>(<i32>insn >> 20); }
@inline export function immS(insn: u32): u64 { return <u64><i64>(((<i32>insn >> 25) << 5) | <i32>((insn >> 7) & 31)); }
@inline export function immB(insn: u32): u64 {
  return <u64><i64>(((<i32>insn >> 31) << 12) | <i32>(((insn >> 7) & 1) << 11) | <i32>(((insn >> 25) & 0x3f) << 5) |
    <i32>(((insn >> 8) & 0xf) << 1));
}
@inline export function immU(insn: u32): u64 { return <u64><i64><i32>(insn & 0xfffff000); }
@inline export function immJ(insn: u32): u64 {
  return <u64><i64>(((<i32>insn >> 31) << 20) | <i32>(insn & 0xff000) | <i32>(((insn >> 20) & 1) << 11) |
    <i32>(((insn >> 21) & 0x3ff) << 1));
}
@inline function sext32(v: u64): u64 { return <u64><i64><i32>v; }

/** OP-IMM: slli needs imm[11:6] = 0; srli/srai need imm[11:6] = 0 or 0x10. */
@inline export function opImmValid(insn: u32, funct3: u32): bool {
  if (funct3 == 1) return (insn >> 26) == 0;
  if (funct3 == 5) return (insn >> 26) == 0 || (insn >> 26) == 0x10;
  return true;
}

@inline export function opImm(insn: u32, funct3: u32, a: u64): u64 {
  const imm = immI(insn);
  switch (funct3) {
    case 0: return a + imm;
    case 1: return a << (imm & 63);
    case 2: return <i64>a < <i64>imm ? 1 : 0;
    case 3: return a < imm ? 1 : 0;
    case 4: return a ^ imm;
    case 5: return (insn >> 26) == 0 ? a >> (imm & 63) : <u64>(<i64>a >> <i64>(imm & 63));
    case 6: return a | imm;
    default: return a & imm;
  }
}

@inline export function opValid(funct7: u32, funct3: u32): bool {
  return funct7 == 0 || funct7 == 1 || (funct7 == 0x20 && (funct3 == 0 || funct3 == 5));
}

/** OP: base (funct7 0), sub/sra (0x20), M extension (1). Division follows the spec's defined results. */
@inline export function op(funct7: u32, funct3: u32, a: u64, b: u64): u64 {
  if (funct7 == 0) {
    switch (funct3) {
      case 0: return a + b;
      case 1: return a << (b & 63);
      case 2: return <i64>a < <i64>b ? 1 : 0;
      case 3: return a < b ? 1 : 0;
      case 4: return a ^ b;
      case 5: return a >> (b & 63);
      case 6: return a | b;
      default: return a & b;
    }
  }
  if (funct7 == 0x20) return funct3 == 0 ? a - b : <u64>(<i64>a >> <i64>(b & 63));
  switch (funct3) {
    case 0: return a * b;
    case 1: return mulh(a, b);
    case 2: return mulhsu(a, b);
    case 3: return mulhu(a, b);
    case 4: // div: by zero -> all ones; MIN / -1 -> MIN (wasm would trap on both)
      if (b == 0) return 0xffffffffffffffff;
      if (a == 0x8000000000000000 && b == 0xffffffffffffffff) return a;
      return <u64>(<i64>a / <i64>b);
    case 5: return b == 0 ? 0xffffffffffffffff : a / b;
    case 6:
      if (b == 0) return a;
      if (a == 0x8000000000000000 && b == 0xffffffffffffffff) return 0;
      return <u64>(<i64>a % <i64>b);
    default: return b == 0 ? a : a % b;
  }
}

@inline export function opImm32Valid(insn: u32, funct3: u32): bool {
  if (funct3 == 0) return true;
  if (funct3 == 1) return (insn >> 25) == 0;
  if (funct3 == 5) return (insn >> 25) == 0 || (insn >> 25) == 0x20;
  return false;
}

@inline export function opImm32(insn: u32, funct3: u32, a: u64): u64 {
  const imm = immI(insn);
  if (funct3 == 0) return sext32(a + imm);
  if (funct3 == 1) return sext32(a << (imm & 31));
  if ((insn >> 25) == 0) return sext32(<u64>(<u32>a >> <u32>(imm & 31)));
  return <u64><i64>(<i32>a >> <i32>(imm & 31));
}

@inline export function op32Valid(funct7: u32, funct3: u32): bool {
  if (funct7 == 0) return funct3 == 0 || funct3 == 1 || funct3 == 5;
  if (funct7 == 0x20) return funct3 == 0 || funct3 == 5;
  if (funct7 == 1) return funct3 == 0 || funct3 >= 4;
  return false;
}

@inline export function op32(funct7: u32, funct3: u32, a: u64, b: u64): u64 {
  if (funct7 == 0) {
    if (funct3 == 0) return sext32(a + b);
    if (funct3 == 1) return sext32(a << (b & 31));
    return sext32(<u64>(<u32>a >> <u32>(b & 31)));
  }
  if (funct7 == 0x20) return funct3 == 0 ? sext32(a - b) : <u64><i64>(<i32>a >> <i32>(b & 31));
  const x = <i32>a;
  const y = <i32>b;
  switch (funct3) {
    case 0: return <u64><i64>(x * y);
    case 4:
      if (y == 0) return 0xffffffffffffffff;
      if (x == i32.MIN_VALUE && y == -1) return <u64><i64>x;
      return <u64><i64>(x / y);
    case 5: return y == 0 ? 0xffffffffffffffff : <u64><i64><i32>(<u32>x / <u32>y);
    case 6:
      if (y == 0) return <u64><i64>x;
      if (x == i32.MIN_VALUE && y == -1) return 0;
      return <u64><i64>(x % y);
    default: return y == 0 ? <u64><i64>x : <u64><i64><i32>(<u32>x % <u32>y);
  }
}

@inline export function branchValid(funct3: u32): bool {
  return funct3 != 2 && funct3 != 3;
}

@inline export function branchTaken(funct3: u32, a: u64, b: u64): bool {
  switch (funct3) {
    case 0: return a == b;
    case 1: return a != b;
    case 4: return <i64>a < <i64>b;
    case 5: return <i64>a >= <i64>b;
    case 6: return a < b;
    default: return a >= b;
  }
}
