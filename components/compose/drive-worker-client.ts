/**
 * Runs one drive job (drive-jobs.ts) in a fresh drive worker and settles with its result; the worker ends with
 * the job, so its memory (sources, the image chunks) goes with it. A failure rejects with a DriveJobError that
 * carries the worker's code, message and conflicts as they are.
 */
import type { CompositionCheck } from '../../lib/drives/compose';
import type { ComposeJobResult, DriveJob, DriveWorkerEvent, ImportJobResult, JobFailure, JobProgress } from './drive-jobs';

export class DriveJobError extends Error {
  readonly code: string;
  readonly conflicts: JobFailure['conflicts'];
  constructor(failure: JobFailure) {
    super(failure.message);
    this.name = 'DriveJobError';
    this.code = failure.code;
    this.conflicts = failure.conflicts;
  }
}

export function runDriveJob(job: DriveJob & { kind: 'compose' }, onProgress: (progress: JobProgress) => void): Promise<ComposeJobResult>;
export function runDriveJob(job: DriveJob & { kind: 'import' }, onProgress: (progress: JobProgress) => void): Promise<ImportJobResult>;
export function runDriveJob(job: DriveJob & { kind: 'check' }, onProgress: (progress: JobProgress) => void): Promise<CompositionCheck>;
export function runDriveJob(job: DriveJob, onProgress: (progress: JobProgress) => void): Promise<ComposeJobResult | ImportJobResult | CompositionCheck> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./drive-worker.ts', import.meta.url), { type: 'module', name: 'carti-drives' });
    const finish = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<DriveWorkerEvent>) => {
      const message = event.data;
      if (message.kind === 'progress') return onProgress(message.progress);
      finish();
      if (message.kind === 'failed') reject(new DriveJobError(message.failure));
      else resolve(message.result);
    };
    worker.onerror = (event) => {
      finish();
      reject(new DriveJobError({ code: 'worker', message: `the drive worker failed: ${event.message || 'could not start'}` }));
    };
    worker.postMessage(job);
  });
}
