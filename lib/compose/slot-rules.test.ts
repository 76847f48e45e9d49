import { describe, expect, it } from 'vitest';
import { canDrop } from './slot-rules';

describe('canDrop', () => {
  it('accepts a ram bundle as the RAM image', () => {
    expect(canDrop('ram', 'ram', 'v0.21')).toEqual({ ok: true });
  });
  it('refuses a flashdrive bundle as the RAM image and says where it fits', () => {
    const verdict = canDrop('flashdrive', 'ram', 'v0.21');
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/^a flashdrive bundle cannot be the RAM image; drop it on the root drive or a flash drive/);
  });
  it('accepts a raw bundle as a data drive but not as the root drive', () => {
    expect(canDrop('raw', 'drive', 'v0.21').ok).toBe(true);
    expect(canDrop('raw', 'root', 'v0.21').ok).toBe(false);
  });
  it('refuses any ROM on a v0.21 machine', () => {
    const verdict = canDrop('rom', 'rom', 'v0.21');
    expect(!verdict.ok && verdict.reason).toMatch(/v0.21 machines have no ROM/);
  });
  it('accepts a ROM on a legacy machine', () => {
    expect(canDrop('rom', 'rom', 'legacy').ok).toBe(true);
  });
});
