/**
 * Decoding dag-pb nodes and their UnixFS `Data` (the reverse of dag-pb.ts), so that blocks fetched from a
 * trustless gateway can be walked: a file's links give its chunks in order, a directory's links give its
 * entries by name. Hand-written like the encoder (no IPFS library in the app's bundle); it reads any valid
 * encoding (fields in any order, packed or unpacked `blocksizes`) and refuses what it cannot read with a
 * `bad-block` error naming the block.
 */
import { ipfsError } from './errors';

export interface DecodedLink {
  readonly hash: Uint8Array;
  readonly name: string;
  readonly tsize?: number;
}

export interface DecodedPbNode {
  readonly links: readonly DecodedLink[];
  readonly data?: Uint8Array;
}

/** UnixFS node types (unixfs.proto `DataType`). */
export const UNIXFS_TYPES = { raw: 0, directory: 1, file: 2, metadata: 3, symlink: 4, hamtShard: 5 } as const;

export interface DecodedUnixfs {
  readonly type: number;
  /** Inline file bytes (a leaf, or a node carrying data before its links). */
  readonly data?: Uint8Array;
  readonly fileSizeBytes?: number;
  readonly blockSizesBytes: readonly number[];
}

class ProtoReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array, private readonly what: string) {}

  get done(): boolean {
    return this.offset >= this.bytes.byteLength;
  }

  fail(reason: string): never {
    throw ipfsError('bad-block', this.what, `byte ${this.offset}`, reason);
  }

  varint(): number {
    // Multiplication keeps values up to 2^53 exact (sizes of multi-GiB files exceed 32 bits).
    let value = 0;
    let scale = 1;
    for (let count = 0; count < 10; count++) {
      if (this.offset >= this.bytes.byteLength) this.fail('truncated varint');
      const byte = this.bytes[this.offset++]!;
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (!Number.isSafeInteger(value)) this.fail('varint beyond 2^53');
        return value;
      }
      scale *= 0x80;
    }
    return this.fail('varint longer than 10 bytes');
  }

  lengthDelimited(): Uint8Array {
    const length = this.varint();
    if (this.offset + length > this.bytes.byteLength) this.fail(`field of ${length} bytes runs past the end`);
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** Skip a field of a wire type this decoder does not read (forward compatibility). */
  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 2) this.lengthDelimited();
    else if (wireType === 1) this.offset += 8;
    else if (wireType === 5) this.offset += 4;
    else this.fail(`unsupported wire type ${wireType}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function decodeLink(bytes: Uint8Array, what: string): DecodedLink {
  const reader = new ProtoReader(bytes, what);
  let hash: Uint8Array | undefined;
  let name = '';
  let tsize: number | undefined;
  while (!reader.done) {
    const key = reader.varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 1 && wireType === 2) hash = reader.lengthDelimited();
    else if (field === 2 && wireType === 2) name = utf8.decode(reader.lengthDelimited());
    else if (field === 3 && wireType === 0) tsize = reader.varint();
    else reader.skip(wireType);
  }
  if (!hash) return reader.fail('a link without a Hash');
  return { hash, name, tsize };
}

/** A dag-pb block: `PBNode { Data = 1, Links = 2 }`. `what` names the block in errors (its CID). */
export function decodePbNode(bytes: Uint8Array, what: string): DecodedPbNode {
  const reader = new ProtoReader(bytes, what);
  const links: DecodedLink[] = [];
  let data: Uint8Array | undefined;
  while (!reader.done) {
    const key = reader.varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 2 && wireType === 2) links.push(decodeLink(reader.lengthDelimited(), what));
    else if (field === 1 && wireType === 2) data = reader.lengthDelimited();
    else reader.skip(wireType);
  }
  return { links, data };
}

/** UnixFS `Data { Type = 1, Data = 2, filesize = 3, blocksizes = 4 }`; a node without Data is refused. */
export function decodeUnixfs(node: DecodedPbNode, what: string): DecodedUnixfs {
  if (!node.data) throw ipfsError('bad-block', what, '(Data)', 'a dag-pb node without UnixFS Data');
  const reader = new ProtoReader(node.data, what);
  let type: number | undefined;
  let data: Uint8Array | undefined;
  let fileSizeBytes: number | undefined;
  const blockSizesBytes: number[] = [];
  while (!reader.done) {
    const key = reader.varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field === 1 && wireType === 0) type = reader.varint();
    else if (field === 2 && wireType === 2) data = reader.lengthDelimited();
    else if (field === 3 && wireType === 0) fileSizeBytes = reader.varint();
    else if (field === 4 && wireType === 0) blockSizesBytes.push(reader.varint());
    else if (field === 4 && wireType === 2) {
      const packed = new ProtoReader(reader.lengthDelimited(), what);
      while (!packed.done) blockSizesBytes.push(packed.varint());
    } else reader.skip(wireType);
  }
  if (type === undefined) return reader.fail('UnixFS Data without a Type');
  return { type, data, fileSizeBytes, blockSizesBytes };
}
