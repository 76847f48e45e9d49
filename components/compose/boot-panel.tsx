'use client';
/**
 * Boot the draft in this tab with the run view's machine session (components/run): assets resolved from the
 * followed listings, verified, then the emulator worker and a terminal. Boot is disabled with the reason
 * while a live rule fails.
 */
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { AssetProgressList } from '@/components/run/asset-progress-list';
import { StatusBar } from '@/components/run/status-bar';
import { useMachineSession } from '@/components/run/use-machine-session';
import { Terminal } from '@/components/terminal/Terminal';
import type { Bundle, CartiPackage } from '@/lib/carti/types';
import { isRunning } from '@/lib/state/run-session';
import { entrypointOf } from '@/lib/compose/entrypoint';

export interface BootPanelProps {
  readonly pkg: CartiPackage;
  readonly blocker: string | undefined;
  /** Download URL of each asset a followed listing names. */
  readonly urls: ReadonlyMap<string, string>;
  /** The listing record of each asset, stored with its bytes so the store view shows its name and version. */
  readonly records: ReadonlyMap<string, Bundle>;
}

export function BootPanel({ pkg, blocker, urls, records }: BootPanelProps) {
  const session = useMachineSession();
  const { phase } = session.state;
  const running = isRunning(phase);
  const booted = phase !== 'idle';
  const consoleBox = useRef<HTMLDivElement>(null);
  const boot = () => {
    // xterm pauses rendering while the terminal is off screen, and the console is what the user boots for.
    consoleBox.current?.scrollIntoView({ block: 'nearest' });
    void session.boot({ pkg, urlOf: (asset) => urls.get(asset.id), recordOf: (asset) => records.get(asset.id), interactive: true, entrypoint: entrypointOf(pkg) });
  };
  return (
    <section aria-labelledby="bootpanel-title" className="space-y-2 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="bootpanel-title" className="mr-2 text-sm font-semibold text-slate-900">Run</h3>
        <Button variant="primary" onClick={boot} disabled={blocker !== undefined || running} aria-describedby={blocker ? 'boot-blocker' : undefined}>Boot</Button>
        <Button onClick={session.stop} disabled={!running}>Stop</Button>
        <Button onClick={session.reset} disabled={!booted || phase === 'loading'}>Reset</Button>
      </div>
      {blocker && <p id="boot-blocker" role="status" className="text-xs text-rose-700">Boot is disabled: {blocker}</p>}
      <StatusBar state={session.state} />
      <AssetProgressList assets={session.state.assets} />
      <div ref={consoleBox}>
        <Terminal onInput={session.sendInput} onSurface={session.attachTerminal} />
      </div>
    </section>
  );
}
