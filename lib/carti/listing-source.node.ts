/** Node helper: read a local listing source (carti-formats.md §10.2): `<path>/bundles.json`, or the file itself. */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CartiError } from './errors';
import { parseListingText } from './listing';
import type { LoadedListing } from './index-merge';

/** Reads at most this much: listings are small (same limit as remote listings). */
const MAX_LISTING_BYTES = 4 << 20;

export async function readLocalListing(source: string): Promise<LoadedListing> {
  const path = resolve(source);
  try {
    const info = await stat(path);
    const file = info.isDirectory() ? join(path, 'bundles.json') : path;
    const fileInfo = await stat(file);
    if (fileInfo.size > MAX_LISTING_BYTES) {
      return { source, error: new CartiError('too-large', file, '(file)', `${fileInfo.size} bytes, more than the ${MAX_LISTING_BYTES}-byte listing limit`) };
    }
    const text = await readFile(file, 'utf8');
    return { source, url: file, result: parseListingText(text, file) };
  } catch (cause) {
    return { source, error: new CartiError('io', source, '(file)', (cause as Error).message) };
  }
}
