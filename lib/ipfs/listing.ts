/**
 * Listing sources `ipfs://<cid>[/path]` (carti-formats.md §10.2): the CID (or path) of a `bundles.json`, or of
 * a directory holding one; and, the same way, machine packages (`carti-machine-package.json`). Read through
 * the node's RPC API first when asked (`viaRpc`), then the configured gateways in order, with the listing
 * limits. A trustless gateway's blocks are checked against their CIDs (trustless.ts); a plain gateway's
 * answer is taken as is (a listing has no carti id; every asset it names is verified when fetched).
 *
 * A directory is recognised by trying `<ref>/bundles.json` first: a file ref has no children, so that fails,
 * and the ref itself is read next. The listing's `url` is its `ipfs://` uri (not a gateway URL), so bundle
 * uris relative to it resolve inside the same IPFS directory (lib/carti `resolveBundleUri`).
 */
import { CartiError } from '../carti/errors';
import { isWholeListingError, parseListingText } from '../carti/listing';
import type { LoadedListing } from '../carti/index-merge';
import { DEFAULT_LIMITS, type FetchOptions } from '../fetch/fetch-limited';
import { cat } from './rpc-client';
import type { IpfsSettings } from './settings';
import { LISTING_FILE } from './machine';
import { openGatewayFile } from './trustless';
import { childRef, formatIpfsUri, parseIpfsUri, type IpfsRef } from './uri';

export interface IpfsDocumentOptions extends Omit<FetchOptions, 'kind'> {
  /** Ask the node's RPC API (`cat`) before the gateways. */
  readonly viaRpc?: boolean;
  /**
   * Why a text is not the wanted document (undefined: it is). A document has no carti id, so a source that
   * answers something else (broken or hostile) is passed over for the next one instead of hiding its answer.
   */
  readonly check?: (text: string, source: string) => CartiError | undefined;
}

export interface IpfsDocument {
  /** The `ipfs://` uri of the file that was read (`…/bundles.json` when the source was a directory). */
  readonly uri: string;
  readonly text: string;
  /** `IPFS node <url>` or `gateway <url>`. */
  readonly source: string;
}

async function readText(chunks: AsyncIterable<Uint8Array>, maxBytes: number, source: string, uri: string): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new CartiError('too-large', source, uri, `more than ${maxBytes} bytes (the listing limit)`);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * A small JSON document at `source` (an `ipfs://` uri): `<source>/<fileName>` when the source is a directory,
 * otherwise the source itself. Throws `ipfs-unavailable` listing every attempt's reason.
 */
export async function fetchIpfsDocument(source: string, fileName: string, settings: IpfsSettings, options: IpfsDocumentOptions = {}): Promise<IpfsDocument> {
  const ref = parseIpfsUri(source, 'IPFS source');
  const maxBytes = options.maxBytes ?? DEFAULT_LIMITS.listing.maxBytes;
  const candidates: IpfsRef[] = [childRef(ref, fileName), ref];
  const failures: string[] = [];
  const attempt = async (from: string, uri: string, open: () => Promise<AsyncIterable<Uint8Array>>): Promise<IpfsDocument | undefined> => {
    try {
      const text = await readText(await open(), maxBytes, from, uri);
      if (/^\s*</.test(text)) throw new CartiError('html-not-json', from, uri, `an HTML page (a directory without ${fileName}?)`);
      const problem = options.check?.(text, from);
      if (problem) throw problem;
      return { uri, text, source: from };
    } catch (error) {
      failures.push(`${from} ${uri}: ${(error as CartiError).reason ?? (error as Error).message}`);
      return undefined;
    }
  };
  const rpcUrl = settings.rpcUrl;
  if (options.viaRpc && rpcUrl) {
    for (const candidate of candidates) {
      const ipfsPath = `/ipfs/${candidate.cid}${candidate.path.map((segment) => `/${segment}`).join('')}`;
      const found = await attempt(`IPFS node ${rpcUrl}`, formatIpfsUri(candidate), () => cat(rpcUrl, ipfsPath, { signal: options.signal }));
      if (found) return found;
    }
  }
  const { viaRpc: _viaRpc, onProgress: _progress, check: _check, ...fetchOptions } = options;
  for (const gateway of settings.gateways) {
    for (const candidate of candidates) {
      const found = await attempt(`gateway ${gateway}`, formatIpfsUri(candidate), async () => (await openGatewayFile(gateway, candidate, { ...fetchOptions, maxBytes, trustlessOnly: settings.trustlessOnly })).chunks);
      if (found) return found;
    }
  }
  if (failures.length === 0) throw new CartiError('ipfs-unavailable', source, '(settings)', 'no IPFS gateway and no node are configured');
  throw new CartiError('ipfs-unavailable', source, '(source)', `no source gave a ${fileName}:\n  ${failures.join('\n  ')}`);
}

/** A listing source `ipfs://…`; never throws: a failure is the source's error row. */
export async function fetchIpfsListing(source: string, settings: IpfsSettings, options: IpfsDocumentOptions = {}): Promise<LoadedListing> {
  try {
    const check = (text: string, from: string) => parseListingText(text, from).errors.find(isWholeListingError);
    const document = await fetchIpfsDocument(source, LISTING_FILE, settings, { check, ...options });
    return { source, url: document.uri, result: parseListingText(document.text, source) };
  } catch (error) {
    return { source, error: error instanceof CartiError ? error : new CartiError('network', source, '(source)', (error as Error).message) };
  }
}
