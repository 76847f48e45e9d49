/**
 * Where tar bytes come from. A random-access `ByteSource` (a file, an image in memory, a blob) lets entries keep
 * lazy views of their content; a stream (gzip output, a download) is read once, so entry contents are copied
 * into memory as they pass. Compression is detected from the first bytes (spec §2.1: gzip `1f 8b`, zstd
 * `28 b5 2f fd`, anything else is plain tar), never from a name or media type.
 */
import { streamChunks } from '../stream/chunks';
import { CartiError } from '../machine/errors';
import { bytesSource, type ByteSource } from '../ext2/tree';
import { unzstd } from './unzstd';

export type TarInput = Uint8Array | ByteSource | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
export type Compression = 'none' | 'gzip' | 'zstd';

const SOURCE_CHUNK_BYTES = 1 << 20;

export function isByteSource(input: unknown): input is ByteSource {
  return typeof input === 'object' && input !== null && 'sizeBytes' in input && typeof (input as ByteSource).read === 'function';
}

export function detectCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/** A source read front to back in 1 MiB chunks. */
export async function* sourceChunks(source: ByteSource, start = 0): AsyncGenerator<Uint8Array> {
  for (let offset = start; offset < source.sizeBytes; offset += SOURCE_CHUNK_BYTES) {
    yield await source.read(offset, Math.min(SOURCE_CHUNK_BYTES, source.sizeBytes - offset));
  }
}

/** Decompresses gzip with the platform's DecompressionStream (Node 18+, every current browser). */
export async function* gunzip(chunks: AsyncIterable<Uint8Array>, inputName: string): AsyncGenerator<Uint8Array> {
  const decompressor = new DecompressionStream('gzip');
  const writer = decompressor.writable.getWriter();
  // Feed in the background; errors surface on the reading side.
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) await writer.write(chunk as Uint8Array<ArrayBuffer>);
      await writer.close();
    } catch (error) {
      await writer.abort(error).catch(() => undefined);
    }
  })();
  let produced = 0;
  const reader = decompressor.readable.getReader();
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        if (error instanceof CartiError) throw error;
        throw new CartiError('TAR_BAD_GZIP', inputName, `uncompressed byte ${produced}`, `the gzip stream is corrupt or truncated (${(error as Error)?.message ?? String(error)})`);
      }
      if (result.done) break;
      produced += result.value.byteLength;
      yield result.value;
    }
  } finally {
    // Cancelling also fails a pending write, so the feeder stops when the consumer stops early.
    await reader.cancel().catch(() => undefined);
    await feeding;
  }
}

/**
 * Byte reader over either kind of input, with the position in the (uncompressed) tar stream. `view` gives a
 * lazy ByteSource for random-access inputs, or undefined for streams (the caller then copies).
 */
export interface TarBytes {
  readonly position: number;
  /** Exactly `length` bytes, or fewer only at the end of the input. */
  read(length: number): Promise<Uint8Array>;
  /** Skips up to `length` bytes; returns how many were skipped. */
  skip(length: number): Promise<number>;
  view(length: number): ByteSource | undefined;
}

export class RandomAccessBytes implements TarBytes {
  position = 0;
  constructor(private readonly source: ByteSource) {}
  async read(length: number): Promise<Uint8Array> {
    const available = Math.max(0, Math.min(length, this.source.sizeBytes - this.position));
    const bytes = available === 0 ? new Uint8Array(0) : await this.source.read(this.position, available);
    this.position += available;
    return bytes;
  }
  async skip(length: number): Promise<number> {
    const skipped = Math.max(0, Math.min(length, this.source.sizeBytes - this.position));
    this.position += skipped;
    return skipped;
  }
  view(length: number): ByteSource {
    const start = this.position;
    const source = this.source;
    return { sizeBytes: length, read: (offset, count) => source.read(start + offset, count) };
  }
  remaining(): number {
    return this.source.sizeBytes - this.position;
  }
}

export class StreamBytes implements TarBytes {
  position = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private ended = false;
  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  private async fill(length: number): Promise<void> {
    while (this.pendingBytes < length && !this.ended) {
      const next = await this.chunks.next();
      if (next.done) this.ended = true;
      else if (next.value.byteLength > 0) {
        this.pending.push(next.value);
        this.pendingBytes += next.value.byteLength;
      }
    }
  }

  async read(length: number): Promise<Uint8Array> {
    await this.fill(length);
    const count = Math.min(length, this.pendingBytes);
    const result = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const head = this.pending[0];
      const take = Math.min(head.byteLength, count - filled);
      result.set(head.subarray(0, take), filled);
      filled += take;
      if (take === head.byteLength) this.pending.shift();
      else this.pending[0] = head.subarray(take);
    }
    this.pendingBytes -= count;
    this.position += count;
    return result;
  }

  async skip(length: number): Promise<number> {
    let skipped = 0;
    while (skipped < length) {
      await this.fill(1);
      if (this.pendingBytes === 0) break;
      const head = this.pending[0];
      const take = Math.min(head.byteLength, length - skipped);
      if (take === head.byteLength) this.pending.shift();
      else this.pending[0] = head.subarray(take);
      this.pendingBytes -= take;
      skipped += take;
    }
    this.position += skipped;
    return skipped;
  }

  view(): undefined {
    return undefined;
  }
}

/** Opens an input for the tar reader: detects gzip and zstd (each decompressed as a stream). */
export async function openTarBytes(given: TarInput, inputName: string): Promise<{ bytes: TarBytes; compression: Compression }> {
  const input = given instanceof Uint8Array ? bytesSource(given) : given;
  if (isByteSource(input)) {
    const head = await input.read(0, Math.min(4, input.sizeBytes));
    const compression = detectCompression(head);
    if (compression === 'zstd') return { bytes: new StreamBytes(unzstd(sourceChunks(input), inputName)[Symbol.asyncIterator]()), compression };
    if (compression === 'gzip') return { bytes: new StreamBytes(gunzip(sourceChunks(input), inputName)[Symbol.asyncIterator]()), compression };
    return { bytes: new RandomAccessBytes(input), compression };
  }
  const chunks = streamChunks(input)[Symbol.asyncIterator]();
  // Peek at the first chunk, then put it back in front of the rest.
  const first = await chunks.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  async function* all(): AsyncGenerator<Uint8Array> {
    if (!first.done) yield first.value;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  const compression = detectCompression(head);
  const plain = compression === 'gzip' ? gunzip(all(), inputName) : compression === 'zstd' ? unzstd(all(), inputName) : all();
  return { bytes: new StreamBytes(plain[Symbol.asyncIterator]()), compression };
}
