import { describe, expect, it } from 'vitest';
import { HELLO_ID } from '@/lib/carti/id';
import type { Bundle } from '@/lib/carti/types';
import { mergeLoadedSources } from '@/lib/queries/merge';
import type { BrowserStoredBundle } from '@/lib/store/types';
import { storedAsSource, storedSignature, THIS_BROWSER_ORIGIN } from './stored-as-source';

const bundle: Bundle = { bundleType: 'flashdrive', name: 'greeting', fileName: 'hello.txt', id: HELLO_ID, version: '1.0.0' };
const stored: BrowserStoredBundle = { bundle, sizeBytes: 5, storedAt: 1, lastUsedAt: 2, origin: 'file' };

describe('stored bundles in the browse index', () => {
  it('a stored bundle also listed by a listing is one bundle with both origins, the listing first', () => {
    const listing = { source: '/default/bundles.json', url: 'http://localhost/default/bundles.json', bundles: [{ ...bundle, uri: 'hello.txt' }], errors: [], warnings: [] };
    const merged = mergeLoadedSources([listing, storedAsSource([stored], 'http://localhost')]);
    expect(merged).toHaveLength(1);
    expect(merged[0].origins).toEqual(['/default/bundles.json', THIS_BROWSER_ORIGIN]);
    expect(merged[0].resolvedUris).toEqual({ '/default/bundles.json': 'http://localhost/default/hello.txt' });
  });

  it('a bundle only in the store has the single origin "This browser"', () => {
    const merged = mergeLoadedSources([storedAsSource([stored], 'http://localhost')]);
    expect(merged.map((entry) => entry.origins)).toEqual([[THIS_BROWSER_ORIGIN]]);
  });

  it('the re-merge signature changes when a stored record is renamed', () => {
    const renamed = { ...stored, bundle: { ...bundle, name: 'renamed' } };
    expect(storedSignature([stored])).not.toBe(storedSignature([renamed]));
    expect(storedSignature(undefined)).toBe('');
  });
});
