'use client';
/**
 * React access to the browser bundle store (lib/store/browser-store.ts). `useBundleStore()` gives the
 * page's one store (backends open on first call, never during a server render); `useStoredBundles()` and
 * `useStorageEstimate()` re-read after every change in this tab or another one.
 */
import { useCallback, useEffect, useState } from 'react';
import { getBrowserStore } from '@/lib/store/browser-store';
import type { BrowserStore, BrowserStoredBundle, StorageEstimateBytes } from '@/lib/store/types';

export function useBundleStore(): BrowserStore {
  return getBrowserStore();
}

export type StoreRead<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly value: T }
  | { readonly state: 'error'; readonly error: Error };

/** Runs `read` now and after each store change; keeps the last value while re-reading. */
function useStoreRead<T>(read: (store: BrowserStore) => Promise<T>): StoreRead<T> {
  const [result, setResult] = useState<StoreRead<T>>({ state: 'loading' });
  const stableRead = useCallback(read, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    const store = getBrowserStore();
    let live = true;
    let generation = 0;
    const load = () => {
      const mine = (generation += 1);
      stableRead(store).then(
        (value) => live && mine === generation && setResult({ state: 'ok', value }),
        (error: unknown) => live && mine === generation && setResult({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
      );
    };
    load();
    const unsubscribe = store.subscribe(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [stableRead]);
  return result;
}

/** Every stored bundle, most recently used first. */
export function useStoredBundles(): StoreRead<BrowserStoredBundle[]> {
  return useStoreRead((store) => store.list());
}

export function useStorageEstimate(): StoreRead<StorageEstimateBytes> {
  return useStoreRead((store) => store.estimate());
}
