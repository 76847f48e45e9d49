'use client';
/**
 * The composer's drive composition flow: resolve the chosen bundles (store or verified download), compose them in
 * the drive worker (lib/drives, off the main thread) with progress, then place the new bundle and record the
 * composition in the draft (lib/drives recordComposition). Conflicts come back as a list, every path shown.
 */
import { useCallback, useRef, useState } from 'react';
import type { Conflict, ConflictPolicy } from '@/lib/drives/compose';
import { recordComposition, type DrivePlacement } from '@/lib/drives/package-record';
import type { Edit } from '@/lib/state/composer';
import type { ComposeJobResult } from './drive-jobs';
import { DriveJobError, runDriveJob } from './drive-worker-client';
import { progressView, type ProgressView } from './job-progress';
import { resolveBundles, type SourceBundle } from './resolve-sources';

export type ComposeState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: ProgressView }
  | { readonly kind: 'done'; readonly result: ComposeJobResult; readonly name: string; readonly elapsedMs: number }
  | { readonly kind: 'failed'; readonly message: string; readonly conflicts: readonly Conflict[] };

export interface ComposeRequest {
  readonly sources: readonly SourceBundle[];
  readonly policy: ConflictPolicy;
  readonly name: string;
  readonly placement: DrivePlacement;
}

export function useDriveCompose(urlOf: (id: string) => string | undefined, edit: (edit: Edit) => void) {
  const [state, setState] = useState<ComposeState>({ kind: 'idle' });
  const busy = useRef(false);
  const compose = useCallback(async ({ sources, policy, name, placement }: ComposeRequest) => {
    if (busy.current) return;
    busy.current = true;
    const started = performance.now();
    try {
      setState({ kind: 'running', progress: { text: 'Fetching the source drives' } });
      const bytes = await resolveBundles(sources, urlOf, 'composition source', (done, total, source) =>
        setState({ kind: 'running', progress: { text: `Downloading ${source}`, ...(total ? { fraction: done / total } : {}) } }));
      const result = await runDriveJob(
        {
          kind: 'compose', policy,
          sources: sources.map((source, index) => ({ ...source, bytes: bytes[index]! })),
          output: { name, store: true, description: `Composed from ${sources.map((source) => source.name).join(', ')} (${policy})` },
        },
        (progress) => setState({ kind: 'running', progress: progressView(progress) }),
      );
      const bundle = result.bundle!;
      edit((pkg) => recordComposition(pkg, result.record, sources, bundle, BigInt(result.sizeBytes), placement));
      setState({ kind: 'done', result, name, elapsedMs: performance.now() - started });
    } catch (error) {
      const conflicts = error instanceof DriveJobError ? error.conflicts ?? [] : [];
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error), conflicts });
    } finally {
      busy.current = false;
    }
  }, [urlOf, edit]);
  return { state, compose };
}
