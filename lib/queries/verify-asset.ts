/**
 * Verify, in the browser: download a bundle's asset and compute its id while the bytes stream in
 * (carti-formats.md §2.3: always recompute the id after a download). Assets on the app's own origin are read
 * directly; any other URL goes through GET /api/asset, which streams it through lib/fetch's SSRF guard and
 * size limits (and sidesteps hosts that send no CORS headers). `ipfs://` assets are read in the browser
 * through the configured IPFS node and gateways.
 */
import { CartiError } from '../carti/errors';
import { idOfStream } from '../carti/id';
import { fetchIpfsVerified } from '../ipfs/fetch';
import { DEFAULT_IPFS_SETTINGS, ipfsAllowList, type IpfsSettings } from '../ipfs/settings';
import { isIpfsUri } from '../ipfs/uri';
import { gatewayTransport } from './gateway-transport';
import { ASSET_LENGTH_HEADER, errorFromResponseBody } from './wire';

export const ASSET_API_PATH = '/api/asset';

/** Where the browser fetches `assetUrl` from: directly when same-origin, else through the app's route. */
export function assetRequestUrl(assetUrl: string, pageOrigin: string): string {
  const url = new URL(assetUrl, pageOrigin);
  if (url.origin === new URL(pageOrigin).origin) return url.href;
  return new URL(`${ASSET_API_PATH}?url=${encodeURIComponent(url.href)}`, pageOrigin).href;
}

export interface VerifyProgress {
  readonly doneBytes: number;
  /** From Content-Length, when the server sent one. */
  readonly totalBytes?: number;
}

export interface VerifyResult {
  readonly expectedId: string;
  readonly actualId: string;
  readonly matches: boolean;
  readonly lengthBytes: number;
}

export interface VerifyOptions {
  readonly assetUrl: string;
  readonly expectedId: string;
  readonly pageOrigin: string;
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  /** Node and gateways for `ipfs://` assets; default: lib/ipfs defaults. */
  readonly ipfsSettings?: () => IpfsSettings | Promise<IpfsSettings>;
}

/**
 * An `ipfs://` asset (issue 6) through the user's node and gateways (lib/ipfs `fetchIpfsVerified`), counted
 * but not kept. Several sources may be asked, so a mismatch is not one `actualId`: when no source gives the
 * file the error names each one and what it sent.
 */
async function verifyIpfsAsset(options: VerifyOptions): Promise<VerifyResult> {
  const settings = (await options.ipfsSettings?.()) ?? DEFAULT_IPFS_SETTINGS;
  const allowList = ipfsAllowList(settings);
  let totalBytes: number | undefined;
  const download = await fetchIpfsVerified<number>(options.assetUrl, options.expectedId, {
    settings,
    viaRpc: settings.rpcUrl !== undefined,
    allowList,
    transport: gatewayTransport(allowList),
    signal: options.signal,
    sinkFactory: () => {
      let counted = 0;
      return { write: (chunk) => void (counted += chunk.byteLength), commit: () => counted, abort: () => undefined };
    },
    onProgress: (event) => {
      totalBytes = event.totalBytes ?? totalBytes;
      options.onProgress?.({ doneBytes: event.receivedBytes, totalBytes });
    },
  });
  return { expectedId: options.expectedId, actualId: download.id, matches: true, lengthBytes: download.sizeBytes };
}

export async function verifyAsset(options: VerifyOptions): Promise<VerifyResult> {
  if (isIpfsUri(options.assetUrl)) return verifyIpfsAsset(options);
  const { assetUrl, expectedId } = options;
  const requestUrl = assetRequestUrl(assetUrl, options.pageOrigin);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(requestUrl, { signal: options.signal, cache: 'no-store' });
  } catch (cause) {
    if (options.signal?.aborted) throw new CartiError('aborted', assetUrl, '(download)', 'verification cancelled');
    throw new CartiError('network', assetUrl, '(download)', `cannot fetch the asset (${(cause as Error).message})`);
  }
  if (!response.ok || !response.body) {
    const body: unknown = await response.json().catch(() => null);
    throw errorFromResponseBody(body, assetUrl, response.status);
  }
  const lengthHeader = Number(response.headers.get(ASSET_LENGTH_HEADER) ?? response.headers.get('content-length'));
  const totalBytes = Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : undefined;
  let doneBytes = 0;
  options.onProgress?.({ doneBytes, totalBytes });
  const actualId = await idOfStream(response.body, (bytesHashed) => {
    doneBytes = bytesHashed;
    options.onProgress?.({ doneBytes, totalBytes });
  });
  return { expectedId, actualId, matches: actualId === expectedId, lengthBytes: doneBytes };
}
