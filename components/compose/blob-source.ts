/**
 * Drive job inputs as lib/ext2 ByteSources. Up to IN_MEMORY_MAX_BYTES a Blob is read whole (one read, then every
 * header and block lookup is a synchronous view); a larger one stays a Blob read by slices, so a multi-GiB
 * image never sits in the worker's memory (the tar reader and the ext2 reader only ask for what they need).
 */
import { bytesSource, type ByteSource } from '../../lib/ext2/tree';

export const IN_MEMORY_MAX_BYTES = 256 << 20;

export function blobByteSource(blob: Blob): ByteSource {
  return {
    sizeBytes: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

export async function jobSource(input: Uint8Array | Blob, inMemoryMaxBytes = IN_MEMORY_MAX_BYTES): Promise<ByteSource> {
  if (input instanceof Uint8Array) return bytesSource(input);
  if (input.size <= inMemoryMaxBytes) return bytesSource(new Uint8Array(await input.arrayBuffer()));
  return blobByteSource(input);
}
