'use client';
/**
 * The merged bundle index of every listing source the user follows: one TanStack query per source (cached,
 * refreshable one by one), merged with lib/carti so the same id from two listings is one bundle with two
 * origins (carti-formats.md §10.2).
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { CartiError } from '@/lib/carti/errors';
import type { IndexedBundle } from '@/lib/carti/types';
import { queryKeys } from '@/lib/queries/keys';
import { listingQuery, type LoadedSource } from '@/lib/queries/listing-query';
import { mergeLoadedSources } from '@/lib/queries/merge';
import { listingSourcesStore } from '@/lib/state/listing-sources';
import { storedAsSource, storedSignature } from '@/components/store/stored-as-source';
import { useStoredBundles } from '@/components/store/use-bundle-store';
import { currentIpfsSettings } from '@/components/ipfs/current-settings';

export type SourceView =
  | { readonly source: string; readonly state: 'loading' }
  | { readonly source: string; readonly state: 'ok'; readonly loaded: LoadedSource; readonly refreshing: boolean }
  | { readonly source: string; readonly state: 'error'; readonly error: CartiError; readonly refreshing: boolean };

/** The persisted sources; reads localStorage once after mount so server and client first renders agree. */
export function useListingSources() {
  useEffect(() => {
    if (!listingSourcesStore.persist?.hasHydrated()) void listingSourcesStore.persist?.rehydrate();
  }, []);
  const sources = useStore(listingSourcesStore, (state) => state.sources);
  const addSource = useStore(listingSourcesStore, (state) => state.addSource);
  const removeSource = useStore(listingSourcesStore, (state) => state.removeSource);
  return { sources, addSource, removeSource };
}

function pageOrigin(): string {
  return typeof window === 'undefined' ? 'http://localhost' : window.location.origin;
}

export function useBundleIndex() {
  const { sources } = useListingSources();
  const queryClient = useQueryClient();
  const results = useQueries({ queries: sources.map((source) => listingQuery(source, { origin: pageOrigin(), ipfsSettings: currentIpfsSettings })) });

  const sourceViews: SourceView[] = sources.map((source, i) => {
    const result = results[i];
    if (result?.data && !result.isError) return { source, state: 'ok', loaded: result.data, refreshing: result.isFetching };
    if (result?.isError) return { source, state: 'error', error: result.error as CartiError, refreshing: result.isFetching };
    return { source, state: 'loading' };
  });

  const loaded = results.map((r) => (r.isError ? undefined : r.data)).filter((d): d is LoadedSource => d !== undefined);
  // Bundles in the browser store join the index last, as the origin "This browser" (issue 4).
  const stored = useStoredBundles();
  const storedEntries = stored.state === 'ok' && stored.value.length > 0 ? stored.value : undefined;
  if (storedEntries) loaded.push(storedAsSource(storedEntries, pageOrigin()));
  // Re-merge only when a listing actually changed: the signature changes with each source's data version.
  const signature = results.map((r, i) => `${sources[i]}@${r.dataUpdatedAt}:${r.isError}`).join('\n') + `\n${storedSignature(storedEntries)}`;
  const bundles: IndexedBundle[] = useMemo(() => mergeLoadedSources(loaded), [signature]); // eslint-disable-line react-hooks/exhaustive-deps

  const refresh = useCallback(
    (source: string) => queryClient.invalidateQueries({ queryKey: queryKeys.listing(source) }),
    [queryClient],
  );
  const refreshAll = useCallback(() => queryClient.invalidateQueries({ queryKey: queryKeys.listings() }), [queryClient]);

  return { sources, sourceViews, bundles, refresh, refreshAll, isLoading: sourceViews.some((v) => v.state === 'loading') };
}
