'use client';
import { Fragment, useState } from 'react';
import { PublishStoredPanel } from '@/components/ipfs/publish-stored-panel';
import { useBundleStore, useStoredBundles } from './use-bundle-store';
import { StoredBundleRow } from './stored-bundle-row';

const headers = ['Name', 'Type', 'Size', 'Id', 'Origin', 'Stored', 'Last used'];

/** What the browser store holds, most recently used first; "Publish to IPFS" opens under its row. */
export function StoredBundleTable() {
  const store = useBundleStore();
  const [publishing, setPublishing] = useState<string>();
  const stored = useStoredBundles();
  if (stored.state === 'error') {
    return (
      <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
        The browser store cannot be read: {stored.error.message}
      </p>
    );
  }
  const entries = stored.state === 'ok' ? stored.value : [];
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" aria-label="Stored bundles">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-semibold text-slate-500">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="py-2.5 pr-3 first:pl-0">
                {header}
              </th>
            ))}
            <th scope="col" className="py-2.5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="[&_th]:pl-4 [&_tr>*:first-child]:pl-4 [&_tr>*:last-child]:pr-4">
          {entries.map((entry) => (
            <Fragment key={entry.bundle.id}>
              <StoredBundleRow entry={entry} onDelete={(id) => store.delete(id)} onPublish={setPublishing} />
              {publishing === entry.bundle.id && (
                <tr>
                  <td colSpan={headers.length + 1} className="pb-3">
                    <PublishStoredPanel bundle={entry.bundle} onClose={() => setPublishing(undefined)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && (
        <p className="p-8 text-center text-sm text-slate-500" data-testid="store-empty">
          {stored.state === 'loading' ? 'Reading the store…' : 'Nothing is stored in this browser yet.'}
        </p>
      )}
    </div>
  );
}
