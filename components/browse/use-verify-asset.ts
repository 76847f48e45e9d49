'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CartiError } from '@/lib/carti/errors';
import { verifyAsset, type VerifyProgress, type VerifyResult } from '@/lib/queries/verify-asset';
import { currentIpfsSettings } from '@/components/ipfs/current-settings';

export type VerifyState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly progress: VerifyProgress }
  | { readonly phase: 'done'; readonly result: VerifyResult }
  | { readonly phase: 'failed'; readonly error: CartiError };

/** Runs one verification at a time; progress updates are batched to one per animation frame. */
export function useVerifyAsset(assetUrl: string | undefined, expectedId: string) {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async () => {
    if (!assetUrl) return;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    let pending: VerifyProgress | null = null;
    let frame = 0;
    const flush = () => {
      frame = 0;
      if (pending && !abort.signal.aborted) setState({ phase: 'running', progress: pending });
    };
    setState({ phase: 'running', progress: { doneBytes: 0 } });
    try {
      const result = await verifyAsset({
        assetUrl,
        expectedId,
        pageOrigin: window.location.origin,
        ipfsSettings: currentIpfsSettings,
        signal: abort.signal,
        onProgress: (progress) => {
          pending = progress;
          if (frame === 0) frame = requestAnimationFrame(flush);
        },
      });
      cancelAnimationFrame(frame);
      if (!abort.signal.aborted) setState({ phase: 'done', result });
    } catch (error) {
      cancelAnimationFrame(frame);
      if (abort.signal.aborted) return;
      const typed = error instanceof CartiError ? error : new CartiError('network', assetUrl, '(download)', String(error));
      setState({ phase: 'failed', error: typed });
    }
  }, [assetUrl, expectedId]);

  const cancel = useCallback(() => {
    controller.current?.abort();
    setState({ phase: 'idle' });
  }, []);

  return { state, start, cancel };
}
