'use client';
import { AddBundleForm } from '@/components/bundle-add/add-bundle-form';
import { StorageSummary } from './storage-summary';
import { StoredBundleTable } from './stored-bundle-table';

/** The Store page (issue 4): what this browser holds, the quota, and adding your own file as a bundle. */
export function StoreView() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Store</h1>
        <p className="text-sm text-slate-500">Bundles kept in this browser, verified against their ids. A boot takes them from here before downloading anything.</p>
      </div>
      <StorageSummary />
      <AddBundleForm />
      <StoredBundleTable />
    </div>
  );
}
