/**
 * The kubo RPC API (`/api/v0`, oci-ext2-ipfs.md §8.1) through `kubo-rpc-client`, the client the architecture
 * names: the five calls publishing and fetching need (`version`, `add`, `block/put`, `pin/add`, `cat`). The
 * library runs in Node and in the browser (its `browser` field swaps the Node-only parts: agent, multipart
 * body, fetch wrapper), so this module stays framework-free. Its errors are translated into ours: a
 * connection failure becomes `node-unreachable` naming the URL; an error status becomes `rpc-error` with the
 * node's own message (kubo-rpc-client puts the node's `Message` into the HTTPError's message).
 */
import { create, type KuboRPCClient } from 'kubo-rpc-client';
import { CID } from 'multiformats/cid';
import { CartiError } from '../carti/errors';
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

/** One client per RPC URL: kubo-rpc-client keeps a keep-alive agent per client in Node. */
const clients = new Map<string, KuboRPCClient>();

function clientFor(rpcUrl: string): KuboRPCClient {
  const base = rpcUrl.replace(/\/+$/, '');
  let client = clients.get(base);
  if (!client) {
    // `url` without a path: the library appends `/api/v0`.
    client = create({ url: base });
    clients.set(base, client);
  }
  return client;
}

function signalFor(options: RpcOptions, quick: boolean): AbortSignal | undefined {
  const signals = [options.signal, quick ? AbortSignal.timeout(options.timeoutMs ?? QUICK_TIMEOUT_MS) : undefined]
    .filter((signal): signal is AbortSignal => signal !== undefined);
  return signals.length > 0 ? AbortSignal.any(signals) : undefined;
}

/**
 * Translate whatever kubo-rpc-client threw. An `HTTPError` carries the response: the node answered, so it is
 * an `rpc-error` with the node's message. Anything else before an answer (fetch's `TypeError: fetch failed`
 * with a `cause.code` such as ECONNREFUSED, a timeout, an abort) means the node was not reached.
 */
export function rpcError(cause: unknown, rpcUrl: string, call: string): Error {
  const error = cause as { name?: string; message?: string; response?: { status?: number }; code?: string; cause?: { code?: string; message?: string } };
  if (cause instanceof CartiError) return cause;
  // Status 0 is no answer at all: the browser's upload path (XMLHttpRequest, used for add progress) reports a
  // refused connection that way.
  if (error?.name === 'HTTPError' && error.response && error.response.status !== 0) {
    return ipfsError('rpc-error', 'IPFS node', `${rpcUrl} /api/v0/${call}`, `HTTP ${error.response.status ?? '?'}: ${error.message || '(empty body)'}`);
  }
  if (error instanceof SyntaxError) {
    return ipfsError('rpc-error', 'IPFS node', `${rpcUrl} /api/v0/${call}`, `unreadable answer: ${error.message}`);
  }
  const reason = error?.response?.status === 0 ? 'no HTTP answer'
    : error?.name === 'TimeoutError' ? 'no answer in time'
    : error?.name === 'AbortError' ? 'aborted'
    : error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(cause);
  return ipfsError('node-unreachable', 'IPFS node', rpcUrl, `cannot reach the RPC API (${reason}); is the node running, and is this its API address (flag --ipfs-api, or CARTI_STUDIO_IPFS_API)?`);
}

async function call<T>(rpcUrl: string, name: string, run: (client: KuboRPCClient) => Promise<T>): Promise<T> {
  try {
    return await run(clientFor(rpcUrl));
  } catch (cause) {
    throw rpcError(cause, rpcUrl, name);
  }
}

/** `version`: the cheapest call, used as "test connection". */
export async function nodeVersion(rpcUrl: string, options: RpcOptions = {}): Promise<string> {
  const answer = await call(rpcUrl, 'version', (client) => client.version({ signal: signalFor(options, true) }));
  return String(answer.version ?? 'unknown');
}

/**
 * `add` one file with Carti Studio's parameters (CIDv1, raw leaves, `size-262144` chunker, sha2-256, pinned).
 * `file` is a Blob: a browser `File`, or in Node `fs.openAsBlob(path)`, so the bytes are streamed from disk
 * (kubo-rpc-client reads a Blob through its stream, chunk by chunk).
 */
export async function addFile(rpcUrl: string, file: Blob, fileName: string, options: RpcOptions & { onProgress?: (progress: AddProgress) => void } = {}): Promise<AddedFile> {
  const onProgress = options.onProgress;
  const added = await call(rpcUrl, 'add', (client) => client.add({ path: fileName, content: file }, {
    cidVersion: UNIXFS_PARAMETERS.cidVersion,
    rawLeaves: UNIXFS_PARAMETERS.rawLeaves,
    chunker: `size-${UNIXFS_PARAMETERS.chunkSizeBytes}`,
    hashAlg: UNIXFS_PARAMETERS.hash,
    pin: true,
    // `wrapWithDirectory: false` is the default: the answer's CID is the file's own.
    progress: onProgress ? (bytes: number) => onProgress({ sentBytes: bytes }) : undefined,
    signal: options.signal,
  }));
  return { cid: CID.asCID(added.cid) ?? CID.parse(added.cid.toString()), sizeBytes: Number.isFinite(added.size) ? added.size : file.size };
}

/** `block/put` one dag-pb block (a directory node built locally); returns the CID the node computed. */
export async function putDagPbBlock(rpcUrl: string, bytes: Uint8Array, options: RpcOptions = {}): Promise<CID> {
  // `format` names the codec for js-ipfs and older Kubo (kubo-rpc-client retries with `protobuf` for go-ipfs).
  const cid = await call(rpcUrl, 'block/put', (client) => client.block.put(bytes, { format: 'dag-pb', mhtype: 'sha2-256', version: 1, signal: signalFor(options, true) }));
  return CID.parse(cid.toString());
}

/** `pin/add` recursively (everything under the CID must be on the node). */
export async function pinAdd(rpcUrl: string, cid: CID, options: RpcOptions = {}): Promise<void> {
  await call(rpcUrl, 'pin/add', (client) => client.pin.add(cid, { recursive: true, signal: signalFor(options, true) }));
}

/**
 * `cat` a file (by CID and optional path) as a stream of chunks. The first chunk is awaited here, so a node
 * that is down or refuses the path fails at the call, not in the middle of the caller's loop; later errors
 * are translated too.
 */
export async function cat(rpcUrl: string, ipfsPath: string, options: RpcOptions = {}): Promise<AsyncIterable<Uint8Array>> {
  const iterator = clientFor(rpcUrl).cat(ipfsPath, { signal: options.signal })[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    first = await iterator.next();
  } catch (cause) {
    throw rpcError(cause, rpcUrl, 'cat');
  }
  return (async function* rest() {
    if (first.done) return;
    yield first.value;
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } catch (cause) {
      throw rpcError(cause, rpcUrl, 'cat');
    }
  })();
}
