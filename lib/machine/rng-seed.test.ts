import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rngSeed, RNG_SEED_LENGTH, RNG_SEED_SHA256 } from './rng-seed';
import { dtsCellProperty, readFixtureText } from './test-support.node';

describe('rngSeed', () => {
  it('is the 4096-byte table whose SHA-256 the spec gives', () => {
    const seed = rngSeed();
    expect(seed.length).toBe(RNG_SEED_LENGTH);
    expect(createHash('sha256').update(seed).digest('hex')).toBe(
      '9c45087f2a0d53c0a796695d4934a604d67031a3c7876d93d2dd18eda6b9fee1',
    );
    expect(RNG_SEED_SHA256).toBe('9c45087f2a0d53c0a796695d4934a604d67031a3c7876d93d2dd18eda6b9fee1');
  });

  it('equals the rng-seed cells of the reference tree', () => {
    expect(rngSeed()).toEqual(dtsCellProperty(readFixtureText('reference-v0.21.dts'), 'rng-seed'));
  });

  it('returns a fresh copy each time', () => {
    const first = rngSeed();
    first[0] ^= 0xff;
    expect(rngSeed()[0]).not.toBe(first[0]);
  });
});
