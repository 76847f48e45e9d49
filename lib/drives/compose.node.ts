/** Node helpers for drive composition: sources read lazily from files, the output written atomically. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { CartiError } from '../machine/errors';
import { fileByteSource } from '../ext2/writer.node.ts';
import { fileSink } from '../store/file-sink.node.ts';
import { composeDrives, type ComposeResult, type ComposeSource, type CompositionOptions, type ConflictPolicy } from './compose';

export async function fileComposeSource(path: string, id?: string): Promise<ComposeSource> {
  let sizeBytes: number;
  try {
    sizeBytes = (await stat(path)).size;
  } catch (cause) {
    throw new CartiError('io', path, '(file)', (cause as Error).message);
  }
  return { name: basename(path), bytes: fileByteSource(path, sizeBytes), ...(id ? { id } : {}) };
}

/** Composes into `outputPath` (a temp file renamed into place: a failure leaves nothing). */
export async function composeDrivesToFile(
  sources: readonly ComposeSource[],
  outputPath: string,
  settings: { policy: ConflictPolicy; options?: Partial<CompositionOptions> },
): Promise<ComposeResult> {
  const sink = fileSink(outputPath);
  try {
    const result = await composeDrives(sources, settings, (_, bytes) => sink.write(bytes));
    await sink.commit();
    return result;
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
