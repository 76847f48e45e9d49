import { ProgressBar } from '@/components/ui/progress-bar';
import type { AssetProgress } from '@/lib/state/run-session';

const PHASE_TEXT: Record<AssetProgress['phase'], string> = {
  waiting: 'waiting',
  downloading: 'downloading and verifying',
  verified: 'verified',
  cached: 'verified earlier (not downloaded again)',
  failed: 'failed',
};

/** One progress bar per asset of the boot, with its verification outcome. */
export function AssetProgressList({ assets }: { assets: readonly AssetProgress[] }) {
  if (assets.length === 0) return null;
  return (
    <ul aria-label="Machine assets" className="grid gap-3 sm:grid-cols-2">
      {assets.map((asset) => (
        <li key={asset.id} className="space-y-1 rounded-md border border-slate-200 p-3" data-testid="boot-asset" data-phase={asset.phase}>
          <ProgressBar label={`${asset.name} (${asset.role})`} doneBytes={asset.doneBytes} totalBytes={asset.totalBytes} />
          <p className={`text-xs ${asset.phase === 'failed' ? 'text-rose-700' : 'text-slate-500'}`}>
            {asset.phase === 'failed' ? asset.error : PHASE_TEXT[asset.phase]}
          </p>
          {asset.skipped && asset.skipped.length > 0 && (
            <ul aria-label={`Sources skipped for ${asset.name}`} className="list-disc pl-4 text-xs text-amber-800" data-testid="skipped-sources">
              {asset.skipped.map((line) => <li key={line} className="break-all">skipped {line}</li>)}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
