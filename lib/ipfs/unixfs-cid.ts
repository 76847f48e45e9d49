/**
 * Local UnixFS CID computation (oci-ext2-ipfs.md §8.2), so a publish can check that the node stored exactly
 * what we meant, and a download can be checked against its CID. The parameters are those Carti Studio asks
 * the node for (`UNIXFS_PARAMETERS`): CIDv1, sha2-256, raw leaves, fixed 256 KiB chunks (Kubo's and js-ipfs's
 * default chunker), balanced layout of width 174. A file of at most one chunk is a single raw block (its CID
 * is the sha-256 of the bytes); a larger one gets dag-pb `File` nodes, level by level, until one root.
 * Streaming: each chunk is hashed and dropped; only the leaves' CIDs and sizes are kept (16 Ki per 4 GiB).
 */
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { encodePbNode, unixfsDirectoryData, unixfsFileData, type PbLink } from './dag-pb';

export const RAW_CODEC = 0x55;
export const DAG_PB_CODEC = 0x70;

/** What publish sends to the node (`add` options) and what the local computation assumes. */
export const UNIXFS_PARAMETERS = {
  cidVersion: 1,
  rawLeaves: true,
  chunkSizeBytes: 262_144,
  maxChildrenPerNode: 174,
  layout: 'balanced',
  hash: 'sha2-256',
} as const;

/** A node of a UnixFS DAG as its parent links to it. */
export interface DagEntry {
  readonly cid: CID;
  /** Bytes of file content under it (0 for a directory). */
  readonly fileSizeBytes: number;
  /** Cumulative size: the bytes of every block under it, the `Tsize` its parent records. */
  readonly dagSizeBytes: number;
}

/** A dag-pb block built locally (directory nodes are sent to the node as blocks). */
export interface DagBlock {
  readonly entry: DagEntry;
  readonly bytes: Uint8Array;
}

async function pbBlock(data: Uint8Array, links: readonly PbLink[], fileSizeBytes: number): Promise<DagBlock> {
  const bytes = encodePbNode(data, links);
  const cid = CID.createV1(DAG_PB_CODEC, await sha256.digest(bytes));
  const dagSizeBytes = bytes.byteLength + links.reduce((sum, link) => sum + link.tsize, 0);
  return { entry: { cid, fileSizeBytes, dagSizeBytes }, bytes };
}

async function fileParent(children: readonly DagEntry[]): Promise<DagEntry> {
  const fileSizeBytes = children.reduce((sum, child) => sum + child.fileSizeBytes, 0);
  const data = unixfsFileData(fileSizeBytes, children.map((child) => child.fileSizeBytes));
  const links = children.map((child) => ({ hash: child.cid.bytes, name: '', tsize: child.dagSizeBytes }));
  return (await pbBlock(data, links, fileSizeBytes)).entry;
}

/** Incremental CID of one file: feed chunks of any size, then `finish()`. */
export class UnixfsFileHasher {
  private readonly leaves: DagEntry[] = [];
  private readonly pending = new Uint8Array(UNIXFS_PARAMETERS.chunkSizeBytes);
  private pendingBytes = 0;
  private totalBytes = 0;

  async update(chunk: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < chunk.byteLength) {
      const take = Math.min(chunk.byteLength - offset, this.pending.byteLength - this.pendingBytes);
      this.pending.set(chunk.subarray(offset, offset + take), this.pendingBytes);
      this.pendingBytes += take;
      offset += take;
      if (this.pendingBytes === this.pending.byteLength) await this.flushLeaf();
    }
    this.totalBytes += chunk.byteLength;
  }

  async finish(): Promise<DagEntry> {
    // An empty file is one empty raw leaf, as the importers produce.
    if (this.pendingBytes > 0 || this.leaves.length === 0) await this.flushLeaf();
    if (this.leaves.length === 1) return this.leaves[0]!;
    let level: DagEntry[] = this.leaves;
    while (level.length > 1) {
      const parents: DagEntry[] = [];
      for (let start = 0; start < level.length; start += UNIXFS_PARAMETERS.maxChildrenPerNode) {
        parents.push(await fileParent(level.slice(start, start + UNIXFS_PARAMETERS.maxChildrenPerNode)));
      }
      level = parents;
    }
    return level[0]!;
  }

  get bytesHashed(): number {
    return this.totalBytes;
  }

  private async flushLeaf(): Promise<void> {
    const bytes = this.pending.subarray(0, this.pendingBytes);
    const cid = CID.createV1(RAW_CODEC, await sha256.digest(bytes));
    this.leaves.push({ cid, fileSizeBytes: bytes.byteLength, dagSizeBytes: bytes.byteLength });
    this.pendingBytes = 0;
  }
}

/** The CID of bytes in memory or of a stream of chunks (`File.stream()`, a Node readable). */
export async function fileCid(source: Uint8Array | AsyncIterable<Uint8Array>, onProgress?: (bytesHashed: number) => void): Promise<DagEntry> {
  const hasher = new UnixfsFileHasher();
  if (source instanceof Uint8Array) {
    await hasher.update(source);
  } else {
    for await (const chunk of source) {
      await hasher.update(chunk);
      onProgress?.(hasher.bytesHashed);
    }
  }
  return hasher.finish();
}

/** A plain directory node over named children (names must be unique; links are sorted by the encoder). */
export async function directoryBlock(children: ReadonlyMap<string, DagEntry>): Promise<DagBlock> {
  const links = [...children].map(([name, child]) => ({ hash: child.cid.bytes, name, tsize: child.dagSizeBytes }));
  return pbBlock(unixfsDirectoryData(), links, 0);
}
