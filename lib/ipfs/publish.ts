/**
 * Publish one file to IPFS (issue 6, "Publish"; carti-formats.md §11 `publish`): compute its carti id and its
 * expected UnixFS CID in one pass, `add` it to the node with the same parameters (UNIXFS_PARAMETERS), refuse
 * the result if the node's CID differs, pin it, and return the bundle record with `uri: ipfs://<cid>`.
 */
import type { CID } from 'multiformats/cid';
import { createIdHasher } from '../carti/id';
import type { Bundle, BundleType } from '../carti/types';
import { streamChunks } from '../stream/chunks';
import { ipfsError } from './errors';
import { addFile, pinAdd, type RpcOptions } from './rpc-client';
import { UnixfsFileHasher, type DagEntry } from './unixfs-cid';

export type PublishPhase = 'hashing' | 'uploading';

export interface PublishProgress {
  readonly phase: PublishPhase;
  readonly doneBytes: number;
  readonly totalBytes: number;
}

export interface PublishFileInput {
  /** A browser `File`, or in Node `fs.openAsBlob(path)`. */
  readonly file: Blob;
  readonly fileName: string;
  readonly bundleType: BundleType;
  readonly name: string;
  readonly version: string;
}

export interface PublishedFile {
  readonly bundle: Bundle;
  readonly cid: CID;
  /** The locally computed DAG entry (CID, file size, cumulative DAG size), equal to the node's. */
  readonly entry: DagEntry;
  readonly sizeBytes: number;
}

export interface PublishOptions extends RpcOptions {
  readonly onProgress?: (progress: PublishProgress) => void;
}

/** The carti id and the UnixFS entry of a Blob, from one read of its bytes. */
export async function hashBlob(file: Blob, onProgress?: (doneBytes: number) => void): Promise<{ id: string; entry: DagEntry }> {
  const idHasher = await createIdHasher();
  const cidHasher = new UnixfsFileHasher();
  let doneBytes = 0;
  for await (const chunk of streamChunks(file.stream() as ReadableStream<Uint8Array>)) {
    idHasher.update(chunk);
    await cidHasher.update(chunk);
    doneBytes += chunk.byteLength;
    onProgress?.(doneBytes);
  }
  return { id: await idHasher.finish(), entry: await cidHasher.finish() };
}

/**
 * Add a Blob whose expected CID is known and check the node agrees. Shared by file and machine publishing.
 */
export async function addChecked(rpcUrl: string, file: Blob, fileName: string, expected: DagEntry, options: PublishOptions = {}): Promise<CID> {
  const totalBytes = file.size;
  const added = await addFile(rpcUrl, file, fileName, {
    ...options,
    onProgress: options.onProgress ? ({ sentBytes }) => options.onProgress!({ phase: 'uploading', doneBytes: sentBytes, totalBytes }) : undefined,
  });
  if (!added.cid.equals(expected.cid)) {
    throw ipfsError('cid-mismatch', fileName, `${rpcUrl} /api/v0/add`,
      `the node stored the file as ${added.cid}, but the same parameters (CIDv1, raw leaves, 256 KiB chunks, balanced width 174) give ${expected.cid}; the node does not honour them`);
  }
  return added.cid;
}

export async function publishFile(rpcUrl: string, input: PublishFileInput, options: PublishOptions = {}): Promise<PublishedFile> {
  const totalBytes = input.file.size;
  const { id, entry } = await hashBlob(input.file, (doneBytes) => options.onProgress?.({ phase: 'hashing', doneBytes, totalBytes }));
  const cid = await addChecked(rpcUrl, input.file, input.fileName, entry, options);
  // `add` pins by default; pinning again makes the intent explicit and survives a node configured otherwise.
  await pinAdd(rpcUrl, cid, options);
  const bundle: Bundle = { bundleType: input.bundleType, name: input.name, fileName: input.fileName, id, version: input.version, uri: `ipfs://${cid}` };
  return { bundle, cid, entry, sizeBytes: totalBytes };
}
