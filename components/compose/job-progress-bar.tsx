'use client';
/** A drive job's step as words and a bar (role="progressbar"; indeterminate while only a step is known). */
import type { ProgressView } from './job-progress';

export function JobProgressBar({ label, progress }: { label: string; progress: ProgressView }) {
  const percent = progress.fraction === undefined ? undefined : Math.min(100, Math.floor(progress.fraction * 100));
  return (
    <div className="space-y-1" data-testid="job-progress">
      <p className="text-xs text-slate-600" aria-live="polite">{progress.text}</p>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={progress.text} className="h-2 overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full bg-indigo-500 ${percent === undefined ? 'w-1/3 animate-pulse' : ''}`} style={percent === undefined ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
