'use client';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { ListingSourcesPanel } from '@/components/listings/listing-sources-panel';
import { bundleViewStore, selectBundles } from '@/lib/state/bundle-view';
import { BundleTable } from './bundle-table';
import { BundleToolbar } from './bundle-toolbar';
import { useBundleIndex } from './use-bundle-index';

/** The Browse page: listing sources beside the searchable bundle table. */
export function BrowseView() {
  const { sources, bundles, isLoading } = useBundleIndex();
  const view = useStore(bundleViewStore);
  const rows = useMemo(
    () => selectBundles(bundles, view),
    [bundles, view.query, view.bundleType, view.origin, view.sortKey, view.sortDirection], // eslint-disable-line react-hooks/exhaustive-deps
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <aside className="space-y-4">
        <ListingSourcesPanel />
      </aside>
      <section aria-labelledby="bundles-heading" className="min-w-0 space-y-4">
        <div>
          <h1 id="bundles-heading" className="text-xl font-semibold tracking-tight text-slate-900">
            Bundles
          </h1>
          <p className="text-sm text-slate-500">Kernels, ROMs and drive images from your listings. Open one to see its id decoded and verify it.</p>
        </div>
        <BundleToolbar sources={sources} shown={rows.length} total={bundles.length} />
        <BundleTable rows={rows} emptyText={isLoading && bundles.length === 0 ? 'Loading listings…' : 'No bundle matches.'} />
      </section>
    </div>
  );
}
