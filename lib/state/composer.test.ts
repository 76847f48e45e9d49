import { beforeAll, describe, expect, it } from 'vitest';
import type { StateStorage } from 'zustand/middleware';
import { serializePackage } from '../carti/package';
import { draftToText, emptyDraft } from '../compose/draft';
import { setRamBundle, setRamLength, setRootBundle } from '../compose/drive-edits';
import { decodeShareFragment, encodeShareFragment } from '../compose/share-link';
import { testBundles, type TestBundles } from '../compose/test-bundles';
import { COMPOSER_STORAGE_KEY, createComposerStore, currentDraft, readPersisted } from './composer';

let b: TestBundles;
beforeAll(async () => { b = await testBundles(); });

function memoryStorage(): StateStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value), removeItem: (key) => void data.delete(key) };
}

describe('composer store', () => {
  it('starts with the empty draft', () => {
    const store = createComposerStore(memoryStorage);
    expect(draftToText(currentDraft(store.getState()))).toBe(draftToText(emptyDraft()));
  });
  it('applies an edit and undoes and redoes it', () => {
    const store = createComposerStore(memoryStorage);
    store.getState().apply((pkg) => setRamBundle(pkg, b.kernel));
    expect(currentDraft(store.getState()).machineConfig.ram.cid).toBe(b.kernel.id);
    store.getState().undo();
    expect(currentDraft(store.getState()).machineConfig.ram.cid).toBe('');
    store.getState().redo();
    expect(currentDraft(store.getState()).machineConfig.ram.cid).toBe(b.kernel.id);
  });
  it('returns the error of a refused edit and records nothing', () => {
    const store = createComposerStore(memoryStorage);
    const result = store.getState().apply((pkg) => setRamLength(pkg, 1000n));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/^machine package: machineConfig\.ram\.length: /);
    expect(store.getState().past).toEqual([]);
  });
  it('makes New an undoable step', () => {
    const store = createComposerStore(memoryStorage);
    store.getState().apply((pkg) => setRamBundle(pkg, b.kernel));
    store.getState().newDraft();
    expect(currentDraft(store.getState()).machineConfig.ram.cid).toBe('');
    store.getState().undo();
    expect(currentDraft(store.getState()).machineConfig.ram.cid).toBe(b.kernel.id);
  });
});

describe('persistence', () => {
  it('survives a reload: a new store reads the draft and its history back, bigints intact', async () => {
    const storage = memoryStorage();
    const first = createComposerStore(() => storage);
    first.getState().apply((pkg) => setRootBundle(setRamBundle(pkg, b.kernel), b.rootfs, 12n << 20n));
    first.getState().apply((pkg) => setRamLength(pkg, 3n << 30n));
    expect(storage.data.has(COMPOSER_STORAGE_KEY)).toBe(true);
    const second = createComposerStore(() => storage);
    await second.persist?.rehydrate();
    expect(currentDraft(second.getState()).machineConfig.ram.length).toBe(3n << 30n);
    second.getState().undo();
    expect(currentDraft(second.getState()).machineConfig.ram.length).toBe(128n << 20n);
  });
  it('ignores an unreadable stored draft', () => {
    expect(readPersisted({ present: '{not json', past: [] })).toBeUndefined();
    expect(readPersisted(null)).toBeUndefined();
  });
  it('keeps a readable draft even when its history is damaged', () => {
    const present = draftToText(emptyDraft());
    expect(readPersisted({ present, past: [1, 2], future: 'x' })).toEqual({ present, past: [], future: [] });
  });
});

describe('share link round trip through the store', () => {
  it('loads the same package in a second store from the link', async () => {
    const sender = createComposerStore(memoryStorage);
    sender.getState().apply((pkg) => setRootBundle(setRamBundle(pkg, b.kernel), b.rootfs, 12n << 20n));
    const fragment = await encodeShareFragment(currentDraft(sender.getState()));
    const receiver = createComposerStore(memoryStorage);
    const shared = await decodeShareFragment(fragment);
    if (!('pkg' in shared)) throw shared;
    receiver.getState().replace(shared.pkg);
    expect(serializePackage(currentDraft(receiver.getState()))).toBe(serializePackage(currentDraft(sender.getState())));
  });
});
