/**
 * The "own file as a bundle" form's pure logic (carti's `bundle <src> -t -n -v -d`, carti-formats.md §11):
 * turn the form fields into a bundle record without id (the store computes it), and write the listing
 * entry: a new `bundles.json` with that one record, or the record appended to a listing the user chose
 * (carti's publish rule, §3.2: an id already listed is not added twice).
 */
import { parseBundle, bundleToJson } from '@/lib/carti/bundle';
import { CartiError } from '@/lib/carti/errors';
import { HELLO_ID } from '@/lib/carti/id';
import { addBundleToListing, parseListingText, serializeListing } from '@/lib/carti/listing';
import { BUNDLE_TYPES, type Bundle, type BundleType } from '@/lib/carti/types';
import type { UnidentifiedBundle } from '@/lib/store/types';

export interface DraftFields {
  readonly bundleType: string;
  readonly name: string;
  readonly version: string;
  readonly fileName: string;
  readonly uri: string;
}

export type DraftField = keyof DraftFields;

export type DraftResult =
  | { readonly ok: true; readonly record: UnidentifiedBundle }
  | { readonly ok: false; readonly problems: Partial<Record<DraftField, string>> };

/** The picked file's own name, reduced to a plain file name (§3.1: it names the file inside a store). */
export function plainFileName(pickedName: string): string {
  const base = pickedName.split(/[/\\]/).pop()?.replace(/\0/g, '').trim() ?? '';
  return base === '' || base === '.' || base === '..' ? 'file.bin' : base;
}

/** Validates the fields with lib/carti's own record rules (§3.1) and names the field of each problem. */
export function draftRecord(fields: DraftFields): DraftResult {
  const problems: Partial<Record<DraftField, string>> = {};
  if (!(BUNDLE_TYPES as readonly string[]).includes(fields.bundleType)) problems.bundleType = `choose one of ${BUNDLE_TYPES.join(', ')}`;
  if (fields.name.trim() === '') problems.name = 'a bundle needs a name';
  if (fields.version.trim() === '') problems.version = 'a bundle needs a version (for example 0.1.0)';
  const uri = fields.uri.trim();
  if (uri !== '' && !/^https?:\/\//i.test(uri)) problems.uri = 'a download location is an http(s) URL';
  const record: UnidentifiedBundle = {
    bundleType: fields.bundleType as BundleType, name: fields.name.trim(), fileName: fields.fileName,
    version: fields.version.trim(), ...(uri !== '' ? { uri } : {}),
  };
  // The id is not known yet: a valid placeholder lets the shared validator check every other field.
  for (const error of parseBundle(bundleToJson({ ...record, id: HELLO_ID }), 'bundle').errors) {
    const field = error.location.split('.')[0] as DraftField;
    if (field in fields && problems[field] === undefined) problems[field] = error.reason;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, record };
}

/** A `bundles.json` holding only this bundle, in carti's byte layout (§3.2). */
export function singleListingText(bundle: Bundle): string {
  return serializeListing({ bundles: [bundle] });
}

/**
 * The chosen listing with this bundle appended. Refuses a listing with rejected records: rewriting it
 * would silently drop them.
 */
export function appendToListingText(listingText: string, listingName: string, bundle: Bundle): { text: string; alreadyListed: boolean } {
  const parsed = parseListingText(listingText, listingName);
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new CartiError(first.code, listingName, first.location, `${first.reason} (fix the listing first: appending would drop ${parsed.errors.length === 1 ? 'this record' : `${parsed.errors.length} rejected records`})`);
  }
  const alreadyListed = parsed.value.bundles.some((existing) => existing.id === bundle.id);
  return { text: serializeListing(addBundleToListing(parsed.value, bundle)), alreadyListed };
}
