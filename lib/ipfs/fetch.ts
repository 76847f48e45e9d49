/**
 * Fetch an `ipfs://` asset and verify it (issue 6, "Fetch"; oci-ext2-ipfs.md §8.3, §8.4): try the node's RPC
 * API (when asked) and then each configured gateway in order; every attempt streams into a fresh sink while
 * the carti id and the UnixFS CID are computed, and the sink is committed only when the carti id matches.
 * A gateway that returns other bytes is reported by name and the next one is tried; nothing unverified is
 * kept. The CID check: a raw CID (a file of one chunk) must match the bytes' sha-256, always; a dag-pb CID is
 * matched when the file was published with Carti Studio's parameters (`cidVerified`), and a difference there
 * is not an error since another publisher may have chunked differently: the carti id is the authority.
 */
import { CartiError } from '../carti/errors';
import { checkId, createIdHasher } from '../carti/id';
import { fetchLimited, type FetchOptions } from '../fetch/fetch-limited';
import { memorySink, type DownloadSink } from '../fetch/download';
import { ipfsError } from './errors';
import { cat } from './rpc-client';
import type { IpfsSettings } from './settings';
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
  /** True when the bytes also hash to the uri's CID with Carti Studio's UnixFS parameters. */
  readonly cidVerified: boolean;
  readonly result: T;
}

export async function fetchIpfsVerified<T = Uint8Array>(uri: string, expectedId: string, options: IpfsFetchOptions<T>): Promise<IpfsDownload<T>> {
  checkId(expectedId, uri, 'expected id');
  const ref = parseIpfsUri(uri);
  const attempts: { source: string; open: () => Promise<AsyncIterable<Uint8Array>> }[] = [];
  const ipfsPath = `/ipfs/${ref.cid}${ref.path.map((segment) => `/${segment}`).join('')}`;
  const rpcUrl = options.settings.rpcUrl;
  if (options.viaRpc && rpcUrl) {
    // `cat` is not a fetchLimited request, so its progress is reported here.
    const source = `IPFS node ${rpcUrl}`;
    attempts.push({ source, open: async () => withProgress(await cat(rpcUrl, ipfsPath, { signal: options.signal }), `${rpcUrl}/api/v0/cat?arg=${ipfsPath}`, options.onProgress) });
  }
  for (const gateway of options.settings.gateways) {
    const url = gatewayUrl(gateway, ref);
    attempts.push({ source: `gateway ${gateway}`, open: async () => (await fetchLimited(url, { ...options, kind: 'asset' })).body });
  }
  const failures: string[] = [];
  for (const attempt of attempts) {
    try {
      return await verifiedAttempt(attempt.source, attempt.open, ref, expectedId, options.sinkFactory ?? (memorySink as unknown as () => DownloadSink<T>));
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

async function verifiedAttempt<T>(source: string, open: () => Promise<AsyncIterable<Uint8Array>>, ref: IpfsRef, expectedId: string, sinkFactory: () => DownloadSink<T>): Promise<IpfsDownload<T>> {
  const sink = sinkFactory();
  const idHasher = await createIdHasher();
  // The CID describes the root only when the uri has no path below it.
  const cidHasher = ref.path.length === 0 ? new UnixfsFileHasher() : undefined;
  let sizeBytes = 0;
  try {
    for await (const chunk of await open()) {
      idHasher.update(chunk);
      await cidHasher?.update(chunk);
      sizeBytes += chunk.byteLength;
      await sink.write(chunk);
    }
    const id = await idHasher.finish();
    if (id !== expectedId) {
      throw new CartiError('id-mismatch', source, `ipfs://${ref.cid}`, `returned other bytes (${sizeBytes} bytes with id ${id}, expected ${expectedId}); they were not kept`);
    }
    const computed = cidHasher ? (await cidHasher.finish()).cid : undefined;
    const cidVerified = computed !== undefined && computed.equals(ref.cid);
    if (computed && !cidVerified && ref.cid.code === RAW_CODEC) {
      throw ipfsError('cid-mismatch', source, `ipfs://${ref.cid}`, `the bytes hash to ${computed}, not to the raw CID asked for; they were not kept`);
    }
    return { id, source, sizeBytes, cidVerified, result: await sink.commit() };
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

async function* withProgress(chunks: AsyncIterable<Uint8Array>, url: string, onProgress: FetchOptions['onProgress']): AsyncIterable<Uint8Array> {
  let receivedBytes = 0;
  for await (const chunk of chunks) {
    receivedBytes += chunk.byteLength;
    onProgress?.({ url, receivedBytes });
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
