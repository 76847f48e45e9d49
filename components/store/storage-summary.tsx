'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatBytes } from '@/components/ui/format-bytes';
import { useBundleStore, useStorageEstimate } from './use-bundle-store';

/** Total stored, the origin's usage and quota (navigator.storage.estimate), and "Persist storage". */
export function StorageSummary() {
  const store = useBundleStore();
  const estimate = useStorageEstimate();
  const [persistNote, setPersistNote] = useState<string | undefined>();
  const value = estimate.state === 'ok' ? estimate.value : undefined;

  const persist = async () => {
    const granted = await store.persist();
    setPersistNote(granted ? 'Storage is persistent: the browser will not evict it under pressure.' : 'The browser declined; it may still evict stored bundles when space runs low.');
  };

  return (
    <section aria-label="Storage" className="flex flex-wrap items-center gap-x-8 gap-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
      <dl className="flex flex-wrap gap-x-8 gap-y-2">
        <div>
          <dt className="text-xs text-slate-500">Stored bundles</dt>
          <dd className="font-semibold tabular-nums text-slate-900" data-testid="stored-total">
            {value ? formatBytes(value.storedBytes) : '…'}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Used by this site</dt>
          <dd className="tabular-nums text-slate-900" data-testid="usage">
            {value?.usageBytes !== undefined ? formatBytes(value.usageBytes) : 'unknown'}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Quota</dt>
          <dd className="tabular-nums text-slate-900" data-testid="quota">
            {value?.quotaBytes !== undefined ? formatBytes(value.quotaBytes) : 'unknown'}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Persistent</dt>
          <dd className="text-slate-900" data-testid="persisted">
            {value?.persisted === undefined ? 'unknown' : value.persisted ? 'yes' : 'no'}
          </dd>
        </div>
      </dl>
      <Button onClick={persist} disabled={value?.persisted === true}>
        Persist storage
      </Button>
      {persistNote && (
        <p role="status" className="w-full text-xs text-slate-600">
          {persistNote}
        </p>
      )}
    </section>
  );
}
