import { describe, expect, it } from 'vitest';
import type { BundleType, IndexedBundle } from '../carti/types';
import { DEFAULT_VIEW, createBundleViewStore, nextSort, selectBundles, type BundleViewOptions } from './bundle-view';

// Ids only need the carti shape for these tests: the view never decodes them.
function entry(name: string, bundleType: BundleType, version: string, idSuffix: string, origins = ['/default/bundles.json']): IndexedBundle {
  const id = `baenrwi${idSuffix.padEnd(52, 'a')}`;
  const bundle = { name, bundleType, version, id, fileName: `${name}.bin` };
  return { bundle, origins, resolvedUris: {}, records: Object.fromEntries(origins.map((origin) => [origin, bundle])) };
}

const kernel = entry('default-linux', 'ram', '6.1.0', 'kkk');
const rootfs = entry('default-rootfs', 'flashdrive', '0.2.0', 'rrr');
const rom = entry('default-rom', 'rom', '0.4.0', 'ooo', ['https://github.com/createdreamtech/carti-default']);
const input = entry('calculator-input', 'flashdrive', '0.0.10', 'iii', ['https://github.com/createdreamtech/carti-default']);
const all = [kernel, rootfs, rom, input];

function view(options: Partial<BundleViewOptions>): BundleViewOptions {
  return { ...DEFAULT_VIEW, ...options };
}

const names = (entries: IndexedBundle[]) => entries.map((e) => e.bundle.name);

describe('selectBundles', () => {
  it('returns every bundle sorted by name when nothing is filtered', () => {
    expect(names(selectBundles(all, DEFAULT_VIEW))).toEqual(['calculator-input', 'default-linux', 'default-rom', 'default-rootfs']);
  });

  it('matches the search text against names, case-insensitively', () => {
    expect(names(selectBundles(all, view({ query: 'ROOT' })))).toEqual(['default-rootfs']);
  });

  it('matches the search text against the bundle type', () => {
    expect(names(selectBundles(all, view({ query: 'flashdrive' })))).toEqual(['calculator-input', 'default-rootfs']);
  });

  it('matches the search text against the version', () => {
    expect(names(selectBundles(all, view({ query: '6.1' })))).toEqual(['default-linux']);
  });

  it('matches an id only by its prefix', () => {
    expect(names(selectBundles(all, view({ query: 'baenrwiooo' })))).toEqual(['default-rom']);
    expect(selectBundles(all, view({ query: 'ooo' }))).toEqual([]);
  });

  it('requires every search term to match', () => {
    expect(names(selectBundles(all, view({ query: 'default flashdrive' })))).toEqual(['default-rootfs']);
  });

  it('filters by bundle type', () => {
    expect(names(selectBundles(all, view({ bundleType: 'rom' })))).toEqual(['default-rom']);
  });

  it('filters by listing origin', () => {
    expect(names(selectBundles(all, view({ origin: 'https://github.com/createdreamtech/carti-default' })))).toEqual([
      'calculator-input',
      'default-rom',
    ]);
  });

  it('sorts versions numerically, descending when asked', () => {
    const sorted = selectBundles(all, view({ sortKey: 'version', sortDirection: 'desc' }));
    expect(sorted.map((e) => e.bundle.version)).toEqual(['6.1.0', '0.4.0', '0.2.0', '0.0.10']);
  });

  it('does not modify its input', () => {
    const copy = [...all];
    selectBundles(all, view({ sortDirection: 'desc' }));
    expect(all).toEqual(copy);
  });

  it('filters 5,000 rows in well under a frame budget of work', () => {
    const many = Array.from({ length: 5000 }, (_, i) => entry(`bundle-${i}`, i % 2 ? 'ram' : 'flashdrive', `1.${i}.0`, `x${i}`));
    const started = performance.now();
    const result = selectBundles(many, view({ query: 'bundle-12', sortKey: 'version' }));
    const elapsedMs = performance.now() - started;
    expect(result.length).toBe(111); // bundle-12, bundle-120..129, bundle-1200..1299
    expect(elapsedMs).toBeLessThan(200);
  });
});

describe('nextSort', () => {
  it('sorts a new column ascending', () => {
    expect(nextSort(view({ sortKey: 'name', sortDirection: 'desc' }), 'version')).toEqual({ sortKey: 'version', sortDirection: 'asc' });
  });

  it('flips the direction of the current column', () => {
    expect(nextSort(view({ sortKey: 'name', sortDirection: 'asc' }), 'name')).toEqual({ sortKey: 'name', sortDirection: 'desc' });
  });
});

describe('bundle view store', () => {
  it('keeps the filters set through its actions and resets them', () => {
    const store = createBundleViewStore();
    store.getState().setQuery('linux');
    store.getState().setBundleType('ram');
    store.getState().sortBy('version');
    expect(store.getState()).toMatchObject({ query: 'linux', bundleType: 'ram', sortKey: 'version', sortDirection: 'asc' });
    store.getState().reset();
    expect(store.getState()).toMatchObject(DEFAULT_VIEW);
  });
});
