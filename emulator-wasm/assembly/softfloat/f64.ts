// Exported binary64 operations over raw bit patterns (u64). Thin wrappers that instantiate the
// format-generic cores with T = u64; see arith.ts, fma.ts, compare.ts.

import { addG, divG, mulG, sqrtG } from "./arith";
import { classifyG, eqG, leG, ltG, minMaxG } from "./compare";
import { fmaG } from "./fma";
import { SIGN } from "./common";

export function f64_add(a: u64, b: u64, rm: u32): u64 {
  return <u64>addG<u64>(a, b, rm);
}
// a - b = a + (-b); flipping the sign of a NaN is harmless (results are canonical).
export function f64_sub(a: u64, b: u64, rm: u32): u64 {
  return <u64>addG<u64>(a, b ^ <u64>SIGN<u64>(), rm);
}
export function f64_mul(a: u64, b: u64, rm: u32): u64 {
  return <u64>mulG<u64>(a, b, rm);
}
export function f64_div(a: u64, b: u64, rm: u32): u64 {
  return <u64>divG<u64>(a, b, rm);
}
export function f64_sqrt(a: u64, rm: u32): u64 {
  return <u64>sqrtG<u64>(a, rm);
}
/** fmadd (false,false), fmsub (false,true), fnmsub (true,false), fnmadd (true,true). */
export function f64_muladd(a: u64, b: u64, c: u64, rm: u32, negProduct: bool, negAddend: bool): u64 {
  return <u64>fmaG<u64>(a, b, c, rm, negProduct, negAddend);
}
export function f64_eq(a: u64, b: u64): bool {
  return eqG<u64>(a, b);
}
export function f64_lt(a: u64, b: u64): bool {
  return ltG<u64>(a, b);
}
export function f64_le(a: u64, b: u64): bool {
  return leG<u64>(a, b);
}
export function f64_min(a: u64, b: u64): u64 {
  return <u64>minMaxG<u64>(a, b, false);
}
export function f64_max(a: u64, b: u64): u64 {
  return <u64>minMaxG<u64>(a, b, true);
}
export function f64_classify(a: u64): u32 {
  return classifyG<u64>(a);
}
