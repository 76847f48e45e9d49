/**
 * The logic of the app's API routes, as plain Web-standard handlers (Request → Response) so they run in
 * Next.js route files and in tests alike. They fetch only through lib/fetch (SSRF guard, size and time
 * limits, manual redirects); `deps` carries the allow-list and, on Node, the DNS resolver.
 *
 * GET /api/listing?source=… → 200 ListingResponse (valid records + per-record errors), or an ErrorResponse
 *   when the listing cannot be read at all (the source's error row).
 * GET /api/asset?url=… → the asset's bytes, streamed through (never buffered whole), for the browser's
 *   Verify, which hashes them itself.
 */
import { CartiError } from '../carti/errors';
import { fetchLimited, type ResolveHost } from '../fetch/fetch-limited';
import { fetchListing } from '../fetch/listing';
import { isWholeListingError } from './listing-query';
import { ASSET_LENGTH_HEADER, errorToWire, type ErrorResponse, type ListingResponse } from './wire';

export interface ApiDeps {
  readonly allowList: readonly string[];
  readonly resolveHost?: ResolveHost;
}

const STATUS_BY_CODE: Record<string, number> = {
  'bad-source': 400,
  'bad-url': 400,
  'blocked-address': 403,
  'html-not-json': 422,
  'bad-json': 422,
  'wrong-type': 422,
  'too-large': 413,
  timeout: 504,
  aborted: 499,
};

export function errorResponse(error: CartiError): Response {
  const body: ErrorResponse = { error: errorToWire(error) };
  return Response.json(body, { status: STATUS_BY_CODE[error.code] ?? 502, headers: { 'cache-control': 'no-store' } });
}

function missingParameter(name: string, route: string): Response {
  return errorResponse(new CartiError('bad-source', route, `?${name}=`, `the ${name} parameter is required`));
}

export async function handleListingRequest(request: Request, deps: ApiDeps): Promise<Response> {
  const source = new URL(request.url).searchParams.get('source');
  if (source === null || source.trim() === '') return missingParameter('source', '/api/listing');
  const loaded = await fetchListing(source, { allowList: deps.allowList, resolveHost: deps.resolveHost, signal: request.signal });
  if ('error' in loaded) return errorResponse(loaded.error);
  const fatal = loaded.result.errors.find(isWholeListingError);
  if (fatal) return errorResponse(fatal);
  const body: ListingResponse = {
    source,
    url: loaded.url,
    bundles: loaded.result.value.bundles,
    errors: loaded.result.errors.map(errorToWire),
    warnings: loaded.result.warnings.map(errorToWire),
  };
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
}

function toReadableStream(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        // A limit hit mid-stream (too-large, timeout) ends the response with an error: the browser's hash
        // then never completes, so a cut-off file can never be reported as verified.
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export async function handleAssetRequest(request: Request, deps: ApiDeps): Promise<Response> {
  const url = new URL(request.url).searchParams.get('url');
  if (url === null || url.trim() === '') return missingParameter('url', '/api/asset');
  try {
    const upstream = await fetchLimited(url, { kind: 'asset', allowList: deps.allowList, resolveHost: deps.resolveHost, signal: request.signal });
    const headers: Record<string, string> = {
      // Served from the app's origin, so never let a browser render it: bytes only (no HTML, no sniffing).
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
    };
    if (upstream.contentLength !== undefined) {
      headers['content-length'] = String(upstream.contentLength);
      headers[ASSET_LENGTH_HEADER] = String(upstream.contentLength);
    }
    return new Response(toReadableStream(upstream.body), { status: 200, headers });
  } catch (cause) {
    const error = cause instanceof CartiError ? cause : new CartiError('network', url, '(asset)', String(cause));
    return errorResponse(error);
  }
}
