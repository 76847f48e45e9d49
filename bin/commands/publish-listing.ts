/**
 * The `bundles.json` a publish records into (carti-formats.md §11: carti's publish wrote `./bundles.json`):
 * read it if present (refusing to overwrite a file that does not parse), append the record unless its id is
 * already listed (first entry wins), write it atomically in carti's layout.
 */
import { readFile } from 'node:fs/promises';
import { addBundleToListing, parseListingText, serializeListing } from '../../lib/carti/listing';
import type { Bundle, Listing } from '../../lib/carti/types';
import { writeFileAtomic } from '../../lib/store/file-sink.node.js';

export async function recordInListing(path: string, bundle: Bundle): Promise<'added' | 'already-listed'> {
  let listing: Listing = { bundles: [] };
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    // a new listing
  }
  if (text !== undefined) {
    const parsed = parseListingText(text, path);
    if (parsed.errors.length > 0) throw parsed.errors[0]!;
    listing = parsed.value;
  }
  const updated = addBundleToListing(listing, bundle);
  if (updated === listing) return 'already-listed';
  await writeFileAtomic(path, serializeListing(updated));
  return 'added';
}
