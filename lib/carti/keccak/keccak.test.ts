import { describe, expect, it } from 'vitest';
import { createKeccak } from 'hash-wasm';
import { createKeccak256, keccak256 } from './keccak';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Deterministic pseudo-random bytes (xorshift32), so a failing length can be reproduced. */
function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

async function hashWasmKeccak256(bytes: Uint8Array): Promise<string> {
  return (await createKeccak(256)).init().update(bytes).digest('hex');
}

describe('keccak-256 (original Keccak padding)', () => {
  it('hashes the empty input to the Keccak-256 test vector', () => {
    expect(hex(keccak256(new Uint8Array()))).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  });

  it('hashes "abc" to the Keccak-256 test vector', () => {
    expect(hex(keccak256(utf8('abc')))).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  });

  it('gives the inner digest of the carti reference vector "hello" (§2.4)', () => {
    expect(hex(keccak256(utf8('hello')))).toBe('1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8');
  });

  it('gives the outer digest of the carti id of "hello" (§2.4)', () => {
    expect(hex(keccak256(keccak256(utf8('hello'))))).toBe('5d301403171467692c18ed2549c8e41e0c3f7451d43554323cf5cd1bed64b2bb');
  });

  for (const length of [0, 1, 135, 136, 137, 271, 272, 100_000]) {
    it(`agrees with hash-wasm's keccak-256 for ${length} random bytes`, async () => {
      const bytes = randomBytes(length, length + 17);
      expect(hex(keccak256(bytes))).toBe(await hashWasmKeccak256(bytes));
    });
  }

  it('agrees with hash-wasm across the 64 KiB input area for 300000 random bytes', async () => {
    const bytes = randomBytes(300_000, 7);
    expect(hex(keccak256(bytes))).toBe(await hashWasmKeccak256(bytes));
  });

  it('gives the same digest for chunked updates as for one update', () => {
    const bytes = randomBytes(200_000, 99);
    const cuts = [0, 1, 136, 137, 272, 1000, 65_536, 65_537, 131_200, 200_000];
    const hasher = createKeccak256();
    for (let i = 1; i < cuts.length; i += 1) hasher.update(bytes.subarray(cuts[i - 1], cuts[i]));
    expect(hex(hasher.digest())).toBe(hex(keccak256(bytes)));
  });

  it('gives the same digest when fed one byte at a time', () => {
    const bytes = randomBytes(700, 3);
    const hasher = createKeccak256();
    for (const byte of bytes) hasher.update(Uint8Array.of(byte));
    expect(hex(hasher.digest())).toBe(hex(keccak256(bytes)));
  });

  it('starts over after digest', () => {
    const hasher = createKeccak256();
    hasher.update(utf8('something else')).digest();
    expect(hex(hasher.update(utf8('abc')).digest())).toBe(hex(keccak256(utf8('abc'))));
  });

  it('keeps two hashers independent', () => {
    const first = createKeccak256();
    const second = createKeccak256();
    first.update(utf8('ab'));
    second.update(utf8('hello'));
    first.update(utf8('c'));
    expect(hex(first.digest())).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
    expect(hex(second.digest())).toBe('1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8');
  });
});
