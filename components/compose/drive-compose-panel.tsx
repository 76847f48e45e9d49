'use client';
/**
 * "Drive composition" (issue 5; carti #39): pick several flash-drive bundles (from the machine's drives or the
 * palette), order them, choose the conflict policy, and compose them into one ext2 drive in the drive worker.
 * The new bundle is stored in this browser and placed in the root slot, a new drive or a chosen drive; the
 * draft records the composition so it can be rebuilt and checked. Conflicts are listed, every path.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import type { CartiPackage, IndexedBundle } from '@/lib/carti/types';
import type { ConflictPolicy } from '@/lib/drives/compose';
import type { DrivePlacement } from '@/lib/drives/package-record';
import { MAX_FLASH_DRIVES } from '@/lib/machine/constants';
import type { Edit } from '@/lib/state/composer';
import { Button } from '@/components/ui/button';
import { formatBytes } from '@/components/ui/format-bytes';
import { CompositionChecks } from './composition-checks';
import { JobProgressBar } from './job-progress-bar';
import type { SourceBundle } from './resolve-sources';
import { useDriveCompose } from './use-drive-compose';

interface Candidate extends SourceBundle {
  /** Where it comes from: a drive of the machine, or the palette. */
  readonly where: string;
}

/** The machine's drives with a bundle first, then the palette's flashdrive bundles; one entry per id. */
function candidatesOf(pkg: CartiPackage, bundles: readonly IndexedBundle[]): Candidate[] {
  const seen = new Set<string>();
  const list: Candidate[] = [];
  pkg.machineConfig.flash_drive.forEach((drive, index) => {
    const asset = pkg.assets.find((entry) => entry.cid === drive.cid);
    if (!drive.cid || !asset || seen.has(drive.cid)) return;
    seen.add(drive.cid);
    list.push({ id: drive.cid, name: asset.name, fileName: asset.fileName, where: `drive ${drive.label} (pmem${index})` });
  });
  for (const { bundle } of bundles) {
    if (bundle.bundleType !== 'flashdrive' || seen.has(bundle.id)) continue;
    seen.add(bundle.id);
    list.push({ id: bundle.id, name: bundle.name, fileName: bundle.fileName, where: 'palette' });
  }
  return list;
}

function placementValue(placement: DrivePlacement): string {
  return placement.kind === 'drive' ? `drive:${placement.index}` : placement.kind;
}

function parsePlacement(value: string): DrivePlacement {
  if (value.startsWith('drive:')) return { kind: 'drive', index: Number(value.slice(6)) };
  return value === 'root' ? { kind: 'root' } : { kind: 'new' };
}

export interface DriveComposePanelProps {
  readonly pkg: CartiPackage;
  readonly bundles: readonly IndexedBundle[];
  readonly edit: (edit: Edit) => void;
}

export function DriveComposePanel({ pkg, bundles, edit }: DriveComposePanelProps) {
  // Download URL of a bundle: its first origin's resolved URI (lib/compose locateAssets' rule); none: only
  // the browser store can have it.
  const urlOf = useCallback((id: string) => {
    const entry = bundles.find((candidate) => candidate.bundle.id === id);
    return entry?.origins.map((origin) => entry.resolvedUris[origin]).find((uri) => uri !== undefined);
  }, [bundles]);
  const { state, compose } = useDriveCompose(urlOf, edit);
  const candidates = useMemo(() => candidatesOf(pkg, bundles), [pkg, bundles]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [policy, setPolicy] = useState<ConflictPolicy>('error');
  const [name, setName] = useState('composed');
  const [placement, setPlacement] = useState<DrivePlacement>({ kind: 'new' });
  const ids = { filter: useId(), name: useId(), place: useId() };
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const order = chosen.filter((id) => byId.has(id));
  const needle = filter.trim().toLowerCase();
  const shown = candidates.filter((candidate) => needle === '' || chosen.includes(candidate.id) || `${candidate.name} ${candidate.where}`.toLowerCase().includes(needle)).slice(0, 50);
  const running = state.kind === 'running';
  const drives = pkg.machineConfig.flash_drive;
  const full = drives.length >= MAX_FLASH_DRIVES;

  const toggle = (id: string, on: boolean) => setChosen((current) => (on ? [...current.filter((x) => x !== id), id] : current.filter((x) => x !== id)));
  const move = (index: number, by: number) => setChosen(() => {
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    return next;
  });
  const blocker = order.length === 0 ? 'choose at least one drive' : name.trim() === '' ? 'name the composed drive' : placement.kind === 'new' && full ? `the machine already has ${MAX_FLASH_DRIVES} drives: place it in the root or an existing drive` : undefined;

  return (
    <section aria-labelledby="drive-compose-title" className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm">
      <h3 id="drive-compose-title" className="font-semibold text-slate-900">Drive composition</h3>
      <p className="text-xs text-slate-500">Squash several flash-drive bundles (ext2 images, tar archives) into one ext2 drive: a machine takes at most {MAX_FLASH_DRIVES}.</p>
      <label htmlFor={ids.filter} className="sr-only">Filter drives to compose</label>
      <input id={ids.filter} type="search" value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="Filter drives" className="w-full rounded-md border border-slate-300 px-2 py-1 text-xs" />
      {candidates.length === 0 && <p className="text-xs text-slate-500">No flash-drive bundle yet: follow a listing or add one to this browser&apos;s store.</p>}
      <ul aria-label="Drives to compose" className="max-h-48 space-y-0.5 overflow-y-auto">
        {shown.map((candidate) => (
          <li key={candidate.id}>
            <label className="flex items-center gap-1.5 text-xs">
              <input type="checkbox" checked={chosen.includes(candidate.id)} onChange={(event) => toggle(candidate.id, event.target.checked)} disabled={running} />
              <span className="font-medium">{candidate.name}</span> <span className="text-slate-500">{candidate.where}</span>
            </label>
          </li>
        ))}
      </ul>
      {order.length > 0 && (
        <ol aria-label="Composition order" className="list-decimal space-y-0.5 pl-5 text-xs">
          {order.map((id, index) => (
            <li key={id}>
              <span className="inline-flex items-center gap-1">
                {byId.get(id)!.name}
                <Button size="sm" variant="ghost" disabled={running || index === 0} onClick={() => move(index, -1)} aria-label={`Move ${byId.get(id)!.name} earlier`}>↑</Button>
                <Button size="sm" variant="ghost" disabled={running || index === order.length - 1} onClick={() => move(index, 1)} aria-label={`Move ${byId.get(id)!.name} later`}>↓</Button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <fieldset className="flex flex-wrap gap-3 text-xs" disabled={running}>
        <legend className="sr-only">When two drives have the same path with different content</legend>
        <label className="inline-flex items-center gap-1"><input type="radio" name="compose-policy" checked={policy === 'error'} onChange={() => setPolicy('error')} />Conflicts are errors</label>
        <label className="inline-flex items-center gap-1"><input type="radio" name="compose-policy" checked={policy === 'later-wins'} onChange={() => setPolicy('later-wins')} />Later drives win</label>
      </fieldset>
      <div className="flex flex-wrap items-end gap-2 text-xs">
        <span className="flex flex-col gap-0.5">
          <label htmlFor={ids.name} className="text-slate-600">Composed drive name</label>
          <input id={ids.name} value={name} onChange={(event) => setName(event.target.value)} className="w-32 rounded border border-slate-300 px-1.5 py-0.5 font-mono" />
        </span>
        <span className="flex flex-col gap-0.5">
          <label htmlFor={ids.place} className="text-slate-600">Place it in</label>
          <select id={ids.place} value={placementValue(placement)} onChange={(event) => setPlacement(parsePlacement(event.target.value))} className="rounded border border-slate-300 px-1">
            <option value="new">a new drive</option>
            <option value="root">the root drive</option>
            {drives.map((drive, index) => drive.label === 'root' ? null : <option key={`${index}-${drive.label}`} value={`drive:${index}`}>drive {drive.label}</option>)}
          </select>
        </span>
        <Button variant="primary" size="sm" disabled={running || blocker !== undefined} title={blocker} onClick={() => void compose({ sources: order.map((id) => byId.get(id)!), policy, name: name.trim(), placement })}>Compose</Button>
      </div>
      {blocker && order.length > 0 && <p role="status" className="text-xs text-slate-500">Compose is disabled: {blocker}.</p>}
      {state.kind === 'running' && <JobProgressBar label="Composition progress" progress={state.progress} />}
      {state.kind === 'done' && (
        <div role="status" data-testid="compose-result" data-output-id={state.result.outputId} className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 p-2 text-xs text-emerald-900">
          <p>Composed <strong>{state.name}</strong> ({formatBytes(state.result.sizeBytes)}) in {(state.elapsedMs / 1000).toFixed(2)} s: <code className="break-all">{state.result.outputId}</code>, stored in this browser and recorded in the package.</p>
          {state.result.replaced.length > 0 && (
            <details><summary>{state.result.replaced.length} path(s) replaced by later drives</summary>
              <ul aria-label="Replaced paths" className="list-disc pl-5">{state.result.replaced.map((c) => <li key={`${c.path} ${c.later}`}>{c.path}: {c.earlier} replaced by {c.later} ({c.reason})</li>)}</ul>
            </details>
          )}
        </div>
      )}
      {state.kind === 'failed' && (
        <div role="alert" data-testid="compose-error" className="space-y-1 rounded-md border border-rose-200 bg-rose-50 p-2 text-xs text-rose-800">
          {state.conflicts.length > 0 ? (
            <>
              <p>{state.conflicts.length} conflicting path{state.conflicts.length === 1 ? '' : 's'}: the same path has different content (choose &quot;Later drives win&quot; to let later drives replace earlier ones).</p>
              <ul aria-label="Conflicts" className="list-disc pl-5 font-mono">
                {state.conflicts.map((c) => <li key={`${c.path} ${c.earlier} ${c.later}`}>{c.path}: {c.earlier} vs {c.later}: {c.reason}</li>)}
              </ul>
            </>
          ) : <p className="whitespace-pre-wrap">{state.message}</p>}
        </div>
      )}
      <CompositionChecks pkg={pkg} urlOf={urlOf} />
    </section>
  );
}
