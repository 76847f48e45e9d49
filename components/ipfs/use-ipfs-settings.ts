'use client';
/** The IPFS settings in a component, hydrated from localStorage once after mount. */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { ipfsSettingsStore, type IpfsSettingsState } from './ipfs-settings-store';

export function useIpfsSettings<T>(select: (state: IpfsSettingsState) => T): T {
  useEffect(() => {
    void ipfsSettingsStore.persist?.rehydrate();
  }, []);
  return useStore(ipfsSettingsStore, select);
}
