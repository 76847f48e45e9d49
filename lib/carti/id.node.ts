/** Node helper: id of a file, streamed in 1 MiB chunks so the file is never held in memory (§2.1). */
import { open } from 'node:fs/promises';
import { idOfStream, type IdProgress } from './id';

const CHUNK_BYTES = 1 << 20;

export async function idOfFile(path: string, onProgress?: IdProgress): Promise<string> {
  // Open first: an open error (ENOENT…) then rejects here instead of surfacing as an unhandled stream event.
  const handle = await open(path, 'r');
  try {
    return await idOfStream(handle.createReadStream({ highWaterMark: CHUNK_BYTES, autoClose: false }) as AsyncIterable<Uint8Array>, onProgress);
  } finally {
    await handle.close();
  }
}
