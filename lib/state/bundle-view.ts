/**
 * The Browse table's view: search text, filters and sort order, and the pure function that applies them to
 * the merged index. Kept in a small zustand store so the view survives a visit to a bundle's detail page.
 * Search is as-you-type over the fields issue 2 names: name, type, version and id prefix; every
 * whitespace-separated term must match one of them (case-insensitive).
 */
import { createStore } from 'zustand/vanilla';
import type { BundleType, IndexedBundle } from '../carti/types';

export type SortKey = 'name' | 'bundleType' | 'version' | 'fileName' | 'id';
export type SortDirection = 'asc' | 'desc';

export interface BundleViewOptions {
  readonly query: string;
  readonly bundleType: BundleType | 'all';
  /** A listing source string, or 'all'. */
  readonly origin: string;
  readonly sortKey: SortKey;
  readonly sortDirection: SortDirection;
}

export const DEFAULT_VIEW: BundleViewOptions = {
  query: '',
  bundleType: 'all',
  origin: 'all',
  sortKey: 'name',
  sortDirection: 'asc',
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function termMatches(entry: IndexedBundle, term: string): boolean {
  const { bundle } = entry;
  return (
    bundle.name.toLowerCase().includes(term) ||
    bundle.bundleType.includes(term) ||
    bundle.version.toLowerCase().includes(term) ||
    bundle.id.startsWith(term)
  );
}

/** Returns the entries that pass the search and filters, sorted; ties fall back to the id so order is stable. */
export function selectBundles(entries: readonly IndexedBundle[], view: BundleViewOptions): IndexedBundle[] {
  const terms = view.query.toLowerCase().split(/\s+/).filter((t) => t !== '');
  const selected = entries.filter(
    (entry) =>
      (view.bundleType === 'all' || entry.bundle.bundleType === view.bundleType) &&
      (view.origin === 'all' || entry.origins.includes(view.origin)) &&
      terms.every((term) => termMatches(entry, term)),
  );
  const sign = view.sortDirection === 'asc' ? 1 : -1;
  const key = view.sortKey;
  return selected.sort(
    (a, b) => sign * collator.compare(a.bundle[key], b.bundle[key]) || (a.bundle.id < b.bundle.id ? -1 : a.bundle.id > b.bundle.id ? 1 : 0),
  );
}

/** Clicking a column header: a new column sorts ascending, the same column flips direction. */
export function nextSort(view: BundleViewOptions, key: SortKey): Pick<BundleViewOptions, 'sortKey' | 'sortDirection'> {
  if (view.sortKey !== key) return { sortKey: key, sortDirection: 'asc' };
  return { sortKey: key, sortDirection: view.sortDirection === 'asc' ? 'desc' : 'asc' };
}

export interface BundleViewState extends BundleViewOptions {
  setQuery(query: string): void;
  setBundleType(bundleType: BundleType | 'all'): void;
  setOrigin(origin: string): void;
  sortBy(key: SortKey): void;
  reset(): void;
}

export function createBundleViewStore() {
  return createStore<BundleViewState>()((set, get) => ({
    ...DEFAULT_VIEW,
    setQuery: (query) => set({ query }),
    setBundleType: (bundleType) => set({ bundleType }),
    setOrigin: (origin) => set({ origin }),
    sortBy: (key) => set(nextSort(get(), key)),
    reset: () => set({ ...DEFAULT_VIEW }),
  }));
}

/** The app's Browse view (one per tab, not persisted). */
export const bundleViewStore = createBundleViewStore();
