/**
 * Bundle stores keyed by id (carti-formats.md §6). The Node store (`disk-store.node.ts`) uses carti's layout
 * `<base>/<id>/<fileName>` + `carti-meta.json`, so carti and Carti Studio can share a store. The browser
 * store (OPFS or IndexedDB) implements `BrowserBundleStore`; only verified bytes are ever put in a store.
 */
import type { Bundle } from '../carti/types';

export type StoreScope = 'local' | 'global';

/** A bundle present in a store. */
export interface StoredBundle {
  readonly bundle: Bundle;
  readonly sizeBytes: number;
}

/** Node: the stored file is on disk. */
export interface DiskStoredBundle extends StoredBundle {
  readonly path: string;
  readonly scope: StoreScope;
}

/**
 * Browser store, implemented by the web app. `put` receives bytes already verified against `bundle.id`
 * (lib/fetch `downloadVerified`), and must be atomic: a reader never sees a partial file.
 */
export interface BrowserBundleStore {
  has(id: string): Promise<boolean>;
  get(id: string): Promise<StoredBundle | undefined>;
  /** The file's bytes as a Blob (File.stream() then feeds the emulator without a second copy). */
  read(id: string): Promise<Blob | undefined>;
  put(bundle: Bundle, verified: Blob | Uint8Array): Promise<StoredBundle>;
  list(): Promise<StoredBundle[]>;
  remove(id: string): Promise<void>;
}

/** How a bundle arrived in the browser store: added from the user's own file, or a verified download. */
export type BrowserStoreOrigin = 'file' | 'download';

/** A bundle in the browser store, with its index record (issue 4: size, id, last use). */
export interface BrowserStoredBundle extends StoredBundle {
  /** Milliseconds since the epoch. */
  readonly storedAt: number;
  readonly lastUsedAt: number;
  readonly origin: BrowserStoreOrigin;
  /** carti's `bundle -d` description: not part of the record (§3.1), kept here (§11). */
  readonly description?: string;
}

export interface BrowserPutOptions {
  readonly origin?: BrowserStoreOrigin;
  readonly description?: string;
  /** Bytes written (and hashed) so far. */
  readonly onProgress?: (doneBytes: number) => void;
  readonly signal?: AbortSignal;
}

/** A bundle record without its id: the id is computed from the bytes while they are stored. */
export type UnidentifiedBundle = Omit<Bundle, 'id'>;

/** Usage and quota of the origin's storage (navigator.storage.estimate), and the store's own total. */
export interface StorageEstimateBytes {
  readonly storedBytes: number;
  readonly usageBytes?: number;
  readonly quotaBytes?: number;
  readonly persisted?: boolean;
}

/**
 * The web app's store (lib/store/browser-store.ts): `BrowserBundleStore` plus what the store view and the
 * "own file as a bundle" form need. Every write is verified against the id inside the store.
 */
export interface BrowserStore extends BrowserBundleStore {
  /** Which backend new files go to (OPFS, or IndexedDB where OPFS cannot be written). */
  backendKind(): Promise<'opfs' | 'indexeddb' | 'memory'>;
  get(id: string): Promise<BrowserStoredBundle | undefined>;
  list(): Promise<BrowserStoredBundle[]>;
  put(bundle: Bundle, verified: Blob | Uint8Array | ReadableStream<Uint8Array>, options?: BrowserPutOptions): Promise<BrowserStoredBundle>;
  /** carti's `bundle <src>`: the id is computed while the bytes are written, then the file is committed. */
  addFile(record: UnidentifiedBundle, source: Blob | Uint8Array | ReadableStream<Uint8Array>, options?: BrowserPutOptions): Promise<BrowserStoredBundle>;
  /** Records a use (a boot, a download of the file). */
  touch(id: string): Promise<void>;
  /** Same as `remove`. */
  delete(id: string): Promise<void>;
  estimate(): Promise<StorageEstimateBytes>;
  /** Asks the browser not to evict the store; true when storage is (now) persistent. */
  persist(): Promise<boolean>;
  /** Called after any change, in this tab or another one; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}
