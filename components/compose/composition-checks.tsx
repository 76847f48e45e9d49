'use client';
/**
 * The draft's recorded compositions (`metadata.cartiStudio.compositions`), each with a Check button: the drive
 * worker rebuilds it from its sources (browser store, else a verified download) with lib/drives
 * checkComposition and confirms the recorded id, as `carti-studio compose --check` does in Node.
 */
import { useCallback, useState } from 'react';
import { getStudioMetadata, type Composition } from '@/lib/carti/studio-metadata';
import type { CartiPackage } from '@/lib/carti/types';
import type { CompositionOptions, CompositionRecord, ConflictPolicy } from '@/lib/drives/compose';
import { Button } from '@/components/ui/button';
import { runDriveJob } from './drive-worker-client';
import { resolveBundles } from './resolve-sources';

type CheckState =
  | { readonly kind: 'running' }
  | { readonly kind: 'ok' }
  | { readonly kind: 'mismatch'; readonly reason: string };

function recordOf(composition: Composition): CompositionRecord {
  return {
    outputId: composition.outputId, sources: [...composition.sources], policy: composition.policy as ConflictPolicy,
    writerVersion: composition.writerVersion, options: (composition.options ?? {}) as unknown as CompositionOptions,
  };
}

export function CompositionChecks({ pkg, urlOf }: { pkg: CartiPackage; urlOf: (id: string) => string | undefined }) {
  const compositions = getStudioMetadata(pkg)?.compositions ?? [];
  const [checks, setChecks] = useState<ReadonlyMap<string, CheckState>>(new Map());
  const set = (id: string, state: CheckState) => setChecks((current) => new Map(current).set(id, state));
  const nameOf = useCallback((id: string) => pkg.assets.find((asset) => asset.cid === id), [pkg.assets]);
  const check = async (composition: Composition) => {
    set(composition.outputId, { kind: 'running' });
    try {
      const sources = composition.sources.map((id) => ({ id, name: nameOf(id)?.name ?? id, fileName: nameOf(id)?.fileName ?? id }));
      const bytes = await resolveBundles(sources, urlOf, 'composition source');
      const result = await runDriveJob({ kind: 'check', record: recordOf(composition), sources: sources.map((source, index) => ({ ...source, bytes: bytes[index]! })) }, () => undefined);
      set(composition.outputId, result.ok ? { kind: 'ok' } : { kind: 'mismatch', reason: result.reason ?? 'the rebuilt drive differs' });
    } catch (error) {
      set(composition.outputId, { kind: 'mismatch', reason: error instanceof Error ? error.message : String(error) });
    }
  };
  if (compositions.length === 0) return null;
  return (
    <ul aria-label="Recorded compositions" className="space-y-1 border-t border-slate-200 pt-2 text-xs">
      {compositions.map((composition) => {
        const state = checks.get(composition.outputId);
        const output = nameOf(composition.outputId)?.name ?? composition.outputId;
        return (
          <li key={composition.outputId} data-output-id={composition.outputId} className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{output}</span>
            <span className="text-slate-500">{composition.sources.length} sources, {composition.policy}</span>
            <Button size="sm" onClick={() => void check(composition)} disabled={state?.kind === 'running'} aria-label={`Check ${output}`}>Check</Button>
            {state?.kind === 'running' && <span role="status">rebuilding…</span>}
            {state?.kind === 'ok' && <span role="status" className="text-emerald-700">rebuilt from its sources: same id</span>}
            {state?.kind === 'mismatch' && <span role="alert" className="text-rose-700">{state.reason}</span>}
          </li>
        );
      })}
    </ul>
  );
}
