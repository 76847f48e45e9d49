'use client';
/**
 * Opening `/compose#ipfs=<cid>` (issue 6): the fragment is cleared (a reload must not load it again), the
 * machine package is read through the configured gateways, and handed to the composer's `offer` (which asks
 * before replacing a non-empty draft and then follows the package's `repos`, the published `ipfs://` listing).
 */
import { useEffect } from 'react';
import type { CartiPackage } from '@/lib/carti/types';
import { currentIpfsSettings } from './current-settings';
import { ipfsCidOfFragment, loadIpfsPackage } from './ipfs-share-link';

export interface IpfsShareLinkHandlers {
  /** Whether the composer's persisted draft is loaded (offering earlier would be overwritten by it). */
  readonly ready: boolean;
  readonly offer: (title: string, pkg: CartiPackage) => void;
  readonly onMessage: (message: { tone: 'error' | 'info'; text: string }) => void;
}

export function useIpfsShareLink({ ready, offer, onMessage }: IpfsShareLinkHandlers): void {
  useEffect(() => {
    if (!ready) return;
    // No "still mounted" guard: the fragment is consumed by the first run, and React's development double
    // effect would otherwise drop the load it started. A late message after leaving the page is harmless.
    const open = () => {
      const cid = ipfsCidOfFragment(window.location.hash);
      if (cid === undefined) return;
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
      onMessage({ tone: 'info', text: `Loading the machine ipfs://${cid} through your IPFS gateways…` });
      void currentIpfsSettings()
        .then((settings) => loadIpfsPackage(cid, settings))
        .then(
          ({ pkg, url }) => {
            onMessage({ tone: 'info', text: `Loaded the machine from ${url}.` });
            offer(`Replace the current draft with the machine ipfs://${cid}?`, pkg);
          },
          (error: unknown) => onMessage({ tone: 'error', text: error instanceof Error ? error.message : String(error) }),
        );
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, [ready, offer, onMessage]);
}
