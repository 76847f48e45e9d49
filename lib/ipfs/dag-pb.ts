/**
 * The two protobuf messages a UnixFS DAG is made of (oci-ext2-ipfs.md §8.2), encoded by hand so a CID can be
 * computed locally without an IPFS library:
 * - dag-pb `PBNode { Data = 1 (bytes), Links = 2 (repeated PBLink) }`, `PBLink { Hash = 1, Name = 2,
 *   Tsize = 3 }`. The canonical form writes Links before Data and sorts links by Name bytes (the dag-pb spec's
 *   strict encoding, which every implementation hashes).
 * - UnixFS `Data { Type = 1, Data = 2, filesize = 3, blocksizes = 4 (repeated, not packed) }` with Type
 *   Directory = 1, File = 2.
 */

export const UNIXFS_DIRECTORY = 1;
export const UNIXFS_FILE = 2;

export interface PbLink {
  readonly hash: Uint8Array;
  readonly name: string;
  /** Cumulative size of the linked DAG (block bytes of every block under it). */
  readonly tsize: number;
}

/** A growable byte buffer writing protobuf wire types 0 (varint) and 2 (length-delimited). */
class ProtoWriter {
  private bytes: number[] = [];

  varint(value: number): this {
    // Sizes here stay below 2^53; division keeps them exact where `>>>` would truncate to 32 bits.
    let rest = value;
    while (rest >= 0x80) {
      this.bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.bytes.push(rest);
    return this;
  }

  uintField(field: number, value: number): this {
    return this.varint((field << 3) | 0).varint(value);
  }

  bytesField(field: number, value: Uint8Array): this {
    this.varint((field << 3) | 2).varint(value.byteLength);
    for (const byte of value) this.bytes.push(byte);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** UnixFS `Data` of a file node: type, total size, and each child's file size (no inline data). */
export function unixfsFileData(fileSizeBytes: number, blockSizesBytes: readonly number[]): Uint8Array {
  const writer = new ProtoWriter().uintField(1, UNIXFS_FILE).uintField(3, fileSizeBytes);
  for (const size of blockSizesBytes) writer.uintField(4, size);
  return writer.finish();
}

/** UnixFS `Data` of a plain (not sharded) directory. */
export function unixfsDirectoryData(): Uint8Array {
  return new ProtoWriter().uintField(1, UNIXFS_DIRECTORY).finish();
}

const utf8 = new TextEncoder();

function compareBytes(left: Uint8Array, right: Uint8Array): number {
  const length = Math.min(left.byteLength, right.byteLength);
  for (let index = 0; index < length; index++) {
    if (left[index] !== right[index]) return left[index]! - right[index]!;
  }
  return left.byteLength - right.byteLength;
}

/** A dag-pb node in canonical form: links sorted by name bytes (stable for equal names), then Data. */
export function encodePbNode(data: Uint8Array, links: readonly PbLink[]): Uint8Array {
  const named = links.map((link) => ({ link, nameBytes: utf8.encode(link.name) }));
  named.sort((left, right) => compareBytes(left.nameBytes, right.nameBytes));
  const node = new ProtoWriter();
  for (const { link, nameBytes } of named) {
    const encodedLink = new ProtoWriter().bytesField(1, link.hash).bytesField(2, nameBytes).uintField(3, link.tsize).finish();
    node.bytesField(2, encodedLink);
  }
  return node.bytesField(1, data).finish();
}
