/**
 * Loading one listing source for the browser (carti-formats.md §10.2). The embedded listing (a path on the
 * app's own origin) is fetched directly and validated here with lib/carti; every other source goes through
 * GET /api/listing, whose server applies lib/fetch's SSRF guard and limits (browsers cannot read most
 * listing hosts cross-origin anyway). Either way the result is the same shape: the valid records and the
 * per-record errors. A source that cannot be read at all (network, HTTP status, HTML, malformed JSON) throws
 * its CartiError, which the UI shows as that source's error row. An `ipfs://` source (issue 6) is read in the
 * browser through the user's configured gateways (lib/ipfs `fetchIpfsListing`): the gateways are the user's
 * choice, often a local node the app's server could not reach, and every bundle is verified by id later.
 */
import { CartiError } from '../carti/errors';
import { isWholeListingError, parseListingText } from '../carti/listing';
import type { Bundle } from '../carti/types';
import { fetchIpfsListing } from '../ipfs/listing';
import { ipfsAllowList, DEFAULT_IPFS_SETTINGS, type IpfsSettings } from '../ipfs/settings';
import { isIpfsUri } from '../ipfs/uri';
import { gatewayTransport } from './gateway-transport';
import { queryKeys } from './keys';
import { errorFromResponseBody, errorFromWire, type ListingResponse } from './wire';

export interface LoadedSource {
  readonly source: string;
  /** Absolute URL the listing was read from; relative `uri`s resolve against it. */
  readonly url: string;
  readonly bundles: readonly Bundle[];
  readonly errors: readonly CartiError[];
  readonly warnings: readonly CartiError[];
}

export interface ListingClientEnv {
  /** The page's origin, e.g. `location.origin`. */
  readonly origin: string;
  readonly fetch?: typeof fetch;
  /** The IPFS settings for `ipfs://` sources (read when such a source loads); default: lib/ipfs defaults. */
  readonly ipfsSettings?: () => IpfsSettings | Promise<IpfsSettings>;
}

export const LISTING_API_PATH = '/api/listing';

export { isWholeListingError };

async function loadSameOrigin(source: string, env: ListingClientEnv, signal?: AbortSignal): Promise<LoadedSource> {
  const url = new URL(source, env.origin).href;
  let response: Response;
  try {
    response = await (env.fetch ?? fetch)(url, { signal, cache: 'no-store' });
  } catch (cause) {
    throw new CartiError('network', source, url, `cannot fetch the listing (${(cause as Error).message})`);
  }
  if (!response.ok) throw new CartiError('http-status', source, url, `the server answered HTTP ${response.status}`);
  const parsed = parseListingText(await response.text(), source);
  const fatal = parsed.errors.find(isWholeListingError);
  if (fatal) throw fatal;
  return { source, url, bundles: parsed.value.bundles, errors: parsed.errors, warnings: parsed.warnings };
}

async function loadThroughApi(source: string, env: ListingClientEnv, signal?: AbortSignal): Promise<LoadedSource> {
  const apiUrl = new URL(`${LISTING_API_PATH}?source=${encodeURIComponent(source)}`, env.origin).href;
  let response: Response;
  try {
    response = await (env.fetch ?? fetch)(apiUrl, { signal, cache: 'no-store' });
  } catch (cause) {
    throw new CartiError('network', source, LISTING_API_PATH, `cannot reach the app's server (${(cause as Error).message})`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFromResponseBody(body, source, response.status);
  const listing = body as ListingResponse | null;
  if (!listing || typeof listing.url !== 'string' || !Array.isArray(listing.bundles) || !Array.isArray(listing.errors) || !Array.isArray(listing.warnings)) {
    throw new CartiError('bad-json', source, LISTING_API_PATH, "the app's server answered with a body that is not a listing response");
  }
  return {
    source,
    url: listing.url,
    bundles: listing.bundles,
    errors: listing.errors.map(errorFromWire),
    warnings: listing.warnings.map(errorFromWire),
  };
}

/**
 * Through the user's gateways in order (lib/ipfs `fetchIpfsListing` passes over a gateway whose answer is not a
 * listing), with the browser transport that follows a gateway's redirects only within the configured origins.
 */
async function loadFromIpfs(source: string, env: ListingClientEnv, signal?: AbortSignal): Promise<LoadedSource> {
  const settings = (await env.ipfsSettings?.()) ?? DEFAULT_IPFS_SETTINGS;
  const allowList = ipfsAllowList(settings);
  const loaded = await fetchIpfsListing(source, settings, { allowList, signal, transport: gatewayTransport(allowList) });
  if ('error' in loaded) throw loaded.error;
  const parsed = loaded.result;
  return { source, url: loaded.url, bundles: parsed.value.bundles, errors: parsed.errors, warnings: parsed.warnings };
}

/** True for sources served by the app itself (the embedded listing). */
export function isAppPath(source: string): boolean {
  return source.startsWith('/') && !source.startsWith('//');
}

export function loadListing(source: string, env: ListingClientEnv, signal?: AbortSignal): Promise<LoadedSource> {
  if (isIpfsUri(source)) return loadFromIpfs(source, env, signal);
  return isAppPath(source) ? loadSameOrigin(source, env, signal) : loadThroughApi(source, env, signal);
}

/** TanStack Query options for one source (used with `useQueries`). */
export function listingQuery(source: string, env: ListingClientEnv) {
  return {
    queryKey: queryKeys.listing(source),
    queryFn: ({ signal }: { signal: AbortSignal }) => loadListing(source, env, signal),
  };
}
