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
