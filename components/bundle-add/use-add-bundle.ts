'use client';
/**
 * The add-a-file flow: the file is streamed once through the store, which computes its id while writing
 * (carti's `bundle`, carti-formats.md §11) — or, with an expected id, refuses bytes that do not match it.
 */
import { useCallback, useRef, useState } from 'react';
import { CartiError } from '@/lib/carti/errors';
import { getBrowserStore } from '@/lib/store/browser-store';
import type { BrowserStoredBundle, UnidentifiedBundle } from '@/lib/store/types';

const PROGRESS_INTERVAL_MS = 50;

export type AddPhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'storing'; readonly doneBytes: number; readonly totalBytes: number }
  | { readonly kind: 'stored'; readonly stored: BrowserStoredBundle }
  | { readonly kind: 'failed'; readonly error: CartiError };

export interface AddRequest {
  readonly file: File;
  readonly record: UnidentifiedBundle;
  readonly description?: string;
  /** When given (an id from a listing), the file must have this id. */
  readonly expectedId?: string;
}

function asCartiError(error: unknown, input: string): CartiError {
  if (error instanceof CartiError) return error;
  return new CartiError('io', input, '(file)', error instanceof Error ? error.message : String(error));
}

export function useAddBundle() {
  const [phase, setPhase] = useState<AddPhase>({ kind: 'idle' });
  const abort = useRef<AbortController | undefined>(undefined);

  const add = useCallback(async ({ file, record, description, expectedId }: AddRequest) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'storing', doneBytes: 0, totalBytes: file.size });
    // A stream chunk is 64 KiB: re-render at most every PROGRESS_INTERVAL_MS, not once per chunk.
    let shownAt = 0;
    const options = {
      origin: 'file' as const,
      ...(description ? { description } : {}),
      signal: controller.signal,
      onProgress: (doneBytes: number) => {
        const time = performance.now();
        if (time - shownAt < PROGRESS_INTERVAL_MS && doneBytes < file.size) return;
        shownAt = time;
        setPhase({ kind: 'storing', doneBytes, totalBytes: file.size });
      },
    };
    const store = getBrowserStore();
    try {
      const stored = expectedId
        ? await store.put({ ...record, id: expectedId }, file, options)
        : await store.addFile(record, file, options);
      if (abort.current === controller) setPhase({ kind: 'stored', stored });
    } catch (error) {
      if (abort.current === controller) setPhase({ kind: 'failed', error: asCartiError(error, file.name) });
    }
  }, []);

  const cancel = useCallback(() => abort.current?.abort(), []);
  const reset = useCallback(() => setPhase({ kind: 'idle' }), []);
  return { phase, add, cancel, reset };
}
