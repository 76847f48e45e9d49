/**
 * A small client for the kubo RPC API (`/api/v0`, oci-ext2-ipfs.md §8.1): the five calls publishing and
 * fetching need (`version`, `add`, `block/put`, `pin/add`, `cat`), over the global `fetch`, so it runs
 * unchanged in the browser, a worker and Node. Every call is a POST (the RPC refuses GET as CSRF protection).
 * A connection failure becomes `node-unreachable` naming the URL; an error status becomes `rpc-error` with the
 * node's own message.
 */
import { CID } from 'multiformats/cid';
import { chunksOf } from './chunks';
import { ipfsError } from './errors';
import { UNIXFS_PARAMETERS } from './unixfs-cid';

export interface RpcOptions {
  readonly signal?: AbortSignal;
  /** For calls that answer at once (version, pin, block/put); add and cat use `signal` only. */
  readonly timeoutMs?: number;
}

export interface AddProgress {
  /** Bytes of the file the node has read so far. */
  readonly sentBytes: number;
}

export interface AddedFile {
  readonly cid: CID;
  readonly sizeBytes: number;
}

const QUICK_TIMEOUT_MS = 30_000;

function endpoint(rpcUrl: string, path: string, params: Record<string, string | boolean | number>): string {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  return `${rpcUrl.replace(/\/+$/, '')}/api/v0/${path}${query.size > 0 ? `?${query}` : ''}`;
}

/** One POST to the node; throws `node-unreachable` or `rpc-error`. */
export async function rpcPost(rpcUrl: string, path: string, params: Record<string, string | boolean | number>, body?: FormData, options: RpcOptions & { quick?: boolean } = {}): Promise<Response> {
  const url = endpoint(rpcUrl, path, params);
  const signals = [options.signal, options.quick ? AbortSignal.timeout(options.timeoutMs ?? QUICK_TIMEOUT_MS) : undefined].filter((signal): signal is AbortSignal => signal !== undefined);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, signal: signals.length > 0 ? AbortSignal.any(signals) : undefined });
  } catch (cause) {
    const reason = causeText(cause);
    throw ipfsError('node-unreachable', 'IPFS node', rpcUrl, `cannot reach the RPC API (${reason}); is the node running, and is this its API address (flag --ipfs-api, or CARTI_STUDIO_IPFS_API)?`);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw ipfsError('rpc-error', 'IPFS node', `${rpcUrl} /api/v0/${path}`, `HTTP ${response.status}: ${nodeMessage(text)}`);
  }
  return response;
}

function causeText(cause: unknown): string {
  const error = cause as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError') return 'no answer in time';
  if (error.name === 'AbortError') return 'aborted';
  return error.cause?.code ?? error.cause?.message ?? error.message ?? String(cause);
}

/** The node's error JSON is `{ Message, Code, Type }`; show its Message. */
function nodeMessage(text: string): string {
  try {
    const value = JSON.parse(text) as { Message?: unknown };
    if (typeof value.Message === 'string') return value.Message;
  } catch {
    // not JSON: show the text itself
  }
  return text.slice(0, 300) || '(empty body)';
}

/** Split a streamed body into parsed JSON lines (the RPC's newline-delimited JSON). */
async function* jsonLines(response: Response, input: string): AsyncIterable<Record<string, unknown>> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line !== '') yield parseLine(line, input);
    }
    if (done) break;
  }
  if (buffered.trim() !== '') yield parseLine(buffered.trim(), input);
}

function parseLine(line: string, input: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw ipfsError('rpc-error', 'IPFS node', input, `unreadable answer line: ${line.slice(0, 200)}`);
  }
}

function parseCid(value: unknown, input: string): CID {
  try {
    return CID.parse(String(value));
  } catch {
    throw ipfsError('rpc-error', 'IPFS node', input, `the node returned "${String(value)}", not a CID`);
  }
}

/** `version`: the cheapest call, used as "test connection". */
export async function nodeVersion(rpcUrl: string, options: RpcOptions = {}): Promise<string> {
  const response = await rpcPost(rpcUrl, 'version', {}, undefined, { ...options, quick: true });
  const value = (await response.json()) as { Version?: unknown };
  return String(value.Version ?? 'unknown');
}

/**
 * `add` one file with Carti Studio's parameters (CIDv1, raw leaves, `size-262144` chunker, sha2-256, pinned).
 * `file` is a Blob: a browser `File`, or in Node `fs.openAsBlob(path)`, so the bytes are streamed from disk.
 */
export async function addFile(rpcUrl: string, file: Blob, fileName: string, options: RpcOptions & { onProgress?: (progress: AddProgress) => void } = {}): Promise<AddedFile> {
  const form = new FormData();
  form.append('file', file, encodeURIComponent(fileName));
  const params = {
    'cid-version': UNIXFS_PARAMETERS.cidVersion,
    'raw-leaves': UNIXFS_PARAMETERS.rawLeaves,
    chunker: `size-${UNIXFS_PARAMETERS.chunkSizeBytes}`,
    hash: UNIXFS_PARAMETERS.hash,
    pin: true,
    progress: options.onProgress !== undefined,
  };
  const response = await rpcPost(rpcUrl, 'add', params, form, options);
  let added: AddedFile | undefined;
  for await (const line of jsonLines(response, `${rpcUrl} /api/v0/add`)) {
    if (line.Hash === undefined) {
      if (typeof line.Bytes === 'number') options.onProgress?.({ sentBytes: line.Bytes });
      continue;
    }
    added = { cid: parseCid(line.Hash, `${rpcUrl} /api/v0/add`), sizeBytes: Number(line.Size ?? file.size) };
  }
  if (!added) throw ipfsError('rpc-error', 'IPFS node', `${rpcUrl} /api/v0/add`, 'the node answered without a CID');
  return added;
}

/** `block/put` one dag-pb block (a directory node built locally); returns the CID the node computed. */
export async function putDagPbBlock(rpcUrl: string, bytes: Uint8Array, options: RpcOptions = {}): Promise<CID> {
  const form = new FormData();
  form.append('data', new Blob([bytes as Uint8Array<ArrayBuffer>]));
  // `cid-codec` is the current name; `format` the older one js-ipfs also reads. Both name dag-pb.
  const response = await rpcPost(rpcUrl, 'block/put', { 'cid-codec': 'dag-pb', format: 'dag-pb', mhtype: 'sha2-256', version: 1 }, form, { ...options, quick: true });
  const value = (await response.json()) as { Key?: unknown };
  return parseCid(value.Key, `${rpcUrl} /api/v0/block/put`);
}

/** `pin/add` recursively (everything under the CID must be on the node). */
export async function pinAdd(rpcUrl: string, cid: CID, options: RpcOptions = {}): Promise<void> {
  await rpcPost(rpcUrl, 'pin/add', { arg: cid.toString(), recursive: true }, undefined, { ...options, quick: true });
}

/** `cat` a file (by CID and optional path) as a stream of chunks. */
export async function cat(rpcUrl: string, ipfsPath: string, options: RpcOptions = {}): Promise<AsyncIterable<Uint8Array>> {
  const response = await rpcPost(rpcUrl, 'cat', { arg: ipfsPath }, undefined, options);
  const body = response.body;
  if (!body) return (async function* empty() {})();
  return chunksOf(body);
}
