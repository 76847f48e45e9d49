/**
 * The listing sources the user follows (spec carti-formats.md §10.2), persisted in localStorage so they
 * survive reloads. A framework-free zustand store (`zustand/vanilla`): components read it with `useStore`,
 * the CLI keeps its own list on disk. The source string is the origin key of the bundles it lists, so it is
 * stored exactly as the user typed it (trimmed), and each source appears once.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import { isIpfsUri, parseIpfsUri } from '../ipfs/uri';

/** The embedded listing the app serves from public/default/ (built by scripts/build-default-listing.ts). */
export const DEFAULT_LISTING_SOURCE = '/default/bundles.json';

export const LISTING_SOURCES_STORAGE_KEY = 'carti-studio:listing-sources';

export type AddSourceResult = { ok: true; source: string } | { ok: false; reason: string };

export interface ListingSourcesState {
  /** Sources in the order they were added; the embedded default listing is always first. */
  readonly sources: readonly string[];
  addSource(text: string): AddSourceResult;
  removeSource(source: string): void;
}

/**
 * Checks what the user typed before it becomes a source: an http(s) URL (GitHub repository, `/tree/<ref>`,
 * raw `bundles.json`) or an `ipfs://` CID; the exact resolution rules live in lib/carti's resolveListingSource.
 */
export function checkSourceText(text: string, existing: readonly string[]): AddSourceResult {
  const source = text.trim();
  if (source === '') return { ok: false, reason: 'Enter a listing URL.' };
  // `ipfs://<cid>[/path]` of a bundles.json or of a directory holding one (issue 6), read through the gateways.
  if (isIpfsUri(source)) {
    try {
      parseIpfsUri(source, 'listing source');
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    return existing.includes(source) ? { ok: false, reason: `"${source}" is already in your listings.` } : { ok: true, source };
  }
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { ok: false, reason: `"${source}" is not a URL: use https://github.com/<owner>/<repo> or the URL of a bundles.json.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `"${source}" uses ${url.protocol}, but a listing URL must use http or https.` };
  }
  if (existing.includes(source)) return { ok: false, reason: `"${source}" is already in your listings.` };
  return { ok: true, source };
}

type PersistedSources = { sources: readonly string[] };

export type ListingSourcesStore = StoreApi<ListingSourcesState> & {
  persist?: { rehydrate(): Promise<void> | void; hasHydrated(): boolean };
};

/**
 * Creates the store. `getStorage` is called once; without a storage (server rendering) the store works in
 * memory. Hydration is explicit (`persist.rehydrate()` after mount) so the server HTML and the first client
 * render agree.
 */
export function createListingSourcesStore(getStorage: () => StateStorage = () => window.localStorage): ListingSourcesStore {
  return createStore<ListingSourcesState>()(
    persist(
      (set, get) => ({
        sources: [DEFAULT_LISTING_SOURCE],
        addSource(text) {
          const result = checkSourceText(text, get().sources);
          if (result.ok) set({ sources: [...get().sources, result.source] });
          return result;
        },
        removeSource(source) {
          if (source === DEFAULT_LISTING_SOURCE) return;
          set({ sources: get().sources.filter((s) => s !== source) });
        },
      }),
      {
        name: LISTING_SOURCES_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage<PersistedSources>(getStorage),
        skipHydration: true,
        partialize: (state) => ({ sources: state.sources }),
        // Whatever was stored, the embedded listing stays first and every source appears once.
        merge: (persisted, current) => {
          const stored = (persisted as Partial<PersistedSources> | undefined)?.sources;
          const list = Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
          const sources = [DEFAULT_LISTING_SOURCE, ...list.filter((s) => s !== DEFAULT_LISTING_SOURCE)];
          return { ...current, sources: [...new Set(sources)] };
        },
      },
    ),
  ) as ListingSourcesStore;
}

/** The app's store (one per browser tab). */
export const listingSourcesStore: ListingSourcesStore = createListingSourcesStore();
