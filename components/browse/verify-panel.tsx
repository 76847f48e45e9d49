'use client';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { formatBytes } from '@/components/ui/format-bytes';
import { useVerifyAsset } from './use-verify-asset';

/** Verify: download the asset, hash it in the browser and compare with the listed id. */
export function VerifyPanel({ assetUrl, expectedId }: { assetUrl: string | undefined; expectedId: string }) {
  const { state, start, cancel } = useVerifyAsset(assetUrl, expectedId);
  const running = state.phase === 'running';

  return (
    <section aria-labelledby="verify-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-center justify-between gap-3">
        <div>
          <h2 id="verify-heading" className="text-sm font-semibold text-slate-900">
            Verify
          </h2>
          <p className="text-xs text-slate-500">Downloads the file and recomputes its id in your browser.</p>
        </div>
        {running ? (
          <Button onClick={cancel}>Cancel</Button>
        ) : (
          <Button variant="primary" onClick={() => void start()} disabled={!assetUrl}>
            Verify
          </Button>
        )}
      </div>
      {!assetUrl && <p className="text-sm text-slate-500">This bundle has no uri: there is nothing to download.</p>}
      {running && <ProgressBar label="Downloading and hashing" doneBytes={state.progress.doneBytes} totalBytes={state.progress.totalBytes} />}
      <div aria-live="polite">
        {state.phase === 'done' && state.result.matches && (
          <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800" data-testid="verify-result" data-verdict="verified">
            ✓ verified: the {formatBytes(state.result.lengthBytes)} downloaded have the listed id.
          </p>
        )}
        {state.phase === 'done' && !state.result.matches && (
          <div className="space-y-1 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="verify-result" data-verdict="mismatch">
            <p className="font-medium">✗ mismatch: the downloaded bytes do not have the listed id.</p>
            <p className="break-all">
              listed id: <span className="font-mono" data-testid="expected-id">{state.result.expectedId}</span>
            </p>
            <p className="break-all">
              downloaded: <span className="font-mono" data-testid="actual-id">{state.result.actualId}</span> ({formatBytes(state.result.lengthBytes)})
            </p>
          </div>
        )}
        {state.phase === 'failed' && (
          <p className="rounded-md bg-rose-50 px-3 py-2 text-sm break-words text-rose-800" data-testid="verify-result" data-verdict="error">
            {state.error.message}
          </p>
        )}
      </div>
    </section>
  );
}
