/**
 * Fetch one listing source (carti-formats.md §10.2) with the listing limits, then parse and validate it.
 * Never throws: a failure is the source's error row (`LoadedListing` with `error`), so one bad listing
 * changes nothing else in the index. HTML where JSON is expected gets an error that suggests the raw URL.
 */
import { CartiError } from '../carti/errors';
import { parseListingText } from '../carti/listing';
import { githubBlobToRaw, resolveListingSource } from '../carti/listing-source';
import type { LoadedListing } from '../carti/index-merge';
import { fetchLimited, type FetchOptions } from './fetch-limited';

export type FetchedListing = LoadedListing;

export async function fetchListing(source: string, options: Omit<FetchOptions, 'kind'> = {}): Promise<FetchedListing> {
  try {
    const resolved = resolveListingSource(source);
    if (resolved.kind === 'path') {
      return { source, error: new CartiError('bad-source', source, '(source)', 'a local path is only readable by the CLI') };
    }
    const response = await fetchLimited(resolved.url, { ...options, kind: 'listing', accept: 'application/json, text/plain;q=0.9, */*;q=0.1' });
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
