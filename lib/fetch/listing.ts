/**
 * Fetch one listing source (carti-formats.md §10.2) with the listing limits, then parse and validate it.
 * Never throws: a failure is the source's error row (`LoadedListing` with `error`), so one bad listing
 * changes nothing else in the index. HTML where JSON is expected gets an error that suggests the raw URL.
 * `ipfs://` sources go to lib/ipfs (`fetchIpfsListing`) when IPFS settings are given (`ipfs`), since
 * gateways and the node are the caller's choice; without them the row says so.
 */
import { CartiError } from '../carti/errors';
import { parseListingText } from '../carti/listing';
import { githubBlobToRaw, resolveListingSource } from '../carti/listing-source';
import type { LoadedListing } from '../carti/index-merge';
import { fetchIpfsListing } from '../ipfs/listing';
import type { IpfsSettings } from '../ipfs/settings';
import { fetchLimited, type FetchOptions } from './fetch-limited';

export type FetchedListing = LoadedListing;

export interface ListingFetchOptions extends Omit<FetchOptions, 'kind'> {
  /** Gateways (and node) for `ipfs://` sources; their origins should also be on `allowList`. */
  readonly ipfs?: IpfsSettings;
  /** For `ipfs://` sources: ask the node's RPC API before the gateways. */
  readonly viaRpc?: boolean;
}

export async function fetchListing(source: string, options: ListingFetchOptions = {}): Promise<FetchedListing> {
  try {
    const resolved = resolveListingSource(source);
    if (resolved.kind === 'path') {
      return { source, error: new CartiError('bad-source', source, '(source)', 'a local path is only readable by the CLI') };
    }
    const { ipfs, viaRpc, ...fetchOptions } = options;
    if (resolved.kind === 'ipfs') {
      if (!ipfs) return { source, error: new CartiError('bad-source', source, '(source)', 'an ipfs:// source needs IPFS settings (a gateway or a node)') };
      return await fetchIpfsListing(source, ipfs, { ...fetchOptions, viaRpc });
    }
    const response = await fetchLimited(resolved.url, { ...fetchOptions, kind: 'listing', accept: 'application/json, text/plain;q=0.9, */*;q=0.1' });
    const text = await response.text();
    if (/text\/html/i.test(response.contentType) || /^\s*</.test(text)) {
      return { source, error: htmlError(source, response.url) };
    }
    return { source, url: response.url, result: parseListingText(text, source) };
  } catch (cause) {
    const error = cause instanceof CartiError ? cause : new CartiError('network', source, '(source)', (cause as Error).message);
    return { source, error };
  }
}

function htmlError(source: string, url: string): CartiError {
  const raw = githubBlobToRaw(url);
  const hint = raw !== url
    ? `use the raw file: ${raw}`
    : 'give the raw URL of the bundles.json file (for GitHub: https://raw.githubusercontent.com/<owner>/<repo>/<ref>/bundles.json, or the repository URL)';
  return new CartiError('html-not-json', source, url, `the server returned an HTML page, not a JSON listing; ${hint}`);
}
