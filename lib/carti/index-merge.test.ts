import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CartiError } from './errors';
import { chooseBundle, compareVersions, findBundles, mergeListings } from './index-merge';
import { parseListing } from './listing';
import { readLocalListing } from './listing-source.node.js';
import { idsOf } from './test-ids';
import type { Bundle } from './types';

let a: string;
let b: string;
beforeAll(async () => { [a, b] = await idsOf('a', 'b'); });
const bundle = (id: string, name = 'x', version = '1.0.0', uri?: string): Bundle =>
  ({ bundleType: 'flashdrive', name, fileName: 'f.ext2', id, version, ...(uri ? { uri } : {}) });

describe('merged index', () => {
  it('merges the same id from two listings into one bundle with two origins', () => {
    const index = mergeListings([
      { source: 'one', url: 'https://one/bundles.json', result: { value: { bundles: [bundle(a, 'x', '1', 'f.ext2')] }, errors: [], warnings: [] } },
      { source: 'two', url: 'https://two/l/bundles.json', result: { value: { bundles: [bundle(a, 'x', '1', 'g.ext2'), bundle(b)] }, errors: [], warnings: [] } },
    ]);
    expect(index.bundles).toHaveLength(2);
    expect(index.bundles[0]?.origins).toEqual(['one', 'two']);
    expect(index.bundles[0]?.resolvedUris).toEqual({ one: 'https://one/f.ext2', two: 'https://two/l/g.ext2' });
  });

  it('finds a bundle by the name any of its listings gives it', () => {
    const index = mergeListings([
      { source: 'one', url: 'https://one/', result: parseListing({ bundles: [bundle(a, 'first-name')] }) },
      { source: 'two', url: 'https://two/', result: parseListing({ bundles: [bundle(a, 'second-name')] }) },
    ]);
    expect(index.bundles[0]?.records?.two?.name).toBe('second-name');
    expect(findBundles(index.bundles, 'second-name')).toHaveLength(1);
    expect(chooseBundle(index.bundles, 'second-name')?.bundle.id).toBe(a);
  });

  it('gives a failed source its own error row and keeps the others', () => {
    const index = mergeListings([
      { source: 'bad', error: new CartiError('http-status', 'bad', '(response)', '404') },
      { source: 'good', url: 'https://g/', result: parseListing({ bundles: [bundle(a)] }) },
    ]);
    expect(index.sources.map((s) => [s.source, s.ok])).toEqual([['bad', false], ['good', true]]);
    expect(index.bundles).toHaveLength(1);
  });

  it('warns when two listings disagree about one id', () => {
    const index = mergeListings([
      { source: 'one', url: 'https://one/', result: parseListing({ bundles: [bundle(a, 'x')] }) },
      { source: 'two', url: 'https://two/', result: parseListing({ bundles: [bundle(a, 'y')] }) },
    ]);
    expect(index.warnings[0]?.code).toBe('duplicate-id');
  });

  it('reads a local directory listing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carti-listing-'));
    await writeFile(join(dir, 'bundles.json'), JSON.stringify({ bundles: [bundle(a)] }));
    const loaded = await readLocalListing(dir);
    expect('result' in loaded && loaded.result.value.bundles.length).toBe(1);
  });

  it('reports a missing local listing as an error row', async () => {
    const loaded = await readLocalListing('/nonexistent/carti');
    expect('error' in loaded && loaded.error.code).toBe('io');
  });
});

describe('choosing among same-named bundles (§12.13)', () => {
  it('prefers an exact name and version', () => {
    const entries = [{ bundle: bundle(a, 'k', '2.0.0') }, { bundle: bundle(b, 'k', '1.0.0') }];
    expect(chooseBundle(entries, 'k', '1.0.0')?.bundle.id).toBe(b);
  });

  it('otherwise takes the highest version', () => {
    const entries = [{ bundle: bundle(a, 'k', 'v0.10.0') }, { bundle: bundle(b, 'k', 'v0.9.0') }];
    expect(chooseBundle(entries, 'k')?.bundle.id).toBe(a);
  });

  it('finds by id', () => {
    expect(chooseBundle([{ bundle: bundle(a, 'k') }], a)?.bundle.name).toBe('k');
  });

  it('compares versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('v1.0', '1.0.0')).toBe(0);
  });
});
