/**
 * Merges the listings loaded in the browser into one index with lib/carti's mergeListings (carti-formats.md
 * §10.2): the same id from two listings is one bundle with both origins, relative uris resolved per listing.
 * Sources that failed are not passed in: their error rows come from the query state.
 */
import { mergeListings } from '../carti/index-merge';
import type { IndexedBundle } from '../carti/types';
import type { LoadedSource } from './listing-query';

export function mergeLoadedSources(loaded: readonly LoadedSource[]): IndexedBundle[] {
  return [
    ...mergeListings(
      loaded.map((l) => ({ source: l.source, url: l.url, result: { value: { bundles: l.bundles }, errors: l.errors, warnings: l.warnings } })),
    ).bundles,
  ];
}
