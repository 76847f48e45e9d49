import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import {
  DEFAULT_LISTING_SOURCE,
  LISTING_SOURCES_STORAGE_KEY,
  checkSourceText,
  createListingSourcesStore,
} from './listing-sources';

function memoryStorage(initial: Record<string, string> = {}): StateStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (name) => data[name] ?? null,
    setItem: (name, value) => {
      data[name] = value;
    },
    removeItem: (name) => {
      delete data[name];
    },
  };
}

describe('listing sources store', () => {
  it('starts with the embedded default listing', () => {
    const store = createListingSourcesStore(() => memoryStorage());
    expect(store.getState().sources).toEqual([DEFAULT_LISTING_SOURCE]);
  });

  it('adds a trimmed GitHub repository URL after the default listing', () => {
    const store = createListingSourcesStore(() => memoryStorage());
    const result = store.getState().addSource('  https://github.com/createdreamtech/carti-default  ');
    expect(result).toEqual({ ok: true, source: 'https://github.com/createdreamtech/carti-default' });
    expect(store.getState().sources).toEqual([DEFAULT_LISTING_SOURCE, 'https://github.com/createdreamtech/carti-default']);
  });

  it('refuses a source that is already listed', () => {
    const store = createListingSourcesStore(() => memoryStorage());
    store.getState().addSource('https://example.org/bundles.json');
    const again = store.getState().addSource('https://example.org/bundles.json');
    expect(again.ok).toBe(false);
    expect(store.getState().sources).toHaveLength(2);
  });

  it('removes a source but never the embedded default listing', () => {
    const store = createListingSourcesStore(() => memoryStorage());
    store.getState().addSource('https://example.org/bundles.json');
    store.getState().removeSource('https://example.org/bundles.json');
    store.getState().removeSource(DEFAULT_LISTING_SOURCE);
    expect(store.getState().sources).toEqual([DEFAULT_LISTING_SOURCE]);
  });

  it('keeps the sources across a reload (a new store over the same storage)', async () => {
    const storage = memoryStorage();
    const first = createListingSourcesStore(() => storage);
    first.getState().addSource('https://example.org/a/bundles.json');
    first.getState().addSource('https://github.com/owner/repo/tree/feat/complete');

    const second = createListingSourcesStore(() => storage);
    await second.persist?.rehydrate();
    expect(second.getState().sources).toEqual([
      DEFAULT_LISTING_SOURCE,
      'https://example.org/a/bundles.json',
      'https://github.com/owner/repo/tree/feat/complete',
    ]);
  });

  it('ignores corrupt stored data and keeps the default listing first', async () => {
    const storage = memoryStorage({
      [LISTING_SOURCES_STORAGE_KEY]: JSON.stringify({ state: { sources: [42, 'https://x.org/b.json', 'https://x.org/b.json'] }, version: 1 }),
    });
    const store = createListingSourcesStore(() => storage);
    await store.persist?.rehydrate();
    expect(store.getState().sources).toEqual([DEFAULT_LISTING_SOURCE, 'https://x.org/b.json']);
  });
});

describe('checkSourceText', () => {
  it('rejects empty input', () => {
    expect(checkSourceText('   ', [])).toEqual({ ok: false, reason: 'Enter a listing URL.' });
  });

  it('rejects text that is not a URL and names it', () => {
    const result = checkSourceText('carti-default', []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('"carti-default" is not a URL');
  });

  it('rejects schemes other than http and https', () => {
    const result = checkSourceText('file:///etc/passwd', []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('file:');
  });
});
