// High halves of 64×64 products from 32-bit parts (browser-emulation.md §3.7: wasm has no 128-bit multiply).
@inline export function mulhu(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff;
  const aHi = a >> 32;
  const bLo = b & 0xffffffff;
  const bHi = b >> 32;
  const ll = aLo * bLo;
  const hl = aHi * bLo;
  const lh = aLo * bHi;
  const hh = aHi * bHi;
  const mid = (ll >> 32) + (hl & 0xffffffff) + lh; // cannot overflow
  return hh + (hl >> 32) + (mid >> 32);
}

@inline export function mulh(a: u64, b: u64): u64 {
  let r = mulhu(a, b);
  if (<i64>a < 0) r -= b;
  if (<i64>b < 0) r -= a;
  return r;
}

@inline export function mulhsu(a: u64, b: u64): u64 {
  let r = mulhu(a, b);
  if (<i64>a < 0) r -= b;
  return r;
}
