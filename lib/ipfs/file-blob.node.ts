/** Node helper: a file as a Blob read lazily from disk (so `add` streams it), with a typed error when missing. */
import { openAsBlob } from 'node:fs';
import { CartiError } from '../carti/errors';

export async function fileBlob(path: string): Promise<Blob> {
  try {
    return await openAsBlob(path);
  } catch (cause) {
    throw new CartiError('io', path, '(file)', (cause as Error).message);
  }
}
