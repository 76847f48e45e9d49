/**
 * Bounds-checked random access to an image for the reader: every read names what it was for, and a read past the
 * end, a failed read or a short read becomes a typed CartiError with the byte offset. Metadata blocks are cached
 * (a small, bounded cache), and every byte read counts against a work budget so corrupt images cannot make the
 * reader spin.
 */
import { CartiError } from '../machine/errors';
import type { ByteSource } from './tree';

const CACHE_BLOCKS = 512;

export class ImageSource {
  private readonly cache = new Map<number, Uint8Array>();
  private bytesRead = 0;

  constructor(
    private readonly source: ByteSource,
    readonly inputName: string,
    private readonly workBudgetBytes: number,
  ) {}

  get sizeBytes(): number {
    return this.source.sizeBytes;
  }

  /** `counted` reads (metadata) draw on the work budget; file-content reads are bounded by their caller. */
  async read(offset: number, length: number, what: string, counted = true): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || offset < 0 || length < 0 || offset + length > this.source.sizeBytes) {
      throw new CartiError('EXT2_TRUNCATED', this.inputName, `byte ${offset}`, `${what} needs ${length} bytes here, but the image has only ${this.source.sizeBytes} bytes`);
    }
    if (counted) this.bytesRead += length;
    if (this.bytesRead > this.workBudgetBytes) {
      throw new CartiError('EXT2_LIMIT_EXCEEDED', this.inputName, `byte ${offset}`, `reading ${what} goes over the work limit of ${this.workBudgetBytes} bytes read (a corrupt image repeating blocks?)`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.source.read(offset, length);
    } catch (error) {
      throw new CartiError('EXT2_SOURCE_READ', this.inputName, `byte ${offset}`, `reading ${what} failed: ${(error as Error)?.message ?? String(error)}`);
    }
    if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
      throw new CartiError('EXT2_SOURCE_READ', this.inputName, `byte ${offset}`, `reading ${what} returned ${bytes?.length} bytes instead of ${length}`);
    }
    return bytes;
  }

  /** A whole block, cached (for superblock-adjacent metadata, inode tables, indirect and directory blocks). */
  async block(blockNumber: number, blockSizeBytes: number, what: string): Promise<Uint8Array> {
    const cached = this.cache.get(blockNumber);
    if (cached) return cached;
    const bytes = (await this.read(blockNumber * blockSizeBytes, blockSizeBytes, what)).slice();
    if (this.cache.size >= CACHE_BLOCKS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(blockNumber, bytes);
    return bytes;
  }
}
