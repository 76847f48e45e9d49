import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs build script without type declarations.
import { buildKeccakModuleText, KECCAK_GENERATED } from '../../../scripts/build-keccak.mjs';
import { KECCAK_WASM_BASE64, KECCAK_WASM_BYTES } from './keccak-wasm.generated';

describe('embedded keccak wasm', () => {
  it('matches a fresh build of keccak-f1600.as.ts (run node scripts/build-keccak.mjs if stale)', () => {
    expect(readFileSync(KECCAK_GENERATED as string, 'utf8')).toBe((buildKeccakModuleText as () => string)());
  });

  it('stays under 4 KiB so browsers compile it synchronously on the main thread', () => {
    expect(Buffer.from(KECCAK_WASM_BASE64, 'base64').length).toBe(KECCAK_WASM_BYTES);
    expect(KECCAK_WASM_BYTES).toBeLessThan(4096);
  });
});
