/**
 * Bundles in the browser store, seen by the browse index as one more listing source with the origin
 * "This browser" (issue 4: an own file appears in the browse table and palette as a local bundle).
 */
import type { LoadedSource } from '@/lib/queries/listing-query';
import type { BrowserStoredBundle } from '@/lib/store/types';

/** The origin key of stored bundles in the merged index; not a URL, so it never collides with a listing. */
export const THIS_BROWSER_ORIGIN = 'This browser';

export function storedAsSource(entries: readonly BrowserStoredBundle[], pageUrl: string): LoadedSource {
  return { source: THIS_BROWSER_ORIGIN, url: pageUrl, bundles: entries.map((entry) => entry.bundle), errors: [], warnings: [] };
}

/** Changes whenever the set of stored ids changes (re-merge key). */
export function storedSignature(entries: readonly BrowserStoredBundle[] | undefined): string {
  return entries ? entries.map(({ bundle }) => `${bundle.id}:${bundle.bundleType}:${bundle.name}:${bundle.version}:${bundle.fileName}`).sort().join(',') : '';
}
