// Exported conversions (spec §17). 32-bit integer results are returned as i32/u32; the CPU core
// sign-extends them to 64 bits (also for WU).

import { convertG, fromIntG, toIntG } from "./convert";

export function f32_to_f64(a: u32): u64 {
  return convertG<u32, u64>(a, 0); // exact, the mode is irrelevant
}
export function f64_to_f32(a: u64, rm: u32): u32 {
  return <u32>convertG<u64, u32>(a, rm);
}

export function f32_to_i32(a: u32, rm: u32): i32 {
  return <i32>toIntG<u32>(a, rm, 32, true);
}
export function f32_to_u32(a: u32, rm: u32): u32 {
  return <u32>toIntG<u32>(a, rm, 32, false);
}
export function f32_to_i64(a: u32, rm: u32): i64 {
  return <i64>toIntG<u32>(a, rm, 64, true);
}
export function f32_to_u64(a: u32, rm: u32): u64 {
  return toIntG<u32>(a, rm, 64, false);
}
export function f64_to_i32(a: u64, rm: u32): i32 {
  return <i32>toIntG<u64>(a, rm, 32, true);
}
export function f64_to_u32(a: u64, rm: u32): u32 {
  return <u32>toIntG<u64>(a, rm, 32, false);
}
export function f64_to_i64(a: u64, rm: u32): i64 {
  return <i64>toIntG<u64>(a, rm, 64, true);
}
export function f64_to_u64(a: u64, rm: u32): u64 {
  return toIntG<u64>(a, rm, 64, false);
}

// Magnitude of a negative i64 via 0 - v as u64 is exact even for i64.MIN (2^63).
export function i32_to_f32(v: i32, rm: u32): u32 {
  return <u32>fromIntG<u32>(<u32>(v < 0), v < 0 ? 0 - <u64><i64>v : <u64>v, rm);
}
export function u32_to_f32(v: u32, rm: u32): u32 {
  return <u32>fromIntG<u32>(0, <u64>v, rm);
}
export function i64_to_f32(v: i64, rm: u32): u32 {
  return <u32>fromIntG<u32>(<u32>(v < 0), v < 0 ? 0 - <u64>v : <u64>v, rm);
}
export function u64_to_f32(v: u64, rm: u32): u32 {
  return <u32>fromIntG<u32>(0, v, rm);
}
export function i32_to_f64(v: i32, rm: u32): u64 {
  return fromIntG<u64>(<u32>(v < 0), v < 0 ? 0 - <u64><i64>v : <u64>v, rm);
}
export function u32_to_f64(v: u32, rm: u32): u64 {
  return fromIntG<u64>(0, <u64>v, rm);
}
export function i64_to_f64(v: i64, rm: u32): u64 {
  return fromIntG<u64>(<u32>(v < 0), v < 0 ? 0 - <u64>v : <u64>v, rm);
}
export function u64_to_f64(v: u64, rm: u32): u64 {
  return fromIntG<u64>(0, v, rm);
}
