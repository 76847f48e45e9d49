/**
 * Streaming tar reader (issue 5): ustar, GNU long names and link names (`L`, `K`), PAX extended headers (`x`
 * per entry, `g` global: path, linkpath, size, uid, gid, mtime). Input is plain or gzip (detected). Hostile
 * archives give CartiErrors naming the entry and the byte offset of its header: bad checksums, truncation,
 * sizes beyond the input or the limits, absolute paths, `..`, paths through a symlink of the same archive,
 * duplicate members, unsupported member types. Nothing is ever written anywhere: the reader only yields entries.
 */
import { CartiError } from '../machine/errors';
import { bytesSource, type ByteSource } from '../ext2/tree';
import { BLOCK_BYTES, isZeroBlock, parseHeader, type RawHeader } from './header';
import { type Compression, RandomAccessBytes, type TarBytes, type TarInput, openTarBytes } from './input';
import { ancestorsOf, normalizeMemberPath } from './paths';
import { type PaxRecords, parsePax, paxNumber } from './pax';

export type TarEntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'char-device' | 'block-device' | 'fifo';

export interface TarEntry {
  /** Normalized, relative, `/`-separated; `''` is the archive root (`./`). */
  path: string;
  kind: TarEntryKind;
  /** Permission bits 0..0o7777 (type bits dropped). */
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  sizeBytes: number;
  /** Symlinks: the target as written. Hard links: the normalized path of the linked member. */
  linkTarget?: string;
  devMajor: number;
  devMinor: number;
  /** Byte offset (in the uncompressed stream) of the first header of this member (PAX/GNU headers included). */
  headerOffsetBytes: number;
  /** Regular files: the content (lazy for random-access plain input, in memory otherwise). */
  content?: ByteSource;
}

export interface TarReadOptions {
  /** Names the archive in error messages. */
  inputName?: string;
  /** Duplicate member paths are an error (default true; OCI layers forbid them, image-spec layer.md). */
  rejectDuplicates?: boolean;
  /** Largest PAX or GNU long-name header (default 1 MiB). */
  maxMetaBytes?: number;
  /** Largest member copied into memory when the input is a stream (default 1 GiB). */
  maxBufferedEntryBytes?: number;
  /** Most members (default 4 million). */
  maxEntries?: number;
  /** Called with the uncompressed byte position after each member. */
  onProgress?: (positionBytes: number) => void;
}

const KIND_BY_TYPEFLAG: Record<string, TarEntryKind> = {
  '0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'char-device', '4': 'block-device', '5': 'directory', '6': 'fifo',
};
const EMPTY = bytesSource(new Uint8Array(0));
const utf8 = new TextDecoder('utf-8');

function padded(sizeBytes: number): number {
  return Math.ceil(sizeBytes / BLOCK_BYTES) * BLOCK_BYTES;
}

/** Every member of the archive, in archive order. Stream input: consume each entry's content before the next. */
export async function* readTar(input: TarInput, options: TarReadOptions = {}): AsyncGenerator<TarEntry> {
  const inputName = options.inputName ?? 'tar archive';
  const { bytes } = await openTarBytes(input, inputName);
  yield* new TarParser(bytes, inputName, options).entries();
}

/** All members in an array (contents lazy for random-access plain input). */
export async function readTarEntries(input: TarInput, options: TarReadOptions = {}): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  for await (const entry of readTar(input, options)) entries.push(entry);
  return entries;
}

export async function tarCompression(input: TarInput, inputName = 'tar archive'): Promise<Compression> {
  return (await openTarBytes(input, inputName)).compression;
}

class TarParser {
  private readonly maxMetaBytes: number;
  private readonly maxBufferedEntryBytes: number;
  private readonly maxEntries: number;
  private readonly seen = new Set<string>();
  private readonly symlinks = new Set<string>();
  private global: PaxRecords = new Map();

  constructor(private readonly bytes: TarBytes, private readonly inputName: string, private readonly options: TarReadOptions) {
    this.maxMetaBytes = options.maxMetaBytes ?? 1 << 20;
    this.maxBufferedEntryBytes = options.maxBufferedEntryBytes ?? 2 ** 30;
    this.maxEntries = options.maxEntries ?? 4_000_000;
  }

  private fail(code: string, offset: number, reason: string, path?: string): never {
    const where = path === undefined ? `byte ${offset}` : `${JSON.stringify(path)} (header at byte ${offset})`;
    throw new CartiError(code, this.inputName, where, reason);
  }

  private async header(): Promise<{ block: Uint8Array; offset: number } | 'end'> {
    const offset = this.bytes.position;
    const block = await this.bytes.read(BLOCK_BYTES);
    if (block.length === 0) this.fail('TAR_TRUNCATED', offset, 'the archive ends without the end-of-archive marker (two zero blocks): it is truncated');
    if (block.length < BLOCK_BYTES) this.fail('TAR_TRUNCATED', offset, `the archive ends inside a header (${block.length} of 512 bytes)`);
    if (isZeroBlock(block)) return 'end';
    return { block, offset };
  }

  /** Reads a member's data (PAX/GNU meta or buffered content); errors when the input ends early. */
  private async data(sizeBytes: number, offset: number, path?: string): Promise<Uint8Array> {
    const data = await this.bytes.read(sizeBytes);
    if (data.length < sizeBytes) this.fail('TAR_TRUNCATED', offset, `the archive ends inside this member's data (${data.length} of ${sizeBytes} bytes)`, path);
    await this.skipPadding(sizeBytes, offset, path);
    return data;
  }

  private async skipPadding(sizeBytes: number, offset: number, path?: string): Promise<void> {
    const padding = padded(sizeBytes) - sizeBytes;
    if (padding > 0 && (await this.bytes.skip(padding)) < padding) this.fail('TAR_TRUNCATED', offset, 'the archive ends inside the padding after this member', path);
  }

  async *entries(): AsyncGenerator<TarEntry> {
    let count = 0;
    for (;;) {
      const entry = await this.next();
      if (entry === 'end') return;
      if (++count > this.maxEntries) this.fail('TAR_LIMIT_EXCEEDED', entry.headerOffsetBytes, `more than ${this.maxEntries} members`);
      yield entry;
      this.options.onProgress?.(this.bytes.position);
    }
  }

  private async next(): Promise<TarEntry | 'end'> {
    let local: PaxRecords = new Map();
    let longName: string | undefined;
    let longLink: string | undefined;
    let firstOffset: number | undefined;
    for (;;) {
      const got = await this.header();
      if (got === 'end') {
        if (firstOffset !== undefined) this.fail('TAR_TRUNCATED', firstOffset, 'extended headers are followed by the end of the archive, not by a member');
        return 'end';
      }
      const { block, offset } = got;
      firstOffset ??= offset;
      const header = parseHeader(block, this.inputName, offset);
      switch (header.typeflag) {
        case 'x': case 'g': case 'L': case 'K': {
          if (header.sizeBytes > this.maxMetaBytes) {
            this.fail('TAR_HEADER_TOO_LARGE', offset, `extended header of ${header.sizeBytes} bytes is larger than the ${this.maxMetaBytes}-byte limit`);
          }
          const data = await this.data(header.sizeBytes, offset);
          if (header.typeflag === 'L' || header.typeflag === 'K') {
            const end = data.indexOf(0);
            const value = utf8.decode(end === -1 ? data : data.subarray(0, end));
            if (header.typeflag === 'L') longName = value;
            else longLink = value;
            continue;
          }
          let records: PaxRecords;
          try {
            records = parsePax(data);
          } catch (reason) {
            return this.fail('TAR_BAD_PAX', offset, `PAX header: ${String(reason)}`);
          }
          if (header.typeflag === 'g') this.global = new Map([...this.global, ...records]);
          else local = new Map([...local, ...records]);
          continue;
        }
        default:
          return this.member(header, offset, firstOffset, local, longName, longLink);
      }
    }
  }

  private async member(header: RawHeader, offset: number, firstOffset: number, local: PaxRecords, longName?: string, longLink?: string): Promise<TarEntry | 'end'> {
    const pax: PaxRecords = new Map([...this.global, ...local]);
    const rawPath = pax.get('path') ?? longName ?? header.name;
    const rawLink = pax.get('linkpath') ?? longLink ?? header.linkname;
    let numbers: { size?: number; uid?: number; gid?: number; mtime?: number };
    try {
      numbers = { size: paxNumber(pax, 'size'), uid: paxNumber(pax, 'uid'), gid: paxNumber(pax, 'gid'), mtime: paxNumber(pax, 'mtime') };
    } catch (reason) {
      return this.fail('TAR_BAD_PAX', firstOffset, String(reason), rawPath);
    }
    const sizeBytes = numbers.size ?? header.sizeBytes;
    let kind = KIND_BY_TYPEFLAG[header.typeflag];
    if (header.typeflag === 'V') {
      // A GNU volume label is not a member: skip it (and its data, if any).
      await this.skipData(sizeBytes, offset, rawPath);
      return this.next();
    }
    if (!kind) {
      const name = header.typeflag === 'S' ? 'a GNU sparse file' : header.typeflag === 'M' ? 'a multi-volume continuation' : `type ${JSON.stringify(header.typeflag)}`;
      this.fail('TAR_UNSUPPORTED_TYPE', firstOffset, `${name} is not supported`, rawPath);
    }
    // Pre-POSIX archives mark directories by a trailing slash on a regular-file entry.
    if (kind === 'file' && header.typeflag === '0' && rawPath.endsWith('/')) kind = 'directory';
    const where = `${JSON.stringify(rawPath)} (header at byte ${firstOffset})`;
    const path = normalizeMemberPath(rawPath, this.inputName, where);
    this.checkPlacement(path, firstOffset);
    const entry: TarEntry = {
      path, kind, mode: header.mode & 0o7777, uid: numbers.uid ?? header.uid, gid: numbers.gid ?? header.gid,
      mtime: numbers.mtime ?? header.mtime, sizeBytes: kind === 'file' ? sizeBytes : 0,
      devMajor: header.devMajor, devMinor: header.devMinor, headerOffsetBytes: firstOffset,
    };
    if (kind === 'symlink') {
      if (rawLink === '') this.fail('TAR_BAD_LINK', firstOffset, 'symlink has an empty target', path);
      if (rawLink.includes('\0')) this.fail('TAR_BAD_LINK', firstOffset, 'symlink target contains a NUL byte', path);
      entry.linkTarget = rawLink;
      this.symlinks.add(path);
    }
    if (kind === 'hardlink') {
      entry.linkTarget = normalizeMemberPath(rawLink, this.inputName, where, 'hard link target');
      if (entry.linkTarget === '') this.fail('TAR_BAD_LINK', firstOffset, 'hard link to the archive root', path);
    }
    if (kind === 'file') entry.content = await this.content(sizeBytes, offset, path);
    else await this.skipData(sizeBytes, offset, path);
    return entry;
  }

  /** Duplicate members and members below a symlink of this archive are refused (they would write through it). */
  private checkPlacement(path: string, offset: number): void {
    if (this.options.rejectDuplicates !== false) {
      if (this.seen.has(path)) this.fail('TAR_DUPLICATE_ENTRY', offset, 'this path appears twice in the archive', path);
      this.seen.add(path);
    }
    for (const ancestor of ancestorsOf(path)) {
      if (this.symlinks.has(ancestor)) this.fail('TAR_PATH_THROUGH_SYMLINK', offset, `the path goes through the symlink ${JSON.stringify(ancestor)} of this archive`, path);
    }
  }

  private async content(sizeBytes: number, offset: number, path: string): Promise<ByteSource> {
    if (sizeBytes === 0) {
      await this.skipPadding(0, offset, path);
      return EMPTY;
    }
    if (this.bytes instanceof RandomAccessBytes) {
      if (padded(sizeBytes) > this.bytes.remaining()) {
        this.fail('TAR_TRUNCATED', offset, `the header gives ${sizeBytes} bytes of data but only ${this.bytes.remaining()} bytes are left in the archive`, path);
      }
      const view = this.bytes.view(sizeBytes);
      await this.bytes.skip(padded(sizeBytes));
      return view;
    }
    if (sizeBytes > this.maxBufferedEntryBytes) {
      this.fail('TAR_ENTRY_TOO_LARGE', offset, `the header gives ${sizeBytes} bytes, more than the ${this.maxBufferedEntryBytes}-byte limit for a compressed or streamed archive`, path);
    }
    return bytesSource(await this.data(sizeBytes, offset, path));
  }

  private async skipData(sizeBytes: number, offset: number, path: string): Promise<void> {
    if (sizeBytes === 0) return;
    if ((await this.bytes.skip(padded(sizeBytes))) < padded(sizeBytes)) this.fail('TAR_TRUNCATED', offset, `the archive ends inside this member's ${sizeBytes} bytes of data`, path);
  }
}
