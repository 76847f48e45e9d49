/**
 * The IPFS settings outside React (asset loader, listing loader, share-link loader): the persisted store is
 * hydrated from localStorage once, on first use, so a page that never mounted the settings panel (a fresh
 * tab opening a share link) still uses what the user saved rather than the defaults.
 */
import type { IpfsSettings } from '@/lib/ipfs/settings';
import { ipfsSettingsStore } from './ipfs-settings-store';

let hydrated: Promise<void> | undefined;

export async function currentIpfsSettings(): Promise<IpfsSettings> {
  if (typeof window !== 'undefined') hydrated ??= Promise.resolve(ipfsSettingsStore.persist?.rehydrate()).then(() => undefined);
  await hydrated;
  return ipfsSettingsStore.getState().settings;
}
