'use client';
import Link from 'next/link';
import { useId, useState, type ReactNode } from 'react';
import { Badge, bundleTypeTone } from '@/components/ui/badge';
import type { Bundle } from '@/lib/carti/types';
import { DEFAULT_LISTING_SOURCE } from '@/lib/state/listing-sources';
import { IdBreakdown } from './id-breakdown';
import { useBundleIndex } from './use-bundle-index';
import { VerifyPanel } from './verify-panel';
import { AddToMachine } from '@/components/compose/add-to-machine';

function Field({ term, children, mono = false }: { term: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-4 py-2">
      <dt className="text-sm text-slate-500">{term}</dt>
      <dd className={`text-sm break-all text-slate-900 ${mono ? 'font-mono text-xs leading-5' : ''}`}>{children}</dd>
    </div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-2 text-sm font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

/** A listing that records the same id under another name, version or file name says so. */
function OtherRecord({ record, shown }: { record: Bundle | undefined; shown: Bundle }) {
  if (!record || (record.name === shown.name && record.version === shown.version && record.fileName === shown.fileName)) return null;
  return (
    <p className="text-xs text-slate-600">
      listed there as {record.name} {record.version} ({record.fileName})
    </p>
  );
}

const originLabel = (source: string) => (source === DEFAULT_LISTING_SOURCE ? 'Embedded default listing' : source);

/** Every field of one bundle, its id decoded, where it is listed, and Verify. */
export function BundleDetail({ id }: { id: string }) {
  const { bundles, isLoading } = useBundleIndex();
  const [chosenOrigin, setChosenOrigin] = useState<string | null>(null);
  const originSelectId = useId();
  const entry = bundles.find((candidate) => candidate.bundle.id === id);

  const back = (
    <Link href="/" className="text-sm text-indigo-700 hover:underline">
      ← All bundles
    </Link>
  );

  if (!entry) {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="font-mono text-lg break-all">{id}</h1>
        <p className="text-sm text-slate-600">{isLoading ? 'Loading listings…' : 'No listing you follow has a bundle with this id.'}</p>
        <Card title="Id">
          <IdBreakdown id={id} />
        </Card>
      </div>
    );
  }

  const { bundle, origins, resolvedUris, records } = entry;
  const downloadable = origins.filter((origin) => resolvedUris[origin] !== undefined);
  const downloadOrigin = chosenOrigin !== null && downloadable.includes(chosenOrigin) ? chosenOrigin : downloadable[0];
  const assetUrl = downloadOrigin !== undefined ? resolvedUris[downloadOrigin] : bundle.uri;

  return (
    <div className="space-y-6">
      {back}
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{bundle.name}</h1>
        <Badge tone={bundleTypeTone(bundle.bundleType)}>{bundle.bundleType}</Badge>
        <span className="text-sm text-slate-500">version {bundle.version}</span>
        <span className="ml-auto"><AddToMachine bundle={bundle} assetUrl={assetUrl} /></span>
      </header>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Bundle record">
          <dl className="divide-y divide-slate-100">
            <Field term="bundleType">{bundle.bundleType}</Field>
            <Field term="name">{bundle.name}</Field>
            <Field term="version">{bundle.version}</Field>
            <Field term="fileName" mono>
              {bundle.fileName}
            </Field>
            <Field term="id" mono>
              <span data-testid="bundle-id">{bundle.id}</span>
            </Field>
            <Field term="uri" mono>
              {bundle.uri ?? <span className="font-sans text-slate-400">none</span>}
            </Field>
            <Field term="deps" mono>
              {bundle.deps && bundle.deps.length > 0 ? bundle.deps.join(', ') : <span className="font-sans text-slate-400">none</span>}
            </Field>
          </dl>
        </Card>
        <div className="space-y-6">
          <Card title="Id decoded">
            <IdBreakdown id={bundle.id} />
          </Card>
          {downloadable.length > 1 && (
            <div className="flex items-center gap-2 text-sm">
              <label htmlFor={originSelectId} className="shrink-0 text-slate-600">
                Download from
              </label>
              <select
                id={originSelectId}
                value={downloadOrigin}
                onChange={(event) => setChosenOrigin(event.target.value)}
                className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              >
                {downloadable.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {resolvedUris[candidate]}
                  </option>
                ))}
              </select>
            </div>
          )}
          <VerifyPanel key={assetUrl} assetUrl={assetUrl} expectedId={bundle.id} />
        </div>
      </div>
      <Card title={`Listed in ${origins.length} ${origins.length === 1 ? 'listing' : 'listings'}`}>
        <ul className="divide-y divide-slate-100" data-testid="origins">
          {origins.map((origin) => (
            <li key={origin} className="space-y-0.5 py-2">
              <p className="text-sm font-medium break-all text-slate-800">{originLabel(origin)}</p>
              <OtherRecord record={records?.[origin]} shown={bundle} />
              <p className="font-mono text-xs break-all text-slate-500">{resolvedUris[origin] ?? 'no uri'}</p>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
