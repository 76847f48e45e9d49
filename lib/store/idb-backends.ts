/**
 * IndexedDB halves of the browser store: the index (always) and the blob fallback (where OPFS cannot be
 * written). One database, two object stores: `entries` (index entries keyed by id) and `blobs` (file
 * bytes keyed by id). A blob is written in one transaction, so it is atomic by IndexedDB's own rules.
 */
import type { BlobBackend, IndexBackend, IndexEntry } from './browser-backends';

export const STORE_DATABASE = 'carti-studio-store';
const DATABASE_VERSION = 1;
const ENTRIES = 'entries';
const BLOBS = 'blobs';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export function openStoreDatabase(factory: IDBFactory = indexedDB, name = STORE_DATABASE): Promise<IDBDatabase> {
  const request = factory.open(name, DATABASE_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(BLOBS)) db.createObjectStore(BLOBS);
  };
  return done(request).then((db) => {
    // Another tab upgrading the schema: let it, this tab reopens on next load.
    db.onversionchange = () => db.close();
    return db;
  });
}

export function idbIndexBackend(db: IDBDatabase): IndexBackend {
  const objectStore = (mode: IDBTransactionMode) => db.transaction(ENTRIES, mode).objectStore(ENTRIES);
  return {
    get: (id) => done(objectStore('readonly').get(id) as IDBRequest<IndexEntry | undefined>),
    async put(entry) {
      const store = objectStore('readwrite');
      store.put(entry);
      await committed(store.transaction);
    },
    async delete(id) {
      const store = objectStore('readwrite');
      store.delete(id);
      await committed(store.transaction);
    },
    list: () => done(objectStore('readonly').getAll() as IDBRequest<IndexEntry[]>),
  };
}

export function idbBlobBackend(db: IDBDatabase): BlobBackend {
  return {
    kind: 'indexeddb',
    async begin() {
      // Each chunk becomes a Blob part at once: the browser may keep parts on disk, not in the JS heap.
      let parts: Blob[] | undefined = [];
      return {
        async write(chunk) {
          if (!parts) throw new Error('write after commit or abort');
          parts.push(new Blob([chunk as BlobPart]));
        },
        async commit(id) {
          if (!parts) throw new Error('commit after commit or abort');
          const blob = new Blob(parts);
          parts = undefined;
          const transaction = db.transaction(BLOBS, 'readwrite');
          transaction.objectStore(BLOBS).put(blob, id);
          await committed(transaction);
          return blob.size;
        },
        async abort() {
          parts = undefined;
        },
      };
    },
    read: (id) => done(db.transaction(BLOBS, 'readonly').objectStore(BLOBS).get(id) as IDBRequest<Blob | undefined>),
    async delete(id) {
      const transaction = db.transaction(BLOBS, 'readwrite');
      transaction.objectStore(BLOBS).delete(id);
      await committed(transaction);
    },
  };
}
