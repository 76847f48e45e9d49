/**
 * Verify, in the browser: download a bundle's asset and compute its id while the bytes stream in
 * (carti-formats.md §2.3: always recompute the id after a download). Assets on the app's own origin are read
 * directly; any other URL goes through GET /api/asset, which streams it through lib/fetch's SSRF guard and
 * size limits (and sidesteps hosts that send no CORS headers).
 */
import { CartiError } from '../carti/errors';
import { idOfStream } from '../carti/id';
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
}

export async function verifyAsset(options: VerifyOptions): Promise<VerifyResult> {
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
