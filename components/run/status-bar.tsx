import type { RunSessionState } from '@/lib/state/run-session';

function stateText(state: RunSessionState): string {
  switch (state.phase) {
    case 'idle': return 'Ready';
    case 'loading': return 'Loading';
    case 'running': return 'Running';
    case 'waiting-input': return 'Waiting for input';
    case 'halted': return `Halted with exit code ${state.exitCode ?? 0}`;
    case 'yielded': return state.lastYield
      ? `Yielded (${state.lastYield.manual ? 'manual' : 'automatic'}, reason ${state.lastYield.reason}, data ${state.lastYield.data})`
      : 'Yielded';
    case 'stopped': return 'Stopped';
    case 'max-mcycle': return 'Stopped at the mcycle limit';
    case 'error': return 'Error';
  }
}

function elapsedText(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** State, mcycle, MIPS and elapsed time of the run (issue 4 status bar); a live region for screen readers. */
export function StatusBar({ state }: { state: RunSessionState }) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="run-status"
      data-phase={state.phase}
      data-elapsed-ms={Math.round(state.elapsedMs)}
      className="flex flex-wrap items-center gap-x-6 gap-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700"
    >
      <span className="font-medium text-slate-900" data-testid="run-state">{stateText(state)}</span>
      <span className="tabular-nums">mcycle <span data-testid="run-mcycle">{state.mcycle.toString()}</span></span>
      <span className="tabular-nums">{state.mips.toFixed(1)} MIPS</span>
      <span className="tabular-nums">{elapsedText(state.elapsedMs)}</span>
      {state.sharedMemory === false && <span className="text-amber-700">console over messages (page not cross-origin isolated)</span>}
      {state.error && <span className="basis-full text-rose-700" data-testid="run-error">{state.error}</span>}
    </div>
  );
}
