'use client';
import { useBundleIndex, useListingSources } from '@/components/browse/use-bundle-index';
import { Button } from '@/components/ui/button';
import { AddSourceForm } from './add-source-form';
import { SourceRow } from './source-row';

/** Add, remove and refresh the listing sources; each shows ok with its count, or its error. */
export function ListingSourcesPanel() {
  const { addSource, removeSource } = useListingSources();
  const { sourceViews, refresh, refreshAll } = useBundleIndex();

  return (
    <section aria-labelledby="listing-sources-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-3 flex items-center justify-between">
        <h2 id="listing-sources-heading" className="text-sm font-semibold text-slate-900">
          Listing sources
        </h2>
        <Button size="sm" variant="ghost" onClick={() => void refreshAll()}>
          Refresh all
        </Button>
      </div>
      <AddSourceForm onAdd={addSource} />
      <ul className="mt-3 divide-y divide-slate-100" aria-label="Listing sources">
        {sourceViews.map((view) => (
          <SourceRow key={view.source} view={view} onRefresh={(s) => void refresh(s)} onRemove={removeSource} />
        ))}
      </ul>
    </section>
  );
}
