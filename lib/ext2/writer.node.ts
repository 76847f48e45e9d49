/** Node helpers for the ext2 writer: stream an image to a file, and a file-backed ByteSource for contents. */
import { open, rename, rm } from 'node:fs/promises';
import { tempPathFor } from '../store/file-sink.node.ts';
import { CartiError } from '../machine/errors';
import { type Ext2WriteOptions, planExt2, writeExt2 } from './writer';
import type { ByteSource, FileTree } from './tree';

/**
 * Plans and streams the image to `path`; returns the image size in bytes. The bytes go to a temp file beside
 * `path` that is renamed into place at the end, so a failure leaves no partial image.
 */
export async function writeExt2ToFile(tree: FileTree, path: string, options: Ext2WriteOptions = {}): Promise<number> {
  const plan = planExt2(tree, { inputName: path, ...options });
  const tempPath = tempPathFor(path);
  const file = await open(tempPath, 'wx');
  try {
    await writeExt2(plan, async (offset, bytes) => {
      let written = 0;
      while (written < bytes.length) {
        const result = await file.write(bytes, written, bytes.length - written, offset + written);
        written += result.bytesWritten;
      }
    });
    await file.sync();
    await file.close();
    await rename(tempPath, path);
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
  return plan.imageSizeBytes;
}

/** A ByteSource reading `sizeBytes` bytes of a file on disk (opened per read, so thousands cost no handles). */
export function fileByteSource(path: string, sizeBytes: number): ByteSource {
  return {
    sizeBytes,
    async read(offsetBytes, lengthBytes) {
      const file = await open(path, 'r');
      try {
        const bytes = new Uint8Array(lengthBytes);
        let filled = 0;
        while (filled < lengthBytes) {
          const { bytesRead } = await file.read(bytes, filled, lengthBytes - filled, offsetBytes + filled);
          if (bytesRead === 0) throw new CartiError('EXT2_SOURCE_READ', path, `byte ${offsetBytes + filled}`, 'the file ended early (did it change?)');
          filled += bytesRead;
        }
        return bytes;
      } finally {
        await file.close();
      }
    },
  };
}
