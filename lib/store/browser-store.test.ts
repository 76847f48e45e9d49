import { describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { HELLO_ID, idOfBytes } from '../carti/id';
import type { Bundle } from '../carti/types';
import { memoryBlobBackend, memoryIndexBackend, type BlobBackend } from './browser-backends';
import { createBrowserStore, type ChannelLike } from './browser-store';

const hello = new TextEncoder().encode('hello');
const helloBundle: Bundle = { bundleType: 'flashdrive', name: 'greeting', fileName: 'hello.txt', id: HELLO_ID, version: '1.0.0' };

function pattern(lengthBytes: number): Uint8Array {
  const bytes = new Uint8Array(lengthBytes);
  for (let i = 0; i < lengthBytes; i += 1) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
}

function setup(options: { blobs?: BlobBackend; now?: () => number; storage?: Parameters<typeof createBrowserStore>[0]['storage']; channel?: ChannelLike } = {}) {
  const index = memoryIndexBackend();
  const files = memoryBlobBackend();
  const blobs = options.blobs ?? files;
  const store = createBrowserStore({ open: async () => ({ index, blobs: [blobs] }), now: options.now, storage: options.storage, channel: options.channel && (() => options.channel) });
  return { store, index, files };
}

async function bytesOf(blob: Blob | undefined): Promise<Uint8Array | undefined> {
  return blob && new Uint8Array(await blob.arrayBuffer());
}

function erroringStream(first: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(first);
      } else {
        controller.error(new Error('disk unplugged'));
      }
    },
  });
}

describe('browser store put', () => {
  it('stores bytes whose id matches and reads them back', async () => {
    const { store } = setup();
    await store.put(helloBundle, hello);
    expect(await bytesOf(await store.read(HELLO_ID))).toEqual(hello);
    expect(await store.get(HELLO_ID)).toMatchObject({ bundle: helloBundle, sizeBytes: 5, origin: 'download' });
  });

  it('refuses tampered bytes with id-mismatch and keeps neither file nor entry', async () => {
    const { store, files } = setup();
    const tampered = new TextEncoder().encode('hellO');
    const error = await store.put(helloBundle, tampered).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CartiError);
    expect((error as CartiError).code).toBe('id-mismatch');
    expect((error as CartiError).message).toContain('hello.txt');
    expect(await store.has(HELLO_ID)).toBe(false);
    expect(files.files.size).toBe(0);
  });

  it('verifies a stream while writing it and refuses a mismatch', async () => {
    const { store, files } = setup();
    const stream = new Blob([new TextEncoder().encode('goodbye')]).stream();
    await expect(store.put(helloBundle, stream)).rejects.toMatchObject({ code: 'id-mismatch' });
    expect(files.files.size).toBe(0);
  });

  it('refuses a record whose id is not a carti id before writing', async () => {
    const { store, files } = setup();
    await expect(store.put({ ...helloBundle, id: 'Qm-not-an-id' }, hello)).rejects.toMatchObject({ code: 'bad-id' });
    expect(files.files.size).toBe(0);
  });

  it('refuses a record whose fileName is not a plain file name', async () => {
    const { store } = setup();
    await expect(store.put({ ...helloBundle, fileName: '../escape' }, hello)).rejects.toBeInstanceOf(CartiError);
  });

  it('keeps nothing when the source fails part way', async () => {
    const { store, files } = setup();
    const error = await store.put(helloBundle, erroringStream(hello)).catch((e: unknown) => e);
    expect((error as CartiError).code).toBe('io');
    expect((error as CartiError).message).toContain('disk unplugged');
    expect(files.files.size).toBe(0);
    expect(await store.list()).toEqual([]);
  });

  it('stops and keeps nothing when the signal is aborted', async () => {
    const { store, files } = setup();
    const controller = new AbortController();
    const bytes = pattern(3 << 20);
    const pending = store.put(helloBundle, bytes, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(files.files.size).toBe(0);
  });

  it('writes the index entry only after the file is committed', async () => {
    const files = memoryBlobBackend();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let committing!: () => void;
    const reachedCommit = new Promise<void>((resolve) => (committing = resolve));
    const slow: BlobBackend = {
      ...files,
      async begin() {
        const sink = await files.begin();
        return { ...sink, commit: async (id) => { committing(); await gate; return sink.commit(id); } };
      },
    };
    const { store } = setup({ blobs: slow });
    const pending = store.put(helloBundle, hello);
    await reachedCommit;
    expect(await store.has(HELLO_ID)).toBe(false);
    expect(await store.read(HELLO_ID)).toBeUndefined();
    release();
    await pending;
    expect(await store.has(HELLO_ID)).toBe(true);
  });
});

describe('browser store writes', () => {
  it('gathers small stream chunks into writes of at most 1 MiB, keeping every byte in order', async () => {
    const files = memoryBlobBackend();
    const writes: number[] = [];
    const counting: BlobBackend = {
      ...files,
      async begin() {
        const sink = await files.begin();
        return { ...sink, write: async (chunk) => { writes.push(chunk.byteLength); await sink.write(chunk); } };
      },
    };
    const { store } = setup({ blobs: counting });
    const bytes = pattern((2 << 20) + 12_345);
    const chunkBytes = 64 << 10;
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + chunkBytes));
        offset += chunkBytes;
      },
    });
    const stored = await store.addFile({ bundleType: 'raw', name: 'chunks', fileName: 'c.bin', version: '1' }, stream);
    expect(writes).toEqual([1 << 20, 1 << 20, 12_345]);
    expect(await bytesOf(await store.read(stored.bundle.id))).toEqual(bytes);
  });
});

describe('browser store write failures', () => {
  it('a write that fails in the backend leaves nothing and names the byte reached', async () => {
    const files = memoryBlobBackend();
    let writes = 0;
    const failing: BlobBackend = {
      ...files,
      async begin() {
        const sink = await files.begin();
        return { ...sink, write: async (chunk) => { writes += 1; if (writes === 2) throw new Error('quota exceeded'); await sink.write(chunk); } };
      },
    };
    const { store } = setup({ blobs: failing });
    const error = await store.addFile({ bundleType: 'raw', name: 'big', fileName: 'b.bin', version: '1' }, pattern(4 << 20)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'io' });
    expect((error as CartiError).message).toMatch(/^b\.bin: byte \d+: cannot write to the browser store \(quota exceeded\)/);
    expect(files.files.size).toBe(0);
    expect(await store.list()).toEqual([]);
  });
});

describe('browser store addFile', () => {
  it('computes the id of the bytes as lib/carti does and records the file origin and description', async () => {
    const { store } = setup();
    const bytes = pattern(70_000);
    const stored = await store.addFile({ bundleType: 'raw', name: 'mine', fileName: 'mine.bin', version: '0.1.0' }, new Blob([bytes as BlobPart]), { description: 'my data' });
    expect(stored.bundle.id).toBe(await idOfBytes(bytes));
    expect(stored).toMatchObject({ sizeBytes: 70_000, origin: 'file', description: 'my data' });
    expect(await bytesOf(await store.read(stored.bundle.id))).toEqual(bytes);
  });

  it('reports progress in bytes up to the full size', async () => {
    const { store } = setup();
    const progress: number[] = [];
    await store.addFile({ bundleType: 'ram', name: 'k', fileName: 'k.bin', version: '1' }, pattern(3 << 20), { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1 << 20, 2 << 20, 3 << 20]);
  });

  it('refuses a record without a name before reading the file', async () => {
    const { store, files } = setup();
    await expect(store.addFile({ bundleType: 'raw', name: undefined as unknown as string, fileName: 'a.bin', version: '1' }, hello)).rejects.toMatchObject({ code: 'missing-field' });
    expect(files.files.size).toBe(0);
  });
});

describe('browser store bookkeeping', () => {
  it('touch moves a bundle to the front of the list by last use', async () => {
    let clock = 1000;
    const { store } = setup({ now: () => clock });
    await store.put(helloBundle, hello);
    clock = 2000;
    const other = await store.addFile({ bundleType: 'raw', name: 'other', fileName: 'o.bin', version: '1' }, pattern(10));
    expect((await store.list()).map((s) => s.bundle.id)).toEqual([other.bundle.id, HELLO_ID]);
    clock = 3000;
    await store.touch(HELLO_ID);
    const listed = await store.list();
    expect(listed.map((s) => s.bundle.id)).toEqual([HELLO_ID, other.bundle.id]);
    expect(listed[0]).toMatchObject({ storedAt: 1000, lastUsedAt: 3000 });
  });

  it('delete removes the entry and the file', async () => {
    const { store, files } = setup();
    await store.put(helloBundle, hello);
    await store.delete(HELLO_ID);
    expect(await store.get(HELLO_ID)).toBeUndefined();
    expect(files.files.size).toBe(0);
  });

  it('forgets an entry whose file went missing instead of returning nothing forever', async () => {
    const { store, files } = setup();
    await store.put(helloBundle, hello);
    await files.delete(HELLO_ID);
    expect(await store.read(HELLO_ID)).toBeUndefined();
    expect(await store.has(HELLO_ID)).toBe(false);
  });

  it('estimate adds the stored sizes and passes on usage, quota and persistence', async () => {
    const { store } = setup({ storage: { estimate: async () => ({ usage: 1234, quota: 99999 }), persisted: async () => true } });
    await store.put(helloBundle, hello);
    await store.addFile({ bundleType: 'raw', name: 'ten', fileName: 't.bin', version: '1' }, pattern(10));
    expect(await store.estimate()).toEqual({ storedBytes: 15, usageBytes: 1234, quotaBytes: 99999, persisted: true });
  });

  it('persist returns what the browser granted', async () => {
    const { store } = setup({ storage: { persist: async () => true } });
    expect(await store.persist()).toBe(true);
    expect(await setup().store.persist()).toBe(false);
  });

  it('tells subscribers and other tabs about each change', async () => {
    const posted: unknown[] = [];
    const channel: ChannelLike = { postMessage: (m) => posted.push(m), onmessage: null };
    const { store } = setup({ channel });
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    await store.put(helloBundle, hello);
    await store.remove(HELLO_ID);
    expect(calls).toBe(2);
    expect(posted).toHaveLength(2);
    channel.onmessage?.({ data: 'changed' } as MessageEvent);
    expect(calls).toBe(3);
    unsubscribe();
    channel.onmessage?.({ data: 'changed' } as MessageEvent);
    expect(calls).toBe(3);
  });
});
