// 128-bit integer helpers for binary64 multiply and fused multiply-add.
// Results are returned through globals (w_hi, w_lo) so nothing is allocated.

export let w_hi: u64 = 0;
export let w_lo: u64 = 0;

/** w_hi:w_lo = a * b (full 128-bit unsigned product) built from 32x32->64 partial products. */
export function mul64x64(a: u64, b: u64): void {
  let a0 = a & 0xffffffff;
  let a1 = a >> 32;
  let b0 = b & 0xffffffff;
  let b1 = b >> 32;
  let p00 = a0 * b0;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let p11 = a1 * b1;
  // Middle column: each term < 2^32, so the sum cannot overflow 64 bits.
  let mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  w_lo = (mid << 32) | (p00 & 0xffffffff);
  w_hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/**
 * w_hi:w_lo = (hi:lo) >> d with every shifted-out one bit ORed into bit 0 (sticky), d >= 0.
 * Wasm shifts take the count mod 64, so counts of 64 and more are handled separately.
 */
export function shiftRightJam128(hi: u64, lo: u64, d: i32): void {
  if (d == 0) {
    w_hi = hi;
    w_lo = lo;
  } else if (d < 64) {
    let sticky = <u64>((lo << (64 - d)) != 0);
    w_lo = (lo >> d) | (hi << (64 - d)) | sticky;
    w_hi = hi >> d;
  } else if (d == 64) {
    w_lo = hi | <u64>(lo != 0);
    w_hi = 0;
  } else if (d < 128) {
    let sticky = <u64>(lo != 0 || (hi << (128 - d)) != 0);
    w_lo = (hi >> (d - 64)) | sticky;
    w_hi = 0;
  } else {
    w_lo = <u64>((hi | lo) != 0);
    w_hi = 0;
  }
}
