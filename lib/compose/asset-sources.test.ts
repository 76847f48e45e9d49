import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexedBundle } from '../carti/types';
import { emptyDraft } from './draft';
import { setRamBundle, setRootBundle } from './drive-edits';
import { locateAssets, reposToFollow, unlistedAssetIds } from './asset-sources';
import { testBundles, type TestBundles } from './test-bundles';

let b: TestBundles;
beforeAll(async () => { b = await testBundles(); });
const machine = () => setRootBundle(setRamBundle(emptyDraft(), b.kernel), b.rootfs, 12n << 20n);

describe('asset sources', () => {
  it('finds each asset URL in the index and leaves unlisted ones without a URL', () => {
    const index: IndexedBundle[] = [{ bundle: b.kernel, origins: ['src'], resolvedUris: { src: 'https://example.org/linux.bin' } }];
    const located = locateAssets(machine(), index);
    expect(located.map((a) => a.url)).toEqual(['https://example.org/linux.bin', undefined]);
    expect(unlistedAssetIds(machine(), index)).toEqual([b.rootfs.id]);
  });
  it('follows only the package repos that are not followed yet', () => {
    const pkg = { ...machine(), repos: ['https://github.com/a/b', ' ', '/default/bundles.json'] };
    expect(reposToFollow(pkg, ['/default/bundles.json'])).toEqual(['https://github.com/a/b']);
  });
});
