/**
 * The merged index of several listings (carti-formats.md §10.2): the same id in two listings is one bundle
 * with two origins; each source reports ok with its count or its own error, and a bad listing changes
 * nothing else. Lookups by name choose deterministically (§12.13).
 */
import { CartiError } from './errors';
import { resolveBundleUri } from './listing-source';
import type { Bundle, IndexedBundle, Listing, MergedIndex, ParseResult, SourceStatus } from './types';

/** One source's outcome, as produced by lib/fetch's `fetchListing` or a local read. */
export type LoadedListing =
  | { readonly source: string; readonly url: string; readonly result: ParseResult<Listing> }
  | { readonly source: string; readonly error: CartiError };

export function mergeListings(loaded: readonly LoadedListing[]): MergedIndex {
  const byId = new Map<string, { bundle: Bundle; origins: string[]; resolvedUris: Record<string, string>; records: Record<string, Bundle> }>();
  const sources: SourceStatus[] = [];
  const warnings: CartiError[] = [];
  for (const entry of loaded) {
    if ('error' in entry) {
      sources.push({ source: entry.source, ok: false, error: entry.error });
      continue;
    }
    const { result } = entry;
    sources.push({ source: entry.source, ok: true, url: entry.url, count: result.value.bundles.length, errors: result.errors, warnings: result.warnings });
    for (const bundle of result.value.bundles) {
      const existing = byId.get(bundle.id);
      const resolved = resolveBundleUri(bundle.uri, entry.url);
      if (!existing) {
        byId.set(bundle.id, { bundle, origins: [entry.source], resolvedUris: resolved ? { [entry.source]: resolved } : {}, records: { [entry.source]: bundle } });
        continue;
      }
      if (!existing.origins.includes(entry.source)) existing.origins.push(entry.source);
      existing.records[entry.source] ??= bundle;
      if (resolved && existing.resolvedUris[entry.source] === undefined) existing.resolvedUris[entry.source] = resolved;
      if (existing.bundle.name !== bundle.name || existing.bundle.bundleType !== bundle.bundleType || existing.bundle.version !== bundle.version) {
        warnings.push(new CartiError('duplicate-id', entry.source, `bundle ${bundle.id}`,
          `also listed by ${existing.origins[0]} as ${existing.bundle.bundleType}/${existing.bundle.name}:${existing.bundle.version}; the first record is shown`, 'warning'));
      }
    }
  }
  const bundles: IndexedBundle[] = [...byId.values()].map((value) => ({ bundle: value.bundle, origins: value.origins, resolvedUris: value.resolvedUris, records: value.records }));
  return { bundles, sources, warnings };
}

type Entry = { readonly bundle: Bundle; readonly records?: Readonly<Record<string, Bundle>> };

/** True when the entry is named `name` by any of its listings. */
function hasName(entry: Entry, name: string): boolean {
  return entry.bundle.name === name || Object.values(entry.records ?? {}).some((record) => record.name === name);
}

/** Bundles named `query` by any listing, or whose id equals `query`. */
export function findBundles<T extends Entry>(entries: readonly T[], query: string): T[] {
  return entries.filter((entry) => entry.bundle.id === query || hasName(entry, query));
}

/**
 * Deterministic choice among same-named bundles (§12.13): an exact id; else name + `version` when given;
 * else the highest version (numeric dot-separated comparison, `v` prefix ignored), ties broken by id.
 */
export function chooseBundle<T extends Entry>(entries: readonly T[], query: string, version?: string): T | undefined {
  const byId = entries.find((entry) => entry.bundle.id === query);
  if (byId) return byId;
  const named = entries.filter((entry) => hasName(entry, query) && (version === undefined || entry.bundle.version === version));
  return [...named].sort((a, b) => compareVersions(b.bundle.version, a.bundle.version) || a.bundle.id.localeCompare(b.bundle.id))[0];
}

export function compareVersions(a: string, b: string): number {
  const parts = (text: string) => text.replace(/^v/, '').split(/[.+-]/);
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i] ?? '0';
    const y = right[i] ?? '0';
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    const order = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (order !== 0) return order;
  }
  return 0;
}
