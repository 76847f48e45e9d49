import { describe, expect, it } from 'vitest';
import { idOfBytes } from '../carti/id';
import type { Bundle } from '../carti/types';
import { mergeLoadedSources } from './merge';

async function bundle(name: string, uri?: string): Promise<Bundle> {
  return { bundleType: 'flashdrive', name, fileName: `${name}.ext2`, id: await idOfBytes(name), version: '1.0.0', ...(uri ? { uri } : {}) };
}

describe('mergeLoadedSources', () => {
  it('lists a bundle found in two listings once, with both origins and each resolved uri', async () => {
    const shared = await bundle('shared', 'files/shared.ext2');
    const merged = mergeLoadedSources([
      { source: '/default/bundles.json', url: 'http://localhost:3100/default/bundles.json', bundles: [shared], errors: [], warnings: [] },
      { source: 'https://example.org/l/bundles.json', url: 'https://example.org/l/bundles.json', bundles: [shared], errors: [], warnings: [] },
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0].origins).toEqual(['/default/bundles.json', 'https://example.org/l/bundles.json']);
    expect(merged[0].resolvedUris).toEqual({
      '/default/bundles.json': 'http://localhost:3100/default/files/shared.ext2',
      'https://example.org/l/bundles.json': 'https://example.org/l/files/shared.ext2',
    });
  });

  it('keeps bundles of different listings side by side', async () => {
    const merged = mergeLoadedSources([
      { source: 'a', url: 'https://a.example/bundles.json', bundles: [await bundle('one')], errors: [], warnings: [] },
      { source: 'b', url: 'https://b.example/bundles.json', bundles: [await bundle('two')], errors: [], warnings: [] },
    ]);
    expect(merged.map((e) => e.bundle.name)).toEqual(['one', 'two']);
  });
});
