// Exported binary32 operations over raw bit patterns (u32). Thin wrappers that instantiate the
// format-generic cores with T = u32; see arith.ts, fma.ts, compare.ts.

import { addG, divG, mulG, sqrtG } from "./arith";
import { classifyG, eqG, leG, ltG, minMaxG } from "./compare";
import { fmaG } from "./fma";
import { SIGN } from "./common";

export function f32_add(a: u32, b: u32, rm: u32): u32 {
  return <u32>addG<u32>(a, b, rm);
}
// a - b = a + (-b); flipping the sign of a NaN is harmless (results are canonical).
export function f32_sub(a: u32, b: u32, rm: u32): u32 {
  return <u32>addG<u32>(a, b ^ <u32>SIGN<u32>(), rm);
}
export function f32_mul(a: u32, b: u32, rm: u32): u32 {
  return <u32>mulG<u32>(a, b, rm);
}
export function f32_div(a: u32, b: u32, rm: u32): u32 {
  return <u32>divG<u32>(a, b, rm);
}
export function f32_sqrt(a: u32, rm: u32): u32 {
  return <u32>sqrtG<u32>(a, rm);
}
/** fmadd (false,false), fmsub (false,true), fnmsub (true,false), fnmadd (true,true). */
export function f32_muladd(a: u32, b: u32, c: u32, rm: u32, negProduct: bool, negAddend: bool): u32 {
  return <u32>fmaG<u32>(a, b, c, rm, negProduct, negAddend);
}
export function f32_eq(a: u32, b: u32): bool {
  return eqG<u32>(a, b);
}
export function f32_lt(a: u32, b: u32): bool {
  return ltG<u32>(a, b);
}
export function f32_le(a: u32, b: u32): bool {
  return leG<u32>(a, b);
}
export function f32_min(a: u32, b: u32): u32 {
  return <u32>minMaxG<u32>(a, b, false);
}
export function f32_max(a: u32, b: u32): u32 {
  return <u32>minMaxG<u32>(a, b, true);
}
export function f32_classify(a: u32): u32 {
  return classifyG<u32>(a);
}
