/**
 * `bundles.json` listings (carti-formats.md §3.2): validate the parsed object record by record; each bad
 * record is reported with its index and JSON path and the valid ones are still returned. Duplicate ids:
 * the first record wins (carti's publishing rule) and later ones are warnings.
 */
import { CartiError } from './errors';
import { bundleToJson, readBundle } from './bundle';
import { describe } from './hex';
import { Issues, cartiJson, isObject, parseJsonText, rejectUnknownKeys } from './json-read';
import type { Bundle, Listing, ParseResult } from './types';

export function parseListing(value: unknown, input = 'bundles.json'): ParseResult<Listing> {
  const issues = new Issues(input);
  const bundles: Bundle[] = [];
  if (!isObject(value)) {
    issues.error('wrong-type', [], `expected a listing object {"bundles": [...]}, got ${describe(value)}`);
    return { value: { bundles }, errors: issues.errors, warnings: issues.warnings };
  }
  rejectUnknownKeys(issues, value, ['bundles'], []);
  const records = value.bundles;
  if (records === undefined) return { value: { bundles }, errors: issues.errors, warnings: issues.warnings };
  if (!Array.isArray(records)) {
    issues.error('wrong-type', ['bundles'], `expected an array of bundle records, got ${describe(records)}`);
    return { value: { bundles }, errors: issues.errors, warnings: issues.warnings };
  }
  const firstIndexById = new Map<string, number>();
  records.forEach((record, index) => {
    const bundle = readBundle(issues, record, ['bundles', index]);
    if (bundle === undefined) return;
    const first = firstIndexById.get(bundle.id);
    if (first !== undefined) {
      issues.warn('duplicate-id', ['bundles', index, 'id'], `id ${bundle.id} already listed at bundles[${first}]; the first record wins`);
      return;
    }
    firstIndexById.set(bundle.id, index);
    bundles.push(bundle);
  });
  return { value: { bundles }, errors: issues.errors, warnings: issues.warnings };
}

/** Parse listing text; malformed JSON or HTML is one error and an empty listing. */
export function parseListingText(text: string, input = 'bundles.json'): ParseResult<Listing> {
  const value = parseJsonText(text, input);
  if (value instanceof CartiError) return { value: { bundles: [] }, errors: [value], warnings: [] };
  return parseListing(value, input);
}

/** Errors that mean nothing of a listing could be read (not JSON, HTML, too large, not an object), as opposed to one bad record. */
const WHOLE_LISTING_CODES = new Set(['bad-json', 'html-not-json', 'too-large']);

export function isWholeListingError(error: CartiError): boolean {
  return WHOLE_LISTING_CODES.has(error.code) || (error.code === 'wrong-type' && error.location === '(root)');
}

/** carti's byte layout: 2-space JSON, records in carti key order, no trailing newline. */
export function serializeListing(listing: Listing): string {
  return cartiJson({ bundles: listing.bundles.map(bundleToJson) });
}

/** Append a record unless one with the same id exists (carti's publish rule: first entry wins). */
export function addBundleToListing(listing: Listing, bundle: Bundle): Listing {
  if (listing.bundles.some((existing) => existing.id === bundle.id)) return listing;
  return { bundles: [...listing.bundles, bundle] };
}
