/**
 * Reading from a trustless gateway (IPFS "Trustless Gateway" spec: `GET /ipfs/<cid>?format=raw` with
 * `Accept: application/vnd.ipld.raw` answers the block itself). Every block is checked against its CID's
 * multihash before it is used, and the file is rebuilt by walking the dag-pb/UnixFS DAG from the root, so
 * the bytes are exactly those the IPFS CID names, whatever the gateway is. A path below the CID is resolved
 * through directory nodes the same way. Blocks are fetched a few at a time ahead of the reader.
 *
 * `openGatewayFile` probes a gateway with the root block request: a raw-block answer means trustless (and
 * is used as the first verified block); any other answer is a plain path gateway, whose body is the file
 * itself (when there is no path) and is only checked by the caller's carti id.
 */
import { CID } from 'multiformats/cid';
import type { CartiError } from '../carti/errors';
import { sha256 } from 'multiformats/hashes/sha2';
import { fetchLimited, type FetchOptions, type LimitedResponse } from '../fetch/fetch-limited';
import { decodePbNode, decodeUnixfs, UNIXFS_TYPES } from './dag-pb-decode';
import { ipfsError } from './errors';
import { DAG_PB_CODEC, RAW_CODEC } from './unixfs-cid';
import { gatewayUrl, type IpfsRef } from './uri';

export const RAW_BLOCK_TYPE = 'application/vnd.ipld.raw';

/** Trustless gateways serve blocks of at most 2 MiB (the bitswap limit); a bigger answer is refused unread. */
export const MAX_BLOCK_BYTES = 2 << 20;
/** Blocks requested ahead of the one being read. */
const PREFETCH_BLOCKS = 8;
/** A UnixFS file of 4 GiB in 256 KiB chunks is 3 levels deep; deeper DAGs are refused (a DAG bomb guard). */
const MAX_DEPTH = 32;

const SHA2_256 = 0x12;
const IDENTITY = 0x00;

export type BlockOptions = Omit<FetchOptions, 'kind' | 'onProgress'>;

export interface GatewayFile {
  /** True when the gateway answered raw blocks and every block was checked against its CID. */
  readonly trustless: boolean;
  readonly chunks: AsyncIterable<Uint8Array>;
  /** The size the gateway announced (plain answers with a Content-Length), for progress. */
  readonly totalBytes?: number;
}

function blockUrl(gateway: string, cid: CID): string {
  return `${gateway.replace(/\/+$/, '')}/ipfs/${cid.toString()}?format=raw`;
}

async function readCapped(response: LimitedResponse, maxBytes: number, source: string, url: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw ipfsError('bad-block', source, url, `a block larger than ${maxBytes} bytes; refused`);
    parts.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** Check a block against its CID (sha2-256, or identity for inlined blocks); throws `cid-mismatch`. */
export async function checkBlock(cid: CID, bytes: Uint8Array, source: string): Promise<void> {
  const code = cid.multihash.code;
  if (code === IDENTITY) {
    if (!equalBytes(cid.multihash.digest, bytes)) throw ipfsError('cid-mismatch', source, `block ${cid}`, 'returned other bytes than the identity CID holds');
    return;
  }
  if (code !== SHA2_256) throw ipfsError('bad-block', source, `block ${cid}`, `hash function 0x${code.toString(16)} is not supported (sha2-256 only)`);
  const digest = await sha256.digest(bytes);
  if (!equalBytes(digest.digest, cid.multihash.digest)) {
    throw ipfsError('cid-mismatch', source, `block ${cid}`, `returned a block of ${bytes.byteLength} bytes whose sha2-256 does not match the CID; it was not used`);
  }
}

function equalBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.byteLength !== right.byteLength) return false;
  for (let index = 0; index < left.byteLength; index++) if (left[index] !== right[index]) return false;
  return true;
}

/** One verified block from a trustless gateway. */
export async function fetchBlock(gateway: string, cid: CID, options: BlockOptions = {}): Promise<Uint8Array> {
  const source = `gateway ${gateway}`;
  const url = blockUrl(gateway, cid);
  const response = await fetchLimited(url, { ...options, kind: 'asset', maxBytes: MAX_BLOCK_BYTES, accept: RAW_BLOCK_TYPE });
  if (!response.contentType.toLowerCase().startsWith(RAW_BLOCK_TYPE)) {
    await discard(response);
    throw ipfsError('not-trustless', source, url, `answered "${response.contentType || 'no content type'}", not ${RAW_BLOCK_TYPE}`);
  }
  const bytes = await readCapped(response, MAX_BLOCK_BYTES, source, url);
  await checkBlock(cid, bytes, source);
  return bytes;
}

async function discard(response: LimitedResponse): Promise<void> {
  // Leaving the loop at once closes the body (the iterator's return cancels the stream).
  for await (const chunk of response.body) {
    void chunk;
    break;
  }
}

/**
 * The file at `ref` from a gateway. The root block request doubles as the probe: a raw block starts a
 * verified walk; anything else is read as a plain gateway answer (for a path, a second request asks for it),
 * or refused as `not-trustless` when `trustlessOnly`.
 */
export async function openGatewayFile(gateway: string, ref: IpfsRef, options: Omit<FetchOptions, 'kind'> & { trustlessOnly?: boolean } = {}): Promise<GatewayFile> {
  const source = `gateway ${gateway}`;
  // Progress is counted by the caller over the chunks (blocks are many small requests).
  const { onProgress: _progress, trustlessOnly, ...blockOptions } = options;
  const probeUrl = blockUrl(gateway, ref.cid);
  const refuse = (answer: string): never => {
    throw ipfsError('not-trustless', source, probeUrl, `answered ${answer}, not raw blocks (${RAW_BLOCK_TYPE}); only trustless gateways are accepted`);
  };
  const plainFile = async (): Promise<GatewayFile> => {
    const plain = await fetchLimited(gatewayUrl(gateway, ref), { ...blockOptions, kind: 'asset' });
    return { trustless: false, chunks: plain.body, totalBytes: plain.contentLength };
  };
  let probe: LimitedResponse;
  try {
    probe = await fetchLimited(probeUrl, { ...blockOptions, kind: 'asset', accept: `${RAW_BLOCK_TYPE}, */*;q=0.1` });
  } catch (error) {
    // A plain gateway may refuse the raw-block form outright (400, 406…): ask it for the path instead.
    if ((error as CartiError).code === 'http-status') return trustlessOnly ? refuse((error as CartiError).reason ?? 'an error') : plainFile();
    throw error;
  }
  if (probe.contentType.toLowerCase().startsWith(RAW_BLOCK_TYPE)) {
    const root = await readCapped(probe, MAX_BLOCK_BYTES, source, probeUrl);
    await checkBlock(ref.cid, root, source);
    return { trustless: true, chunks: verifiedFile(gateway, ref, root, blockOptions) };
  }
  if (trustlessOnly) {
    await discard(probe);
    refuse(`"${probe.contentType || 'no content type'}"`);
  }
  // A plain path gateway ignores `format=raw` and serves the file: without a path that is the answer.
  if (ref.path.length === 0) return { trustless: false, chunks: probe.body, totalBytes: probe.contentLength };
  await discard(probe);
  return plainFile();
}

/** Resolve the path through directory nodes, then stream the file's bytes in order. */
async function* verifiedFile(gateway: string, ref: IpfsRef, rootBytes: Uint8Array, options: BlockOptions): AsyncIterable<Uint8Array> {
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const blockOptions = { ...options, signal };
  const source = `gateway ${gateway}`;
  let cid = ref.cid;
  let bytes = rootBytes;
  try {
    for (const [index, segment] of ref.path.entries()) {
      const where = `ipfs://${ref.cid}/${ref.path.slice(0, index + 1).join('/')}`;
      if (cid.code !== DAG_PB_CODEC) throw ipfsError('ipfs-path', source, where, `${cid} is a raw block, not a directory`);
      const node = decodePbNode(bytes, `block ${cid}`);
      const unixfs = decodeUnixfs(node, `block ${cid}`);
      if (unixfs.type === UNIXFS_TYPES.hamtShard) throw ipfsError('ipfs-path', source, where, 'sharded (HAMT) directories are not supported');
      if (unixfs.type !== UNIXFS_TYPES.directory) throw ipfsError('ipfs-path', source, where, `${cid} is not a directory`);
      const link = node.links.find((candidate) => candidate.name === segment);
      if (!link) throw ipfsError('ipfs-path', source, where, `no entry "${segment}" in directory ${cid}`);
      cid = decodeCid(link.hash, cid, source);
      bytes = await fetchBlock(gateway, cid, blockOptions);
    }
    yield* fileBytes(gateway, cid, bytes, blockOptions, 0);
  } finally {
    // A reader that stops early (or fails) must not leave prefetches running.
    controller.abort();
  }
}

function decodeCid(hash: Uint8Array, parent: CID, source: string): CID {
  try {
    return CID.decode(hash);
  } catch (cause) {
    throw ipfsError('bad-block', source, `block ${parent}`, `a link that is not a CID (${(cause as Error).message})`);
  }
}

async function* fileBytes(gateway: string, cid: CID, bytes: Uint8Array, options: BlockOptions, depth: number): AsyncIterable<Uint8Array> {
  const source = `gateway ${gateway}`;
  if (depth > MAX_DEPTH) throw ipfsError('bad-block', source, `block ${cid}`, `a file DAG deeper than ${MAX_DEPTH} levels`);
  if (cid.code === RAW_CODEC) {
    yield bytes;
    return;
  }
  if (cid.code !== DAG_PB_CODEC) throw ipfsError('bad-block', source, `block ${cid}`, `codec 0x${cid.code.toString(16)} is not a UnixFS file (raw or dag-pb)`);
  const node = decodePbNode(bytes, `block ${cid}`);
  const unixfs = decodeUnixfs(node, `block ${cid}`);
  if (unixfs.type !== UNIXFS_TYPES.file && unixfs.type !== UNIXFS_TYPES.raw) {
    throw ipfsError('ipfs-path', source, `block ${cid}`, unixfs.type === UNIXFS_TYPES.directory ? 'a directory, not a file' : `UnixFS type ${unixfs.type} is not a file`);
  }
  if (unixfs.data && unixfs.data.byteLength > 0) yield unixfs.data;
  const children = node.links.map((link) => decodeCid(link.hash, cid, source));
  const pending: Promise<Uint8Array>[] = [];
  let next = 0;
  const fill = () => {
    while (next < children.length && pending.length < PREFETCH_BLOCKS) {
      const request = fetchBlock(gateway, children[next++]!, options);
      // Handled when awaited below; this only keeps a prefetch that fails after an earlier failure quiet.
      request.catch(() => undefined);
      pending.push(request);
    }
  };
  for (const child of children) {
    fill();
    const childBytes = await pending.shift()!;
    yield* fileBytes(gateway, child, childBytes, options, depth + 1);
  }
}
