/**
 * The web app's IPFS settings (issue 6, "Client and node"): node RPC URL and gateways in order, persisted in
 * localStorage. Values are checked with lib/ipfs `ipfsSettingsFrom` before they are kept, so the store only
 * ever holds usable settings; a refused value comes back as the error to show. Hydration is explicit
 * (`persist.rehydrate()` after mount), as the other persisted stores do.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { CartiError } from '@/lib/carti/errors';
import { DEFAULT_IPFS_SETTINGS, ipfsSettingsFrom, type IpfsSettings } from '@/lib/ipfs/settings';

export const IPFS_SETTINGS_STORAGE_KEY = 'carti-studio.ipfs-settings';

export interface IpfsSettingsState {
  readonly settings: IpfsSettings;
  /** Replace the settings; gateways one per line (blank lines ignored). Returns the error when refused. */
  saveSettings(rpcUrl: string, gatewaysText: string): CartiError | undefined;
  resetSettings(): void;
}

export type IpfsSettingsStore = StoreApi<IpfsSettingsState> & { persist?: { rehydrate(): Promise<void> | void } };

export function gatewaysFromText(text: string): string[] {
  return text.split(/[\n,]/).map((line) => line.trim()).filter((line) => line !== '');
}

export function createIpfsSettingsStore(getStorage: () => StateStorage = () => window.localStorage): IpfsSettingsStore {
  return createStore<IpfsSettingsState>()(
    persist(
      (set) => ({
        settings: DEFAULT_IPFS_SETTINGS,
        saveSettings(rpcUrl, gatewaysText) {
          try {
            set({ settings: ipfsSettingsFrom({ rpcUrl: rpcUrl.trim(), gateways: gatewaysFromText(gatewaysText) }) });
            return undefined;
          } catch (error) {
            return error as CartiError;
          }
        },
        resetSettings() {
          set({ settings: DEFAULT_IPFS_SETTINGS });
        },
      }),
      {
        name: IPFS_SETTINGS_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage<{ settings: IpfsSettings }>(getStorage),
        skipHydration: true,
        partialize: (state) => ({ settings: state.settings }),
        // A hand-edited or older stored value is re-checked; anything unusable falls back to the defaults.
        merge: (persisted, current) => {
          const stored = (persisted as { settings?: Partial<IpfsSettings> } | undefined)?.settings;
          // Nothing saved yet (zustand merges `undefined` then): the defaults, not "no node".
          if (stored === undefined || stored === null) return current;
          try {
            const gateways = Array.isArray(stored?.gateways) ? stored.gateways.filter((item): item is string => typeof item === 'string') : [];
            return { ...current, settings: ipfsSettingsFrom({ rpcUrl: typeof stored?.rpcUrl === 'string' ? stored.rpcUrl : '', gateways }) };
          } catch {
            return current;
          }
        },
      },
    ),
  ) as IpfsSettingsStore;
}

/** The app's store (one per browser tab). */
export const ipfsSettingsStore: IpfsSettingsStore = createIpfsSettingsStore();

// Settings saved in another tab apply here too: localStorage tells the other tabs (the `storage` event).
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === IPFS_SETTINGS_STORAGE_KEY) void ipfsSettingsStore.persist?.rehydrate();
  });
}
