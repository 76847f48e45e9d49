import { formatBytes } from './format-bytes';

export type ProgressBarProps = {
  label: string;
  doneBytes: number;
  /** Unknown when the server sent no Content-Length: the bar is then indeterminate. */
  totalBytes?: number;
};

/** A labelled progress bar with bytes and percent (role="progressbar" for assistive technology). */
export function ProgressBar({ label, doneBytes, totalBytes }: ProgressBarProps) {
  const known = totalBytes !== undefined && totalBytes > 0;
  const percent = known ? Math.min(100, Math.floor((doneBytes / totalBytes) * 100)) : undefined;
  const text = known
    ? `${formatBytes(doneBytes)} of ${formatBytes(totalBytes)} (${percent}%)`
    : `${formatBytes(doneBytes)}`;
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span className="tabular-nums" data-testid="progress-text">
          {text}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full bg-indigo-500 transition-[width] duration-150 ${known ? '' : 'w-1/3 animate-pulse'}`}
          style={known ? { width: `${percent}%` } : undefined}
        />
      </div>
    </div>
  );
}
