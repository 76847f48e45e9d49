/// <reference lib="webworker" />
/**
 * The composer's drive worker: one job per worker (drive-jobs.ts). Composition (lib/drives) and image import
 * (lib/oci) read, merge and write whole drives, hundreds of milliseconds to seconds of work, so they run here and
 * the page only receives progress and the result. The image streams into the browser store as it is written;
 * the store hashes it again (it never trusts its caller, lib/store) and must find the same id.
 */
import { CartiError } from '../../lib/machine/errors';
import { readExt2Tree } from '../../lib/ext2/reader';
import { checkComposition, composeDrives, CompositionConflictError } from '../../lib/drives/compose';
import { imageFilesFromTar } from '../../lib/oci/image-files';
import { importOciImage } from '../../lib/oci/import';
import { parsePlatform } from '../../lib/oci/select';
import { getBrowserStore } from '../../lib/store/browser-store';
import type { Bundle } from '../../lib/carti/types';
import { jobSource } from './blob-source';
import type { DriveJob, DriveWorkerEvent, JobOutput, JobProgress } from './drive-jobs';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: DriveWorkerEvent) => scope.postMessage(event);

/** Progress at most every 50 ms (a 1 MiB chunk can take well under that), but every phase change at once. */
function progressReporter(): (progress: JobProgress) => void {
  let shownAt = 0;
  let lastKey = '';
  return (progress) => {
    const key = progress.phase === 'layer' ? `layer ${progress.layer}` : progress.phase === 'read' ? `read ${progress.source}` : progress.phase;
    const now = performance.now();
    if (key === lastKey && now - shownAt < 50) return;
    lastKey = key;
    shownAt = now;
    post({ kind: 'progress', progress });
  };
}

/**
 * Where the image goes while it is written: straight into the browser store (addFile hashes and writes it as it
 * comes, so the drive is never collected in memory and storing overlaps the writing), or nowhere. The writer
 * waits while the store is behind (a few chunks queued at most); its chunks are copied because it reuses them.
 */
function output(spec: JobOutput) {
  if (!spec.store) return { sink: undefined, finish: async (_id: string) => undefined, fail: async (error: unknown) => error };
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>(undefined, { highWaterMark: 4 }, { highWaterMark: 4 });
  const writer = writable.getWriter();
  const fileName = /\.(ext2|img)$/.test(spec.name) ? spec.name : `${spec.name}.ext2`;
  const storing = getBrowserStore().addFile({ bundleType: 'flashdrive', name: spec.name, fileName, version: '1.0.0' }, readable, {
    origin: 'file', ...(spec.description ? { description: spec.description } : {}),
  });
  // A store failure (quota, private mode) stops the writer at its next chunk and is what the job reports.
  let storeError: unknown;
  storing.catch((error: unknown) => { storeError = error; });
  return {
    sink: async (_offset: number, bytes: Uint8Array) => {
      try {
        await writer.ready;
      } catch (error) {
        throw storeError ?? error;
      }
      void writer.write(bytes.slice()).catch(() => undefined);
    },
    async finish(id: string): Promise<Bundle> {
      await writer.close();
      const stored = await storing;
      if (stored.bundle.id !== id) throw new CartiError('id-mismatch', spec.name, '(browser store)', `the store computed ${stored.bundle.id} for the drive written as ${id}`);
      return stored.bundle;
    },
    /** Aborting the stream makes addFile throw away what it wrote: nothing partial is kept. */
    async fail(error: unknown): Promise<unknown> {
      await writer.abort(error).catch(() => undefined);
      return storeError ?? error;
    },
  };
}

async function run(job: DriveJob): Promise<void> {
  if (job.kind === 'check') {
    const sources = await Promise.all(job.sources.map(async (source) => ({ name: source.name, bytes: await jobSource(source.bytes) })));
    post({ kind: 'checked', result: await checkComposition(job.record, sources) });
    return;
  }
  const report = progressReporter();
  const started = performance.now();
  const out = output(job.output);
  try {
    if (job.kind === 'compose') {
      const sources = await Promise.all(job.sources.map(async (source) => ({ name: source.name, id: source.id, bytes: await jobSource(source.bytes) })));
      const read = performance.now();
      const result = await composeDrives(sources, { policy: job.policy, onProgress: report }, out.sink);
      const built = performance.now();
      report({ phase: 'store', doneBytes: result.imageSizeBytes, totalBytes: result.imageSizeBytes });
      const bundle = await out.finish(result.record.outputId);
      post({
        kind: 'composed',
        result: {
          outputId: result.record.outputId, sizeBytes: result.imageSizeBytes, record: result.record, replaced: result.replaced,
          ...(bundle ? { bundle } : {}), timings: { readMs: read - started, buildMs: built - read, storeMs: performance.now() - built },
        },
      });
      return;
    }
    const platform = parsePlatform(job.platform);
    const image = await jobSource(job.image);
    const tools = job.tools ? await readExt2Tree(await jobSource(job.tools), { inputName: 'the default machine\'s root drive' }) : undefined;
    const read = performance.now();
    const files = await imageFilesFromTar(image, job.imageName);
    const result = await importOciImage(files, { platform, ...(tools ? { tools } : {}), onProgress: report }, out.sink);
    const built = performance.now();
    report({ phase: 'store', doneBytes: result.imageSizeBytes, totalBytes: result.imageSizeBytes });
    const bundle = await out.finish(result.outputId);
    post({
      kind: 'imported',
      result: {
        outputId: result.outputId, sizeBytes: result.imageSizeBytes, settings: result.settings, toolsAdded: result.toolsAdded,
        layers: result.layers, shape: result.shape, ...(bundle ? { bundle } : {}),
        timings: { readMs: read - started, buildMs: built - read, storeMs: performance.now() - built },
      },
    });
  } catch (error) {
    throw await out.fail(error);
  }
}

scope.onmessage = (event: MessageEvent<DriveJob>) => {
  run(event.data).catch((error: unknown) => {
    if (error instanceof CompositionConflictError) post({ kind: 'failed', failure: { code: error.code, message: error.message, conflicts: error.conflicts } });
    else if (error instanceof CartiError) post({ kind: 'failed', failure: { code: error.code, message: error.message } });
    else post({ kind: 'failed', failure: { code: 'internal', message: error instanceof Error ? error.message : String(error) } });
  });
};
