// @ts-nocheck: AssemblyScript source (i64/u64, load/store, rotl), compiled by scripts/build-keccak.mjs into
// keccak-wasm.generated.ts; tsc sees it only through the repo-wide `**/*.ts` include.
/**
 * Keccak-256 (carti-formats.md §2: the ORIGINAL Keccak padding 0x01, not SHA3's 0x06) over Keccak-f[1600]
 * (FIPS 202 §3.2 step mappings θ ρ π χ ι, 24 rounds). Allocation-free: the state lives in linear memory
 * between calls and in 25 i64 locals while blocks are absorbed, so the rounds touch no linear memory and
 * the engine keeps as many lanes in registers as the CPU has (the rest in its own stack slots).
 *
 * Host protocol: init(); repeat { copy ≤ INPUT_BYTES bytes to inputPtr(); update(inputPtr(), length) };
 * final(outPtr) writes the 32-byte digest (outPtr may be inputPtr()).
 */

/** Rate of Keccak-256: 1600 − 2·256 bits = 1088 bits = 136 bytes = 17 lanes. */
const RATE_BYTES: u32 = 136;
/** The host's input area: memory page 1 (the module starts with 2 pages, see ASC flags). */
const INPUT_AREA: usize = 65536;
const INPUT_BYTES: u32 = 65536;

const STATE: usize = memory.data(200, 8);
/** Bytes received but not yet absorbed (fewer than one block). */
const PENDING: usize = memory.data(RATE_BYTES, 8);
let pendingBytes: u32 = 0;

/**
 * Lane complementing (Bertoni et al., "Keccak implementation overview", the lane complementing transform,
 * measured a few percent faster here than plain χ under V8, which emits no ANDN): the lanes (x, y) = (1, 0),
 * (2, 0), (3, 1), (2, 2), (2, 3), (0, 4) are kept inverted. θ, ρ, π and ι are linear so they carry the
 * inversion through, and χ's `b ^ (~b1 & b2)` can then be written with AND/OR on the stored values and a
 * single NOT per row (5 per round instead of 25), landing on the same pattern again. Lane index x + 5y.
 */
const COMPLEMENTED_LANES: usize = memory.data<u8>([1, 2, 8, 12, 17, 20]);

/** ι round constants RC[0..23] (FIPS 202 §3.2.5). */
const ROUND_CONSTANTS: usize = memory.data<u64>([
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
  0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
  0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
  0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
  0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]);

export function inputPtr(): usize {
  return INPUT_AREA;
}

export function inputBytes(): u32 {
  return INPUT_BYTES;
}

/** The all-zero state, stored with the lanes of COMPLEMENTED_LANES inverted. */
export function init(): void {
  memory.fill(STATE, 0, 200);
  for (let i: usize = 0; i < 6; i++) store<u64>(STATE + (<usize>load<u8>(COMPLEMENTED_LANES + i) << 3), ~(<u64>0));
  pendingBytes = 0;
}

/**
 * XOR `blocks` consecutive 136-byte blocks at `ptr` into the state (little-endian lanes, FIPS 202 §B.1),
 * applying Keccak-f[1600] after each. Lane (x, y) is local `axy`, stored at byte 8·(x + 5y).
 */
function absorbBlocks(ptr: usize, blocks: u32): void {
  let a00 = load<u64>(STATE, 0);
  let a10 = load<u64>(STATE, 8);
  let a20 = load<u64>(STATE, 16);
  let a30 = load<u64>(STATE, 24);
  let a40 = load<u64>(STATE, 32);
  let a01 = load<u64>(STATE, 40);
  let a11 = load<u64>(STATE, 48);
  let a21 = load<u64>(STATE, 56);
  let a31 = load<u64>(STATE, 64);
  let a41 = load<u64>(STATE, 72);
  let a02 = load<u64>(STATE, 80);
  let a12 = load<u64>(STATE, 88);
  let a22 = load<u64>(STATE, 96);
  let a32 = load<u64>(STATE, 104);
  let a42 = load<u64>(STATE, 112);
  let a03 = load<u64>(STATE, 120);
  let a13 = load<u64>(STATE, 128);
  let a23 = load<u64>(STATE, 136);
  let a33 = load<u64>(STATE, 144);
  let a43 = load<u64>(STATE, 152);
  let a04 = load<u64>(STATE, 160);
  let a14 = load<u64>(STATE, 168);
  let a24 = load<u64>(STATE, 176);
  let a34 = load<u64>(STATE, 184);
  let a44 = load<u64>(STATE, 192);
  for (let block = ptr, end = ptr + <usize>blocks * RATE_BYTES; block < end; block += RATE_BYTES) {
    a00 ^= load<u64>(block, 0);
    a10 ^= load<u64>(block, 8);
    a20 ^= load<u64>(block, 16);
    a30 ^= load<u64>(block, 24);
    a40 ^= load<u64>(block, 32);
    a01 ^= load<u64>(block, 40);
    a11 ^= load<u64>(block, 48);
    a21 ^= load<u64>(block, 56);
    a31 ^= load<u64>(block, 64);
    a41 ^= load<u64>(block, 72);
    a02 ^= load<u64>(block, 80);
    a12 ^= load<u64>(block, 88);
    a22 ^= load<u64>(block, 96);
    a32 ^= load<u64>(block, 104);
    a42 ^= load<u64>(block, 112);
    a03 ^= load<u64>(block, 120);
    a13 ^= load<u64>(block, 128);
    for (let round: usize = 0; round < 24; round++) {
      // θ: column parities, then each lane takes the parity of its two neighbour columns.
      const c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
      const c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
      const c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
      const c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
      const c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
      const d0 = c4 ^ rotl<u64>(c1, 1);
      const d1 = c0 ^ rotl<u64>(c2, 1);
      const d2 = c1 ^ rotl<u64>(c3, 1);
      const d3 = c2 ^ rotl<u64>(c4, 1);
      const d4 = c3 ^ rotl<u64>(c0, 1);
      // ρ and π: rotate each lane by its offset and move it from (x, y) to (y, 2x + 3y).
      const b00 = a00 ^ d0;
      const b13 = rotl<u64>(a01 ^ d0, 36);
      const b21 = rotl<u64>(a02 ^ d0, 3);
      const b34 = rotl<u64>(a03 ^ d0, 41);
      const b42 = rotl<u64>(a04 ^ d0, 18);
      const b02 = rotl<u64>(a10 ^ d1, 1);
      const b10 = rotl<u64>(a11 ^ d1, 44);
      const b23 = rotl<u64>(a12 ^ d1, 10);
      const b31 = rotl<u64>(a13 ^ d1, 45);
      const b44 = rotl<u64>(a14 ^ d1, 2);
      const b04 = rotl<u64>(a20 ^ d2, 62);
      const b12 = rotl<u64>(a21 ^ d2, 6);
      const b20 = rotl<u64>(a22 ^ d2, 43);
      const b33 = rotl<u64>(a23 ^ d2, 15);
      const b41 = rotl<u64>(a24 ^ d2, 61);
      const b01 = rotl<u64>(a30 ^ d3, 28);
      const b14 = rotl<u64>(a31 ^ d3, 55);
      const b22 = rotl<u64>(a32 ^ d3, 25);
      const b30 = rotl<u64>(a33 ^ d3, 21);
      const b43 = rotl<u64>(a34 ^ d3, 56);
      const b03 = rotl<u64>(a40 ^ d4, 27);
      const b11 = rotl<u64>(a41 ^ d4, 20);
      const b24 = rotl<u64>(a42 ^ d4, 39);
      const b32 = rotl<u64>(a43 ^ d4, 8);
      const b40 = rotl<u64>(a44 ^ d4, 14);
      // χ on complemented lanes. After θρπ the inverted b's of each row are known, and per output lane
      // ~b1 & b2 is s1 & s2 (b1 inverted, b2 not), ~(s1 | s2) (b2 inverted, b1 not: its NOT merges into
      // the output's inversion), or needs the row's one explicit NOT. Each output lands inverted exactly
      // when COMPLEMENTED_LANES says so (checked against plain Keccak by keccak.test.ts). ι: lane (0, 0).
      const not20 = ~b20;
      a00 = b00 ^ (b10 | b20) ^ load<u64>(ROUND_CONSTANTS + (round << 3));
      a10 = b10 ^ (not20 | b30);
      a20 = b20 ^ (b30 & b40);
      a30 = b30 ^ (b40 | b00);
      a40 = b40 ^ (b00 & b10);
      const not41 = ~b41;
      a01 = b01 ^ (b11 | b21);
      a11 = b11 ^ (b21 & b31);
      a21 = b21 ^ (b31 | not41);
      a31 = b31 ^ (b41 | b01);
      a41 = b41 ^ (b01 & b11);
      const not32 = ~b32;
      a02 = b02 ^ (b12 | b22);
      a12 = b12 ^ (b22 & b32);
      a22 = b22 ^ (not32 & b42);
      a32 = not32 ^ (b42 | b02);
      a42 = b42 ^ (b02 & b12);
      const not33 = ~b33;
      a03 = b03 ^ (b13 & b23);
      a13 = b13 ^ (b23 | b33);
      a23 = b23 ^ (not33 | b43);
      a33 = not33 ^ (b43 & b03);
      a43 = b43 ^ (b03 | b13);
      const not14 = ~b14;
      a04 = b04 ^ (not14 & b24);
      a14 = not14 ^ (b24 | b34);
      a24 = b24 ^ (b34 & b44);
      a34 = b34 ^ (b44 | b04);
      a44 = b44 ^ (b04 & b14);
    }
  }
  store<u64>(STATE, a00, 0);
  store<u64>(STATE, a10, 8);
  store<u64>(STATE, a20, 16);
  store<u64>(STATE, a30, 24);
  store<u64>(STATE, a40, 32);
  store<u64>(STATE, a01, 40);
  store<u64>(STATE, a11, 48);
  store<u64>(STATE, a21, 56);
  store<u64>(STATE, a31, 64);
  store<u64>(STATE, a41, 72);
  store<u64>(STATE, a02, 80);
  store<u64>(STATE, a12, 88);
  store<u64>(STATE, a22, 96);
  store<u64>(STATE, a32, 104);
  store<u64>(STATE, a42, 112);
  store<u64>(STATE, a03, 120);
  store<u64>(STATE, a13, 128);
  store<u64>(STATE, a23, 136);
  store<u64>(STATE, a33, 144);
  store<u64>(STATE, a43, 152);
  store<u64>(STATE, a04, 160);
  store<u64>(STATE, a14, 168);
  store<u64>(STATE, a24, 176);
  store<u64>(STATE, a34, 184);
  store<u64>(STATE, a44, 192);
}

/** Absorb `length` bytes at `ptr`; whole blocks go straight from the input, the tail waits in PENDING. */
export function update(ptr: usize, length: u32): void {
  if (pendingBytes > 0) {
    const take = min(RATE_BYTES - pendingBytes, length);
    memory.copy(PENDING + pendingBytes, ptr, take);
    pendingBytes += take;
    ptr += take;
    length -= take;
    if (pendingBytes < RATE_BYTES) return;
    absorbBlocks(PENDING, 1);
    pendingBytes = 0;
  }
  const blocks = length / RATE_BYTES;
  if (blocks > 0) absorbBlocks(ptr, blocks);
  const tail = length - blocks * RATE_BYTES;
  memory.copy(PENDING, ptr + <usize>blocks * RATE_BYTES, tail);
  pendingBytes = tail;
}

/** Pad (Keccak pad10*1 with domain byte 0x01, §2), absorb the last block and write the digest to `outPtr`. */
export function final(outPtr: usize): void {
  memory.fill(PENDING + pendingBytes, 0, RATE_BYTES - pendingBytes);
  store<u8>(PENDING + pendingBytes, 0x01);
  store<u8>(PENDING + RATE_BYTES - 1, load<u8>(PENDING + RATE_BYTES - 1) | 0x80);
  absorbBlocks(PENDING, 1);
  // The digest is lanes 0–3; lanes 1 and 2 are stored complemented.
  store<u64>(outPtr, load<u64>(STATE));
  store<u64>(outPtr, ~load<u64>(STATE, 8), 8);
  store<u64>(outPtr, ~load<u64>(STATE, 16), 16);
  store<u64>(outPtr, load<u64>(STATE, 24), 24);
  pendingBytes = 0;
}
