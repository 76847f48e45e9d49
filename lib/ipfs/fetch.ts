/**
 * Fetch an `ipfs://` asset and verify it (issue 6, "Fetch"; oci-ext2-ipfs.md §8.3, §8.4): try the node's RPC
 * API (when asked) and then each configured gateway in order; every attempt streams into a fresh sink while
 * the carti id is computed, and the sink is committed only when the carti id matches. A gateway that returns
 * other bytes is reported by name and the next one is tried; nothing unverified is kept.
 *
 * The IPFS CID is checked too, in one of two ways:
 * - a trustless gateway (detected by its raw-block answer, trustless.ts) gives blocks that are each checked
 *   against their CID and walked from the root: the file is exactly the CID's (`trustless`, `cidVerified`);
 * - otherwise the bytes are re-chunked locally: a raw CID (a file of one chunk) must match the bytes'
 *   sha-256, always; a dag-pb CID is matched when the file was published with Carti Studio's parameters
 *   (`cidVerified`), and a difference there is not an error since another publisher may have chunked
 *   differently: the carti id is the authority.
 */
import { CartiError } from '../carti/errors';
import { checkId, createIdHasher } from '../carti/id';
import { DEFAULT_LIMITS, type FetchOptions } from '../fetch/fetch-limited';
import { memorySink, type DownloadSink } from '../fetch/download';
import { ipfsError } from './errors';
import { cat } from './rpc-client';
import type { IpfsSettings } from './settings';
import { openGatewayFile } from './trustless';
import { UnixfsFileHasher, RAW_CODEC } from './unixfs-cid';
import { gatewayUrl, parseIpfsUri, type IpfsRef } from './uri';

export interface IpfsFetchOptions<T> extends Omit<FetchOptions, 'kind'> {
  readonly settings: IpfsSettings;
  /** Try the node's RPC API first (it is the user's own node); gateways follow as fallback. */
  readonly viaRpc?: boolean;
  /** A new sink per attempt (a failed attempt's sink is aborted). Default: memory. */
  readonly sinkFactory?: () => DownloadSink<T>;
  /** Told about each failed attempt before the next is tried. */
  readonly onAttemptFailed?: (source: string, error: CartiError) => void;
}

export interface IpfsDownload<T> {
  readonly id: string;
  /** `rpc <url>` or the gateway URL the bytes came from. */
  readonly source: string;
  readonly sizeBytes: number;
  /** True when the bytes are known to be the uri's IPFS content (trustless walk, or same CID recomputed). */
  readonly cidVerified: boolean;
  /** True when they came from a trustless gateway, every block checked against its CID. */
  readonly trustless?: boolean;
  readonly result: T;
}

export async function fetchIpfsVerified<T = Uint8Array>(uri: string, expectedId: string, options: IpfsFetchOptions<T>): Promise<IpfsDownload<T>> {
  checkId(expectedId, uri, 'expected id');
  const ref = parseIpfsUri(uri);
  const attempts: { source: string; open: () => Promise<Opened> }[] = [];
  const ipfsPath = `/ipfs/${ref.cid}${ref.path.map((segment) => `/${segment}`).join('')}`;
  const rpcUrl = options.settings.rpcUrl;
  if (options.viaRpc && rpcUrl) {
    // `cat` is not a fetchLimited request, so its progress is reported here.
    const source = `IPFS node ${rpcUrl}`;
    attempts.push({ source, open: async () => ({ trustless: false, chunks: withProgress(await cat(rpcUrl, ipfsPath, { signal: options.signal }), `${rpcUrl}/api/v0/cat?arg=${ipfsPath}`, options.onProgress) }) });
  }
  for (const gateway of options.settings.gateways) {
    const url = gatewayUrl(gateway, ref);
    attempts.push({
      source: `gateway ${gateway}`,
      open: async () => {
        const file = await openGatewayFile(gateway, ref, { ...options, trustlessOnly: options.settings.trustlessOnly });
        return { trustless: file.trustless, chunks: withProgress(file.chunks, url, options.onProgress, file.totalBytes) };
      },
    });
  }
  const failures: string[] = [];
  for (const attempt of attempts) {
    try {
      return await verifiedAttempt(attempt.source, attempt.open, ref, expectedId, options.sinkFactory ?? (memorySink as unknown as () => DownloadSink<T>), options.maxBytes ?? DEFAULT_LIMITS.asset.maxBytes);
    } catch (error) {
      const cartiError = error as CartiError;
      failures.push(`${attempt.source}: ${cartiError.reason ?? cartiError.message}`);
      options.onAttemptFailed?.(attempt.source, cartiError);
      if (options.signal?.aborted) break;
    }
  }
  if (attempts.length === 0) throw ipfsError('ipfs-unavailable', uri, '(settings)', 'no IPFS gateway and no node are configured');
  throw ipfsError('ipfs-unavailable', uri, expectedId, `no source gave the verified file:\n  ${failures.join('\n  ')}`);
}

interface Opened {
  readonly trustless: boolean;
  readonly chunks: AsyncIterable<Uint8Array>;
}

async function verifiedAttempt<T>(source: string, open: () => Promise<Opened>, ref: IpfsRef, expectedId: string, sinkFactory: () => DownloadSink<T>, maxBytes: number): Promise<IpfsDownload<T>> {
  const sink = sinkFactory();
  const idHasher = await createIdHasher();
  let sizeBytes = 0;
  try {
    const opened = await open();
    // A trustless walk already proves the CID; otherwise recompute it (only the root's, when there is no path).
    const cidHasher = !opened.trustless && ref.path.length === 0 ? new UnixfsFileHasher() : undefined;
    for await (const chunk of opened.chunks) {
      sizeBytes += chunk.byteLength;
      // A DAG can describe more bytes than any asset may have: stop before storing them.
      if (sizeBytes > maxBytes) throw new CartiError('too-large', source, `ipfs://${ref.cid}`, `more than ${maxBytes} bytes; refused`);
      idHasher.update(chunk);
      await cidHasher?.update(chunk);
      await sink.write(chunk);
    }
    const id = await idHasher.finish();
    if (id !== expectedId) {
      throw new CartiError('id-mismatch', source, `ipfs://${ref.cid}`, `returned other bytes (${sizeBytes} bytes with id ${id}, expected ${expectedId}); they were not kept`);
    }
    const computed = cidHasher ? (await cidHasher.finish()).cid : undefined;
    const cidVerified = opened.trustless || (computed !== undefined && computed.equals(ref.cid));
    if (computed && !cidVerified && ref.cid.code === RAW_CODEC) {
      throw ipfsError('cid-mismatch', source, `ipfs://${ref.cid}`, `the bytes hash to ${computed}, not to the raw CID asked for; they were not kept`);
    }
    return { id, source, sizeBytes, cidVerified, trustless: opened.trustless, result: await sink.commit() };
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

async function* withProgress(chunks: AsyncIterable<Uint8Array>, url: string, onProgress: FetchOptions['onProgress'], totalBytes?: number): AsyncIterable<Uint8Array> {
  let receivedBytes = 0;
  for await (const chunk of chunks) {
    receivedBytes += chunk.byteLength;
    onProgress?.({ url, receivedBytes, totalBytes });
    yield chunk;
  }
}

/**
 * Gateway URLs for an `ipfs://` uri, in the configured order: the hook for code that already downloads
 * http(s) uris with verification (the CLI's store install tries each URL in turn).
 */
export function ipfsGatewayUrls(uri: string, settings: IpfsSettings): string[] {
  const ref = parseIpfsUri(uri);
  return settings.gateways.map((gateway) => gatewayUrl(gateway, ref));
}
