/**
 * The browser bundle store (issue 4; carti-formats.md §6.3: "its browser store keys files by id in OPFS or
 * IndexedDB"). Files live in OPFS (IndexedDB blobs where OPFS cannot be written); a small IndexedDB index
 * keeps each bundle's record, size, stored and last-used times and origin.
 *
 * Rules, enforced here for every backend:
 * - Nothing unverified is kept: the id is recomputed from the bytes while they are written (§2.3), and a
 *   mismatch aborts the write, so no file and no index entry remain.
 * - Atomic: bytes become readable under their id in one step (`commit`), and the index entry is written only
 *   after that, so a reader (who always goes through the index) never sees a partial file.
 *
 * Use `getBrowserStore()` in pages, hooks and workers: one store per JavaScript realm.
 */
import { bundleToJson, parseBundle } from '../carti/bundle';
import { CartiError } from '../carti/errors';
import { checkId, createIdHasher, HELLO_ID } from '../carti/id';
import type { Bundle } from '../carti/types';
import { streamChunks } from '../stream/chunks';
import type { BlobBackend, IndexBackend, IndexEntry } from './browser-backends';
import { memoryBlobBackend, memoryIndexBackend } from './browser-backends';
import type {
  BrowserPutOptions, BrowserStore, BrowserStoredBundle, StorageEstimateBytes, UnidentifiedBundle,
} from './types';

/** Uint8Array sources are written in slices of this size so progress moves and no copy is made. */
const SLICE_BYTES = 1 << 20;
/**
 * Small stream chunks (a File streams in 64 KiB pieces) are gathered into writes of this size: each OPFS
 * write is a round trip to the browser process, and 1 MiB writes measured about twice as fast as 64 KiB.
 */
const WRITE_BATCH_BYTES = 1 << 20;

export type ByteSource = Blob | Uint8Array | ReadableStream<Uint8Array>;

/** The part of `navigator.storage` the store uses (injected so tests and workers can pass their own). */
export interface StorageManagerLike {
  estimate?(): Promise<{ usage?: number; quota?: number }>;
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
}

/** A BroadcastChannel, to tell other tabs that the store changed. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface OpenedBackends {
  readonly index: IndexBackend;
  /** The first one receives new files; the others stay readable (entries name their backend). */
  readonly blobs: readonly BlobBackend[];
}

export interface BrowserStoreOptions {
  /** Opens the backends once, on first use. */
  readonly open: () => Promise<OpenedBackends>;
  readonly storage?: StorageManagerLike;
  /** Made on first use (not at construction, so a server render never opens one). */
  readonly channel?: () => ChannelLike | undefined;
  readonly now?: () => number;
}

function toStored(entry: IndexEntry): BrowserStoredBundle {
  return {
    bundle: entry.bundle, sizeBytes: entry.sizeBytes, storedAt: entry.storedAt, lastUsedAt: entry.lastUsedAt,
    origin: entry.origin, ...(entry.description !== undefined ? { description: entry.description } : {}),
  };
}

async function* chunksOf(source: ByteSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    for (let offset = 0; offset < source.byteLength; offset += SLICE_BYTES) yield source.subarray(offset, offset + SLICE_BYTES);
    return;
  }
  yield* streamChunks(source instanceof Blob ? (source.stream() as ReadableStream<Uint8Array>) : source);
}

/** Throws the first validation error of a record (§3.1), naming the record and the field. */
function checkRecord(bundle: Bundle, input: string): void {
  const { errors } = parseBundle(bundleToJson(bundle), input);
  if (errors.length > 0) throw errors[0];
}

export function createBrowserStore(options: BrowserStoreOptions): BrowserStore {
  const now = options.now ?? Date.now;
  const listeners = new Set<() => void>();
  let opened: Promise<OpenedBackends> | undefined;
  let channel: ChannelLike | undefined | null = null;

  const notifyHere = () => listeners.forEach((listener) => listener());
  const connect = () => {
    if (channel !== null) return channel;
    channel = options.channel?.();
    if (channel) channel.onmessage = () => notifyHere();
    return channel;
  };
  const backends = () => {
    connect();
    return (opened ??= options.open());
  };
  const changed = () => {
    notifyHere();
    connect()?.postMessage('changed');
  };

  async function blobBackendOf(entry: IndexEntry): Promise<BlobBackend | undefined> {
    return (await backends()).blobs.find((backend) => backend.kind === entry.backend);
  }

  /**
   * Writes `source` to a new sink while hashing it; commits it under its id when the id equals `expectedId`
   * (or when no id is expected), else aborts and throws `id-mismatch`. Any failure leaves nothing behind.
   */
  async function writeVerified(source: ByteSource, expectedId: string | undefined, input: string, put: BrowserPutOptions) {
    const { blobs } = await backends();
    const target = blobs[0];
    const sink = await target.begin();
    const hasher = await createIdHasher();
    let sizeBytes = 0;
    // Two batch buffers: one fills (and is hashed) while the other is being written, so hashing and the
    // write round trip overlap. At most one write is in flight (send waits for the previous one), and it is
    // never on the buffer being filled.
    const buffers: Uint8Array[] = [];
    let current = 0;
    let batchedBytes = 0;
    let inFlight: Promise<void> = Promise.resolve();
    const send = async (bytes: Uint8Array) => {
      await inFlight;
      inFlight = sink.write(bytes);
      inFlight.catch(() => undefined); // awaited later; this only stops an "unhandled rejection" report
    };
    const flush = async () => {
      if (batchedBytes === 0) return;
      await send(buffers[current].subarray(0, batchedBytes));
      current ^= 1;
      batchedBytes = 0;
    };
    try {
      for await (const chunk of chunksOf(source)) {
        if (put.signal?.aborted) throw new CartiError('aborted', input, `byte ${sizeBytes}`, 'adding to the store was cancelled; nothing was kept');
        hasher.update(chunk);
        if (chunk.byteLength >= WRITE_BATCH_BYTES) {
          await flush();
          await send(chunk);
        } else {
          if (batchedBytes + chunk.byteLength > WRITE_BATCH_BYTES) await flush();
          buffers[current] ??= new Uint8Array(WRITE_BATCH_BYTES);
          buffers[current].set(chunk, batchedBytes);
          batchedBytes += chunk.byteLength;
        }
        sizeBytes += chunk.byteLength;
        put.onProgress?.(sizeBytes);
      }
      await flush();
      await inFlight;
    } catch (cause) {
      await inFlight.catch(() => undefined);
      await sink.abort();
      if (cause instanceof CartiError) throw cause;
      throw new CartiError('io', input, `byte ${sizeBytes}`, `cannot write to the browser store (${(cause as Error)?.message ?? String(cause)}); nothing was kept`);
    }
    const id = await hasher.finish();
    if (expectedId !== undefined && id !== expectedId) {
      await sink.abort();
      throw new CartiError('id-mismatch', input, `bytes 0-${sizeBytes}`, `the ${sizeBytes} bytes have id ${id}, not ${expectedId}; nothing was stored`);
    }
    try {
      await sink.commit(id);
    } catch (cause) {
      await sink.abort();
      throw new CartiError('io', input, `(${target.kind} file ${id})`, `cannot store the file (${(cause as Error)?.message ?? String(cause)}); nothing was kept`);
    }
    return { id, sizeBytes, backend: target };
  }

  async function record(bundle: Bundle, sizeBytes: number, backend: BlobBackend, put: BrowserPutOptions, defaultOrigin: 'file' | 'download') {
    const { index } = await backends();
    const previous = await index.get(bundle.id);
    const time = now();
    const description = put.description ?? previous?.description;
    const entry: IndexEntry = {
      id: bundle.id, bundle, sizeBytes, storedAt: previous?.storedAt ?? time, lastUsedAt: time,
      origin: put.origin ?? previous?.origin ?? defaultOrigin, backend: backend.kind,
      ...(description !== undefined ? { description } : {}),
    };
    await index.put(entry);
    // The same bytes under another backend (the store switched backend): drop the old copy.
    if (previous && previous.backend !== backend.kind) await (await blobBackendOf(previous))?.delete(previous.id);
    changed();
    return toStored(entry);
  }

  const store: BrowserStore = {
    async backendKind() {
      return (await backends()).blobs[0].kind;
    },
    async has(id) {
      return (await (await backends()).index.get(id)) !== undefined;
    },
    async get(id) {
      const entry = await (await backends()).index.get(id);
      return entry && toStored(entry);
    },
    async read(id) {
      const { index } = await backends();
      const entry = await index.get(id);
      if (!entry) return undefined;
      const blob = await (await blobBackendOf(entry))?.read(id);
      if (blob) return blob;
      // The file went missing (site data partly cleared): forget the entry rather than promise bytes.
      await index.delete(id);
      changed();
      return undefined;
    },
    async put(bundle, verified, put = {}) {
      const input = bundle.fileName || bundle.name || 'bundle';
      checkId(bundle.id, input, 'id');
      checkRecord(bundle, input);
      const written = await writeVerified(verified, bundle.id, input, put);
      return record(bundle, written.sizeBytes, written.backend, put, 'download');
    },
    async addFile(draft, source, put = {}) {
      const input = draft.fileName || draft.name || 'file';
      // Validate everything but the id before reading a byte (the placeholder id is valid by construction).
      checkRecord({ ...draft, id: HELLO_ID }, input);
      const written = await writeVerified(source, undefined, input, put);
      const bundle: Bundle = { ...stripId(draft), id: written.id };
      return record(bundle, written.sizeBytes, written.backend, put, 'file');
    },
    async touch(id) {
      const { index } = await backends();
      const entry = await index.get(id);
      if (!entry) return;
      await index.put({ ...entry, lastUsedAt: now() });
      changed();
    },
    async remove(id) {
      const { index } = await backends();
      const entry = await index.get(id);
      if (!entry) return;
      // Index first: from here on no reader is sent to the file being deleted.
      await index.delete(id);
      await (await blobBackendOf(entry))?.delete(id);
      changed();
    },
    async delete(id) {
      return store.remove(id);
    },
    async list() {
      const entries = await (await backends()).index.list();
      return entries
        .sort((a, b) => b.lastUsedAt - a.lastUsedAt || a.bundle.name.localeCompare(b.bundle.name) || (a.id < b.id ? -1 : 1))
        .map(toStored);
    },
    async estimate(): Promise<StorageEstimateBytes> {
      const storedBytes = (await (await backends()).index.list()).reduce((sum, entry) => sum + entry.sizeBytes, 0);
      const estimate = await options.storage?.estimate?.().catch(() => undefined);
      const persisted = await options.storage?.persisted?.().catch(() => undefined);
      return {
        storedBytes,
        ...(estimate?.usage !== undefined ? { usageBytes: estimate.usage } : {}),
        ...(estimate?.quota !== undefined ? { quotaBytes: estimate.quota } : {}),
        ...(persisted !== undefined ? { persisted } : {}),
      };
    },
    async persist() {
      const granted = (await options.storage?.persist?.().catch(() => false)) ?? false;
      changed();
      return granted;
    },
    subscribe(listener) {
      connect();
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  return store;
}

/** A record given with an `id` anyway (plain JS callers) must not override the computed one. */
function stripId(draft: UnidentifiedBundle): UnidentifiedBundle {
  const { id: _ignored, ...rest } = draft as UnidentifiedBundle & { id?: string };
  return rest;
}

/** An in-memory store (Node tests, and the last resort of `getBrowserStore`). */
export function createMemoryBrowserStore(now?: () => number): BrowserStore {
  const index = memoryIndexBackend();
  const blobs = [memoryBlobBackend()];
  return createBrowserStore({ open: async () => ({ index, blobs }), now });
}

/** localStorage key forcing the IndexedDB blob fallback (`indexeddb`): troubleshooting and tests. */
export const STORE_BACKEND_OVERRIDE_KEY = 'carti-studio:store-backend';
const CHANNEL_NAME = 'carti-studio-store';

function backendOverride(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(STORE_BACKEND_OVERRIDE_KEY);
  } catch {
    return null;
  }
}

/** OPFS first (unless overridden or unwritable), the IndexedDB blobs next; memory without IndexedDB. */
async function openDefaultBackends(): Promise<OpenedBackends> {
  const [{ openStoreDatabase, idbBlobBackend, idbIndexBackend }, { canWriteOpfs, opfsBlobBackend }] = await Promise.all([
    import('./idb-backends'), import('./opfs-blobs'),
  ]);
  if (typeof indexedDB === 'undefined') return { index: memoryIndexBackend(), blobs: [memoryBlobBackend()] };
  const db = await openStoreDatabase();
  const idbBlobs = idbBlobBackend(db);
  const opfs = canWriteOpfs() ? await opfsBlobBackend().catch(() => undefined) : undefined;
  const preferOpfs = opfs !== undefined && backendOverride() !== 'indexeddb';
  const blobs = preferOpfs ? [opfs, idbBlobs] : opfs ? [idbBlobs, opfs] : [idbBlobs];
  return { index: idbIndexBackend(db), blobs };
}

let defaultStore: BrowserStore | undefined;

/**
 * The store of this page or worker (one per realm; tabs see each other's changes through a
 * BroadcastChannel). Backends open on first use, so calling this during render is free.
 */
export function getBrowserStore(): BrowserStore {
  if (defaultStore) return defaultStore;
  const storage = typeof navigator !== 'undefined' ? (navigator.storage as StorageManagerLike | undefined) : undefined;
  const channel = () => (typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL_NAME) : undefined);
  defaultStore = createBrowserStore({ open: openDefaultBackends, storage, channel });
  return defaultStore;
}
