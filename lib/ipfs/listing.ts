/**
 * Listing sources `ipfs://<cid>[/path]` (carti-formats.md §10.2): the CID (or path) of a `bundles.json`, or of
 * a directory holding one. Fetched through the configured gateways in order, with the listing limits. A
 * directory is recognised by trying `<ref>/bundles.json` first: a file ref has no children, so the gateway
 * answers that with an error, and the ref itself is read next. Bundle uris relative to the listing resolve
 * against the gateway URL it came from (lib/carti `resolveBundleUri`).
 */
import { CartiError } from '../carti/errors';
import { parseListingText } from '../carti/listing';
import type { LoadedListing } from '../carti/index-merge';
import { fetchLimited, type FetchOptions } from '../fetch/fetch-limited';
import type { IpfsSettings } from './settings';
import { LISTING_FILE } from './machine';
import { childRef, gatewayUrl, parseIpfsUri, type IpfsRef } from './uri';

export async function fetchIpfsListing(source: string, settings: IpfsSettings, options: Omit<FetchOptions, 'kind'> = {}): Promise<LoadedListing> {
  let ref: IpfsRef;
  try {
    ref = parseIpfsUri(source, 'listing source');
  } catch (error) {
    return { source, error: error as CartiError };
  }
  const failures: string[] = [];
  for (const gateway of settings.gateways) {
    for (const candidate of [childRef(ref, LISTING_FILE), ref]) {
      const url = gatewayUrl(gateway, candidate);
      try {
        const response = await fetchLimited(url, { ...options, kind: 'listing', accept: 'application/json, text/plain;q=0.9, */*;q=0.1' });
        const text = await response.text();
        if (/^\s*</.test(text)) throw new CartiError('html-not-json', source, url, 'the gateway returned an HTML page (a directory without bundles.json?)');
        return { source, url: response.url, result: parseListingText(text, source) };
      } catch (error) {
        failures.push(`${url}: ${(error as CartiError).reason ?? (error as Error).message}`);
      }
    }
  }
  const reason = failures.length === 0 ? 'no IPFS gateway is configured' : `no gateway gave a bundles.json:\n  ${failures.join('\n  ')}`;
  return { source, error: new CartiError('ipfs-unavailable', source, '(source)', reason) };
}
