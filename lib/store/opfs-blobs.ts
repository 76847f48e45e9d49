/**
 * OPFS half of the browser store: files named by id in the directory `carti-bundles`. A file is written
 * under a temporary name, closed, then renamed to its id only after the store verified it, so a file named
 * by an id is always complete and verified. Same id means same bytes (§2), so an existing file is kept.
 */
import type { BlobBackend, BlobSink } from './browser-backends';

const DIRECTORY = 'carti-bundles';
const TEMP_PREFIX = '.incoming-';
/** Temporary files older than this are left over from a closed tab or a crash. */
const STALE_TEMP_MS = 60 * 60_000;

/** The parts of the File System API used here (`move` and `entries` are not in every lib.dom yet). */
interface MovableFileHandle extends FileSystemFileHandle {
  move?(newName: string): Promise<void>;
}
interface IterableDirectory extends FileSystemDirectoryHandle {
  entries?(): AsyncIterable<[string, FileSystemHandle]>;
}

function isNotFound(error: unknown): boolean {
  return (error as DOMException | undefined)?.name === 'NotFoundError';
}

async function fileIfExists(directory: FileSystemDirectoryHandle, name: string): Promise<File | undefined> {
  try {
    return await (await directory.getFileHandle(name)).getFile();
  } catch (error) {
    if (isNotFound(error) || (error as DOMException | undefined)?.name === 'TypeMismatchError') return undefined;
    throw error;
  }
}

async function removeIfExists(directory: FileSystemDirectoryHandle, name: string): Promise<void> {
  try {
    await directory.removeEntry(name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** True when this browser can write OPFS files from this thread (Safari's main thread cannot). */
export function canWriteOpfs(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function'
    && typeof FileSystemFileHandle !== 'undefined' && 'createWritable' in FileSystemFileHandle.prototype;
}

export async function opfsBlobBackend(root?: FileSystemDirectoryHandle, now: () => number = Date.now): Promise<BlobBackend> {
  const directory = await (root ?? (await navigator.storage.getDirectory())).getDirectoryHandle(DIRECTORY, { create: true });
  void sweepStaleTemps(directory, now).catch(() => undefined);

  async function begin(): Promise<BlobSink> {
    const tempName = `${TEMP_PREFIX}${now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const handle = (await directory.getFileHandle(tempName, { create: true })) as MovableFileHandle;
    const writable = await handle.createWritable();
    let state: 'open' | 'closed' | 'finished' = 'open';
    const dropTemp = () => removeIfExists(directory, tempName).catch(() => undefined);
    return {
      async write(chunk) {
        await writable.write(chunk as FileSystemWriteChunkType);
      },
      async commit(id) {
        await writable.close();
        state = 'closed';
        const existing = await fileIfExists(directory, id);
        if (existing) {
          await dropTemp();
          state = 'finished';
          return existing.size;
        }
        if (typeof handle.move === 'function') {
          await handle.move(id);
        } else {
          // No rename: copy into the final name through a writable, which only appears on close.
          const target = await (await directory.getFileHandle(id, { create: true })).createWritable();
          await (await handle.getFile()).stream().pipeTo(target);
          await dropTemp();
        }
        state = 'finished';
        return (await (await directory.getFileHandle(id)).getFile()).size;
      },
      async abort() {
        if (state === 'open') await writable.abort().catch(() => undefined);
        if (state !== 'finished') await dropTemp();
        state = 'finished';
      },
    };
  }

  return {
    kind: 'opfs',
    begin,
    read: (id) => fileIfExists(directory, id),
    delete: (id) => removeIfExists(directory, id),
  };
}

async function sweepStaleTemps(directory: IterableDirectory, now: () => number): Promise<void> {
  if (typeof directory.entries !== 'function') return;
  const stale: string[] = [];
  for await (const [name, handle] of directory.entries()) {
    if (!name.startsWith(TEMP_PREFIX) || handle.kind !== 'file') continue;
    const file = await (handle as FileSystemFileHandle).getFile();
    if (now() - file.lastModified > STALE_TEMP_MS) stale.push(name);
  }
  await Promise.all(stale.map((name) => removeIfExists(directory, name)));
}
