'use client';
import { useId } from 'react';
import { useStore } from 'zustand';
import { BUNDLE_TYPES, type BundleType } from '@/lib/carti/types';
import { bundleViewStore } from '@/lib/state/bundle-view';
import { DEFAULT_LISTING_SOURCE } from '@/lib/state/listing-sources';

const fieldClasses =
  'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';

/** Search as you type, filter by type and by listing. */
export function BundleToolbar({ sources, shown, total }: { sources: readonly string[]; shown: number; total: number }) {
  const searchId = useId();
  const typeId = useId();
  const originId = useId();
  const view = useStore(bundleViewStore);

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="min-w-56 flex-1">
        <label htmlFor={searchId} className="mb-1 block text-xs font-medium text-slate-600">
          Search
        </label>
        <input
          id={searchId}
          type="search"
          value={view.query}
          onChange={(event) => view.setQuery(event.target.value)}
          placeholder="Name, type, version or id prefix"
          autoComplete="off"
          spellCheck={false}
          className={`w-full ${fieldClasses}`}
        />
      </div>
      <div>
        <label htmlFor={typeId} className="mb-1 block text-xs font-medium text-slate-600">
          Type
        </label>
        <select id={typeId} value={view.bundleType} onChange={(event) => view.setBundleType(event.target.value as BundleType | 'all')} className={fieldClasses}>
          <option value="all">All types</option>
          {BUNDLE_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <div className="max-w-xs">
        <label htmlFor={originId} className="mb-1 block text-xs font-medium text-slate-600">
          Listing
        </label>
        <select id={originId} value={view.origin} onChange={(event) => view.setOrigin(event.target.value)} className={`w-full ${fieldClasses}`}>
          <option value="all">All listings</option>
          {sources.map((source) => (
            <option key={source} value={source}>
              {source === DEFAULT_LISTING_SOURCE ? 'Embedded default listing' : source}
            </option>
          ))}
        </select>
      </div>
      <p className="pb-2 text-xs text-slate-500 tabular-nums" aria-live="polite" data-testid="bundle-count">
        {shown === total ? `${total} bundles` : `${shown} of ${total} bundles`}
      </p>
    </div>
  );
}
