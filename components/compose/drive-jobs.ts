/**
 * Messages between the composer and its drive worker (drive-worker.ts): composing flash drives (lib/drives)
 * and importing a container image (lib/oci) run off the main thread so the page stays responsive. The worker
 * stores the result in the browser store (lib/store) and answers with its record; nothing here is React.
 */
import type { CompositionCheck, CompositionRecord, ComposeProgress, Conflict, ConflictPolicy } from '../../lib/drives/compose';
import type { OciImageSettings } from '../../lib/oci/config';
import type { OciImportProgress } from '../../lib/oci/import';
import type { ToolsAdded } from '../../lib/oci/tools';
import type { Bundle } from '../../lib/carti/types';

export interface ComposeJobSource {
  readonly name: string;
  readonly fileName: string;
  readonly id: string;
  readonly bytes: Uint8Array | Blob;
}

/** Where the output goes: the browser store as a flashdrive bundle with this name, or nowhere (benchmarks). */
export interface JobOutput {
  readonly name: string;
  readonly description?: string;
  readonly store: boolean;
}

export type DriveJob =
  | { readonly kind: 'compose'; readonly sources: readonly ComposeJobSource[]; readonly policy: ConflictPolicy; readonly output: JobOutput }
  /** Rebuild a recorded composition from its sources (in record order) and confirm its output id. */
  | { readonly kind: 'check'; readonly record: CompositionRecord; readonly sources: readonly ComposeJobSource[] }
  | {
    readonly kind: 'import'; readonly image: Blob | Uint8Array; readonly imageName: string; readonly platform: string;
    /** The default machine's root drive (ext2), the source of the tools layer; absent: no tools layer. */
    readonly tools?: Uint8Array | Blob; readonly output: JobOutput;
  };

export type JobProgress = ComposeProgress | OciImportProgress | { phase: 'store'; doneBytes: number; totalBytes: number };

/** Milliseconds spent in each step, measured in the worker. */
export interface JobTimings {
  readonly readMs: number;
  readonly buildMs: number;
  readonly storeMs: number;
}

export interface JobResult {
  readonly outputId: string;
  readonly sizeBytes: number;
  /** The stored record (absent when the output was not stored). */
  readonly bundle?: Bundle;
  readonly timings: JobTimings;
}

export interface ComposeJobResult extends JobResult {
  readonly record: CompositionRecord;
  readonly replaced: readonly Conflict[];
}

export interface ImportJobResult extends JobResult {
  readonly settings: OciImageSettings;
  readonly toolsAdded: ToolsAdded;
  readonly layers: ReadonlyArray<{ name: string; entries: number; whiteouts: number; opaqueDirectories: number }>;
  readonly shape: string;
}

export interface JobFailure {
  readonly code: string;
  readonly message: string;
  /** Every conflicting path, when composition failed on conflicts. */
  readonly conflicts?: readonly Conflict[];
}

export type DriveWorkerEvent =
  | { readonly kind: 'progress'; readonly progress: JobProgress }
  | { readonly kind: 'composed'; readonly result: ComposeJobResult }
  | { readonly kind: 'imported'; readonly result: ImportJobResult }
  | { readonly kind: 'checked'; readonly result: CompositionCheck }
  | { readonly kind: 'failed'; readonly failure: JobFailure };
