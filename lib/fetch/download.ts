/**
 * `downloadVerified`: stream an asset with progress, hash it while streaming (carti-formats.md §2.3: always
 * verify, §12.1), and hand the bytes to a sink that commits only when the id matches. On mismatch the sink
 * is aborted and the error shows both ids.
 */
import { CartiError } from '../carti/errors';
import { checkId, createIdHasher } from '../carti/id';
import { fetchLimited, type FetchOptions } from './fetch-limited';

/** Where verified bytes go: memory (browser), a temp file renamed on commit (Node store)… */
export interface DownloadSink<T> {
  write(chunk: Uint8Array): void | Promise<void>;
  /** Called only after the id matched. */
  commit(): T | Promise<T>;
  /** Called on any failure: drop everything written. */
  abort(): void | Promise<void>;
}

export interface DownloadOptions<T> extends Omit<FetchOptions, 'kind'> {
  readonly sink?: DownloadSink<T>;
}

export interface VerifiedDownload<T> {
  readonly id: string;
  readonly url: string;
  readonly sizeBytes: number;
  readonly result: T;
}

/** Collects chunks in memory and returns them joined once verified. */
export function memorySink(): DownloadSink<Uint8Array> {
  let chunks: Uint8Array[] = [];
  return {
    write: (chunk) => void chunks.push(chunk),
    commit: () => {
      const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.byteLength; }
      chunks = [];
      return bytes;
    },
    abort: () => { chunks = []; },
  };
}

export async function downloadVerified<T = Uint8Array>(url: string, expectedId: string, options: DownloadOptions<T> = {}): Promise<VerifiedDownload<T>> {
  checkId(expectedId, url, 'expected id');
  const sink = (options.sink ?? memorySink()) as DownloadSink<T>;
  const hasher = await createIdHasher();
  let sizeBytes = 0;
  let finalUrl = url;
  try {
    const response = await fetchLimited(url, { ...options, kind: 'asset' });
    finalUrl = response.url;
    for await (const chunk of response.body) {
      hasher.update(chunk);
      sizeBytes += chunk.byteLength;
      await sink.write(chunk);
    }
  } catch (cause) {
    await sink.abort();
    throw cause;
  }
  const id = await hasher.finish();
  if (id !== expectedId) {
    await sink.abort();
    throw new CartiError('id-mismatch', url, finalUrl,
      `the downloaded file (${sizeBytes} bytes) has id ${id}, expected ${expectedId}; it was not kept`);
  }
  return { id, url: finalUrl, sizeBytes, result: await sink.commit() };
}
