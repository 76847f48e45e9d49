/**
 * The two halves of the browser store, behind small interfaces so the store's rules (verify while writing,
 * index only after commit) are one piece of code tested in Node, and OPFS / IndexedDB are thin adapters.
 * - A blob backend holds file bytes keyed by id. Writes go to a sink; `commit(id)` makes them readable under
 *   the id in one step; `abort()` leaves nothing behind.
 * - An index backend holds one entry per stored bundle. An entry exists only for a committed blob, so a
 *   reader who goes through the index never sees a partial file.
 */
import type { Bundle } from '../carti/types';
import type { BrowserStoreOrigin } from './types';

export type BlobBackendKind = 'opfs' | 'indexeddb' | 'memory';

export interface BlobSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Makes the written bytes readable as `id` (replacing any file of that id) and returns their size. */
  commit(id: string): Promise<number>;
  /** Drops everything written; safe to call after a failed write. */
  abort(): Promise<void>;
}

export interface BlobBackend {
  readonly kind: BlobBackendKind;
  begin(): Promise<BlobSink>;
  read(id: string): Promise<Blob | undefined>;
  delete(id: string): Promise<void>;
}

/** What the index keeps per bundle (issue 4: record, size, stored and last-used times, origin). */
export interface IndexEntry {
  readonly id: string;
  readonly bundle: Bundle;
  readonly sizeBytes: number;
  readonly storedAt: number;
  readonly lastUsedAt: number;
  readonly origin: BrowserStoreOrigin;
  readonly description?: string;
  /** The blob backend that holds the bytes (a store may change backend; old files stay readable). */
  readonly backend: BlobBackendKind;
}

export interface IndexBackend {
  get(id: string): Promise<IndexEntry | undefined>;
  put(entry: IndexEntry): Promise<void>;
  delete(id: string): Promise<void>;
  list(): Promise<IndexEntry[]>;
}

/** In-memory backends: Node tests, and browsers where neither OPFS nor IndexedDB is available. */
export function memoryBlobBackend(): BlobBackend & { readonly files: ReadonlyMap<string, Blob> } {
  const files = new Map<string, Blob>();
  return {
    kind: 'memory',
    files,
    async begin() {
      let parts: Uint8Array[] | undefined = [];
      return {
        async write(chunk) {
          if (!parts) throw new Error('write after commit or abort');
          parts.push(chunk.slice());
        },
        async commit(id) {
          if (!parts) throw new Error('commit after commit or abort');
          const blob = new Blob(parts as BlobPart[]);
          parts = undefined;
          files.set(id, blob);
          return blob.size;
        },
        async abort() {
          parts = undefined;
        },
      };
    },
    async read(id) {
      return files.get(id);
    },
    async delete(id) {
      files.delete(id);
    },
  };
}

export function memoryIndexBackend(): IndexBackend {
  const entries = new Map<string, IndexEntry>();
  return {
    async get(id) {
      return entries.get(id);
    },
    async put(entry) {
      entries.set(entry.id, entry);
    },
    async delete(id) {
      entries.delete(id);
    },
    async list() {
      return [...entries.values()];
    },
  };
}
