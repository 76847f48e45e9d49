/** Words and a fraction for a drive job's progress (drive-jobs.ts), shared by the compose and import panels. */
import type { JobProgress } from './drive-jobs';

const MiB = 1 << 20;
const mib = (bytes: number) => (bytes / MiB).toFixed(1);

export interface ProgressView {
  readonly text: string;
  /** 0..1, or undefined while only a count is known. */
  readonly fraction?: number;
}

export function progressView(progress: JobProgress): ProgressView {
  switch (progress.phase) {
    case 'read': return { text: `Reading drive ${progress.source} of ${progress.sources} (${progress.name})`, fraction: (progress.source - 1) / progress.sources };
    case 'layer': return { text: `Applying layer ${progress.layer} of ${progress.layers} (${progress.layerName})`, fraction: ((progress.layer ?? 1) - 1) / (progress.layers ?? 1) };
    case 'write': return { text: `Writing the ext2 drive: ${mib(progress.bytesWritten ?? 0)} of ${mib(progress.totalBytes ?? 0)} MiB`, fraction: (progress.bytesWritten ?? 0) / Math.max(1, progress.totalBytes ?? 1) };
    case 'store': return { text: `Storing in this browser: ${mib(progress.doneBytes)} of ${mib(progress.totalBytes)} MiB`, fraction: progress.doneBytes / Math.max(1, progress.totalBytes) };
  }
}
