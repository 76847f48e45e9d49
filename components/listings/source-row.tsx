'use client';
import { useState } from 'react';
import type { SourceView } from '@/components/browse/use-bundle-index';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DEFAULT_LISTING_SOURCE } from '@/lib/state/listing-sources';
import Link from 'next/link';
import { isIpfsUri } from '@/lib/ipfs/uri';

function sourceLabel(source: string): string {
  return source === DEFAULT_LISTING_SOURCE ? 'Embedded default listing' : source;
}

/** One listing source: ok with its bundle count (and any rejected records), or its error as text. */
export function SourceRow({
  view,
  onRefresh,
  onRemove,
}: {
  view: SourceView;
  onRefresh: (source: string) => void;
  onRemove: (source: string) => void;
}) {
  const [showRecordErrors, setShowRecordErrors] = useState(false);
  const removable = view.source !== DEFAULT_LISTING_SOURCE;
  const label = sourceLabel(view.source);
  const refreshing = view.state === 'loading' || view.refreshing;
  const recordErrors = view.state === 'ok' ? view.loaded.errors : [];

  return (
    <li className="space-y-1.5 py-3" data-testid="source-row" data-source={view.source} data-state={view.state}>
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p
            className={view.source === DEFAULT_LISTING_SOURCE ? 'text-sm font-medium text-slate-800' : 'font-mono text-xs leading-5 break-all text-slate-800'}
            title={view.source}
          >
            {label}
          </p>
          {view.source === DEFAULT_LISTING_SOURCE && <p className="text-xs text-slate-500">Served by this app, works offline</p>}
          {isIpfsUri(view.source) && (
            <p className="text-xs text-slate-500">
              Read through your IPFS gateways (<Link href="/settings" className="underline">Settings</Link>), in order
            </p>
          )}
        </div>
        <div className="flex shrink-0 gap-1">
          <Button size="sm" variant="ghost" onClick={() => onRefresh(view.source)} disabled={refreshing} aria-label={`Refresh ${label}`}>
            {refreshing ? 'Loading…' : 'Refresh'}
          </Button>
          {removable && (
            <Button size="sm" variant="danger" onClick={() => onRemove(view.source)} aria-label={`Remove ${label}`}>
              Remove
            </Button>
          )}
        </div>
      </div>
      <div aria-live="polite">
        {view.state === 'loading' && <Badge>loading…</Badge>}
        {view.state === 'ok' && (
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="emerald">
              ok · {view.loaded.bundles.length} {view.loaded.bundles.length === 1 ? 'bundle' : 'bundles'}
            </Badge>
            {recordErrors.length > 0 && (
              <button
                type="button"
                className="text-xs font-medium text-amber-700 underline-offset-2 hover:underline"
                aria-expanded={showRecordErrors}
                onClick={() => setShowRecordErrors((shown) => !shown)}
              >
                {recordErrors.length} rejected {recordErrors.length === 1 ? 'record' : 'records'}
              </button>
            )}
          </div>
        )}
        {view.state === 'error' && (
          <p className="rounded-md bg-rose-50 px-2 py-1.5 text-xs break-words whitespace-pre-line text-rose-700" data-testid="source-error">
            {view.error.message}
          </p>
        )}
      </div>
      {showRecordErrors && (
        <ul className="space-y-1 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900">
          {recordErrors.map((error, index) => (
            <li key={index} className="break-words">
              {error.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
