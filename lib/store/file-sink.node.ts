/**
 * Atomic file writes (issue 2: "a failed download leaves nothing"): bytes go to a temp file in the target's
 * directory; `commit` flushes it and renames it into place (rename is atomic on one file system); `abort`
 * removes it.
 */
import { open, mkdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DownloadSink } from '../fetch/download';

export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** A DownloadSink writing `finalPath` atomically; `commit` returns the final path. */
export function fileSink(finalPath: string): DownloadSink<string> {
  const tempPath = tempPathFor(finalPath);
  let handle: FileHandle | undefined;
  let opening: Promise<FileHandle> | undefined;
  const ensureOpen = async () => {
    if (handle) return handle;
    opening ??= mkdir(dirname(finalPath), { recursive: true }).then(() => open(tempPath, 'wx'));
    handle = await opening;
    return handle;
  };
  return {
    async write(chunk) {
      const file = await ensureOpen();
      let offset = 0;
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await file.write(chunk, offset, chunk.byteLength - offset);
        offset += bytesWritten;
      }
    },
    async commit() {
      const file = await ensureOpen();
      await file.sync();
      await file.close();
      handle = undefined;
      await rename(tempPath, finalPath);
      return finalPath;
    },
    async abort() {
      if (opening) await opening.then((file) => file.close()).catch(() => undefined);
      handle = undefined;
      await rm(tempPath, { force: true });
    },
  };
}

/** Write a small text file atomically (temp + rename). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const sink = fileSink(path);
  try {
    await sink.write(new TextEncoder().encode(text));
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
