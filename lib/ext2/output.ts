/**
 * In-order chunked output. The writer produces the image front to back; this batches it into chunks of about
 * 1 MiB so the sink is called a few hundred times for a 256 MiB image, and zero runs cost no copying.
 */

/**
 * Receives the image in order: successive calls cover `[0, imageSizeBytes)` exactly, without gaps. `bytes` is
 * only valid during the call (or until its promise settles): the buffer is reused, so copy or consume it, and
 * never modify it.
 */
export type Ext2Sink = (offsetBytes: number, bytes: Uint8Array) => void | Promise<void>;

export const CHUNK_BYTES = 1 << 20;
const ZEROS = new Uint8Array(CHUNK_BYTES);

export class OrderedOutput {
  private readonly buffer = new Uint8Array(CHUNK_BYTES);
  private fill = 0;
  private flushedBytes = 0;

  constructor(private readonly sink: Ext2Sink) {}

  get positionBytes(): number {
    return this.flushedBytes + this.fill;
  }

  /** A region of `length` bytes in the buffer for the caller to fill entirely unless `zeroed` (length ≤ 1 MiB). */
  async reserve(length: number, zeroed = true): Promise<Uint8Array> {
    if (this.fill + length > CHUNK_BYTES) await this.flush();
    const region = this.buffer.subarray(this.fill, this.fill + length);
    if (zeroed) region.fill(0);
    this.fill += length;
    return region;
  }

  async write(bytes: Uint8Array): Promise<void> {
    for (let offset = 0; offset < bytes.length; ) {
      const length = Math.min(CHUNK_BYTES, bytes.length - offset);
      const region = await this.reserve(length);
      region.set(bytes.subarray(offset, offset + length));
      offset += length;
    }
  }

  /** Zeros up to byte `targetBytes` (no-op when already there). */
  async zerosUntil(targetBytes: number): Promise<void> {
    let remaining = targetBytes - this.positionBytes;
    if (remaining <= 0) return;
    if (remaining < CHUNK_BYTES - this.fill) {
      await this.reserve(remaining);
      return;
    }
    await this.flush();
    while (remaining > 0) {
      const length = Math.min(CHUNK_BYTES, remaining);
      await this.sink(this.flushedBytes, ZEROS.subarray(0, length));
      this.flushedBytes += length;
      remaining -= length;
    }
  }

  async flush(): Promise<void> {
    if (this.fill === 0) return;
    const length = this.fill;
    this.fill = 0;
    await this.sink(this.flushedBytes, this.buffer.subarray(0, length));
    this.flushedBytes += length;
  }
}
