'use client';
/**
 * The run view (issue 4, "Boot in the browser"): boots a machine package in the emulator worker with a
 * terminal, Boot / Stop / Reset, a status bar, per-asset progress, the console log and the drives after the
 * run. The package comes from `packageUrl` and its asset locations from `listingUrl`.
 */
import { useId, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Terminal } from '@/components/terminal/Terminal';
import { isRunning } from '@/lib/state/run-session';
import { AssetProgressList } from './asset-progress-list';
import { packageBootPlan } from './boot-plan';
import { StatusBar } from './status-bar';
import { useMachineSession } from './use-machine-session';
import { usePackageSource } from './use-package-source';

export interface RunViewProps {
  packageUrl: string;
  listingUrl: string;
  title?: string;
}

function download(bytes: Uint8Array | string, fileName: string, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function RunView({ packageUrl, listingUrl, title = 'Run' }: RunViewProps) {
  const source = usePackageSource(packageUrl, listingUrl);
  const session = useMachineSession();
  const [interactive, setInteractive] = useState(true);
  // undefined until edited: the field shows the package's own entrypoint (the calculator's, '' by default).
  const [entrypointEdit, setEntrypoint] = useState<string>();
  const packageEntrypoint = useMemo(() => {
    if (!source.data) return '';
    try {
      return packageBootPlan(source.data.pkg, { interactive: false }).config.dtb.entrypoint;
    } catch {
      return ''; // an unbootable package: Boot reports why
    }
  }, [source.data]);
  const entrypoint = entrypointEdit ?? packageEntrypoint;
  const [driveError, setDriveError] = useState<string>();
  const entrypointId = useId();
  const interactiveId = useId();
  const { phase } = session.state;
  const running = isRunning(phase);
  const booted = phase !== 'idle';

  const boot = (): void => {
    if (!source.data) return;
    void session.boot({ pkg: source.data.pkg, urlOf: source.data.urlOf, recordOf: source.data.recordOf, interactive, entrypoint });
  };

  const saveDrive = async (index: number): Promise<void> => {
    setDriveError(undefined);
    try {
      const drive = await session.requestDrive(index);
      download(drive.bytes, `${drive.label}.img`, 'application/octet-stream');
    } catch (error) {
      setDriveError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section aria-labelledby="run-title" className="space-y-4">
      <header className="space-y-1">
        <h1 id="run-title" className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="text-sm text-slate-600">
          Boots <code className="rounded bg-slate-100 px-1">{packageUrl}</code> in this tab: the emulator runs in a Web Worker and every asset is verified against its carti id first.
        </p>
      </header>

      {source.isError && (
        <p role="alert" className="rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          {source.error instanceof Error ? source.error.message : String(source.error)}
        </p>
      )}

      <div className="flex flex-wrap items-end gap-4">
        <div className="flex gap-2">
          <Button variant="primary" onClick={boot} disabled={!source.data || running}>Boot</Button>
          <Button onClick={session.stop} disabled={!running}>Stop</Button>
          <Button onClick={session.reset} disabled={!booted || phase === 'loading'}>Reset</Button>
        </div>
        <label htmlFor={interactiveId} className="flex items-center gap-2 text-sm text-slate-700">
          <input
            id={interactiveId}
            type="checkbox"
            checked={interactive}
            onChange={(event) => setInteractive(event.target.checked)}
            disabled={running}
            className="h-4 w-4 rounded border-slate-300"
          />
          Interactive console
        </label>
        <div className="flex min-w-64 flex-1 flex-col gap-1 text-sm">
          <label htmlFor={entrypointId} className="text-slate-700">Entrypoint (empty: login shell)</label>
          <input
            id={entrypointId}
            type="text"
            value={entrypoint}
            onChange={(event) => setEntrypoint(event.target.value)}
            disabled={running}
            spellCheck={false}
            className="rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
          />
        </div>
      </div>

      <StatusBar state={session.state} />
      <AssetProgressList assets={session.state.assets} />
      <Terminal onInput={session.sendInput} onSurface={session.attachTerminal} />

      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Button size="sm" onClick={() => download(session.consoleText(), 'console.txt', 'text/plain')} disabled={!booted}>
          Save console log
        </Button>
        {!running && booted && session.driveLabels.map((label, index) => (
          <Button key={label} size="sm" onClick={() => void saveDrive(index)}>Download drive {label}</Button>
        ))}
        {driveError && <span role="alert" className="text-rose-700">{driveError}</span>}
      </div>
      {phase === 'halted' && (
        // The figure a reproducible run is compared by (issue 4: same final mcycle as the Node CLI).
        <p className="text-sm text-slate-700">
          Final mcycle <span className="font-mono tabular-nums" data-testid="run-final-mcycle">{session.state.mcycle.toString()}</span>
        </p>
      )}
    </section>
  );
}
