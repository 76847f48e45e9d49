import { describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { DEFAULT_IPFS_SETTINGS } from '@/lib/ipfs/settings';
import { createIpfsSettingsStore, gatewaysFromText, IPFS_SETTINGS_STORAGE_KEY } from './ipfs-settings-store';

function memoryStorage(initial: Record<string, string> = {}): StateStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => { data[key] = value; }, removeItem: (key) => { delete data[key]; } };
}

describe('ipfs settings store', () => {
  it('starts with the local defaults', () => {
    expect(createIpfsSettingsStore(() => memoryStorage()).getState().settings).toEqual(DEFAULT_IPFS_SETTINGS);
  });

  it('keeps gateways in the order given, one per line', () => {
    const store = createIpfsSettingsStore(() => memoryStorage());
    expect(store.getState().saveSettings('http://127.0.0.1:5001', 'https://b.example\n\nhttps://a.example')).toBeUndefined();
    expect(store.getState().settings.gateways).toEqual(['https://b.example', 'https://a.example']);
  });

  it('refuses an unusable gateway and keeps the previous settings', () => {
    const store = createIpfsSettingsStore(() => memoryStorage());
    const error = store.getState().saveSettings('http://127.0.0.1:5001', 'ftp://nope');
    expect(error?.message).toMatch(/gateway 1/);
    expect(store.getState().settings).toEqual(DEFAULT_IPFS_SETTINGS);
  });

  it('accepts an empty node URL as gateways only', () => {
    const store = createIpfsSettingsStore(() => memoryStorage());
    store.getState().saveSettings('', 'https://gw.example');
    expect(store.getState().settings.rpcUrl).toBeUndefined();
  });

  it('restores saved settings after rehydration', async () => {
    const storage = memoryStorage();
    createIpfsSettingsStore(() => storage).getState().saveSettings('http://127.0.0.1:7001', 'https://gw.example');
    const second = createIpfsSettingsStore(() => storage);
    await second.persist?.rehydrate();
    expect(second.getState().settings).toEqual({ rpcUrl: 'http://127.0.0.1:7001', gateways: ['https://gw.example'] });
  });

  it('keeps the defaults (with the local node) when nothing was saved yet', async () => {
    const store = createIpfsSettingsStore(() => memoryStorage());
    await store.persist?.rehydrate();
    expect(store.getState().settings).toEqual(DEFAULT_IPFS_SETTINGS);
  });

  it('falls back to the defaults when the stored value is unusable', async () => {
    const storage = memoryStorage({ [IPFS_SETTINGS_STORAGE_KEY]: JSON.stringify({ state: { settings: { rpcUrl: 'javascript:alert(1)', gateways: [] } }, version: 1 }) });
    const store = createIpfsSettingsStore(() => storage);
    await store.persist?.rehydrate();
    expect(store.getState().settings).toEqual(DEFAULT_IPFS_SETTINGS);
  });
});

describe('gatewaysFromText', () => {
  it('splits on lines and commas and drops blanks', () => {
    expect(gatewaysFromText(' a \n\n b, c ')).toEqual(['a', 'b', 'c']);
  });
});
