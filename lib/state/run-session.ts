/**
 * The state of one machine run in the browser (issue 4, "Boot in the browser"): assets being resolved
 * and verified, then what the emulator worker reports (state, mcycle, MIPS, elapsed, halt or yield). A
 * framework-free zustand store (`zustand/vanilla`); components read it with `useStore`. Actions are verbs
 * and only describe what happened: the worker glue in components/run decides when to call them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type AssetPhase = 'waiting' | 'downloading' | 'verified' | 'cached' | 'failed';

export interface AssetProgress {
  readonly id: string;
  readonly name: string;
  /** Where the machine uses it (`ram`, `flash_drive[0] (root)`). */
  readonly role: string;
  readonly phase: AssetPhase;
  readonly doneBytes: number;
  readonly totalBytes?: number;
  /** The error message as the library wrote it (it names the asset, the place and the reason). */
  readonly error?: string;
  /** Sources tried before the one that answered (a gateway down, or one that returned other bytes), with why. */
  readonly skipped?: readonly string[];
}

/** idle → loading (assets, core) → running ⇄ waiting-input → an end state. */
export type RunPhase =
  | 'idle' | 'loading' | 'running' | 'waiting-input' | 'halted' | 'yielded' | 'stopped' | 'max-mcycle' | 'error';

export interface YieldInfo {
  readonly manual: boolean;
  readonly reason: number;
  readonly data: number;
}

export interface RunSessionState {
  readonly phase: RunPhase;
  readonly assets: readonly AssetProgress[];
  readonly mcycle: bigint;
  readonly mips: number;
  readonly elapsedMs: number;
  readonly exitCode?: number;
  readonly lastYield?: YieldInfo;
  readonly error?: string;
  /** Whether the console uses SharedArrayBuffer rings (false: the message fallback, §4.2). */
  readonly sharedMemory?: boolean;
  /** Starts a new run: clears the previous one and lists the assets to resolve. */
  startLoading(assets: readonly Omit<AssetProgress, 'phase' | 'doneBytes'>[]): void;
  updateAsset(id: string, change: Partial<Pick<AssetProgress, 'phase' | 'doneBytes' | 'totalBytes' | 'error' | 'skipped'>>): void;
  reportStatus(status: { phase: RunPhase; mcycle: bigint; mips: number; elapsedMs: number }): void;
  reportHalt(exitCode: number, mcycle: bigint): void;
  reportYield(info: YieldInfo, mcycle: bigint): void;
  reportError(message: string): void;
  setSharedMemory(shared: boolean): void;
  clear(): void;
}

export type RunSessionStore = StoreApi<RunSessionState>;

/** End states: the worker will not run this machine again unless asked (Boot or Reset). */
export const FINISHED_PHASES: readonly RunPhase[] = ['idle', 'halted', 'yielded', 'stopped', 'max-mcycle', 'error'];

export function isRunning(phase: RunPhase): boolean {
  return !FINISHED_PHASES.includes(phase);
}

const EMPTY = { phase: 'idle', assets: [], mcycle: 0n, mips: 0, elapsedMs: 0 } as const;

export function createRunSessionStore(): RunSessionStore {
  return createStore<RunSessionState>()((set) => ({
    ...EMPTY,
    startLoading: (assets) => set({
      ...EMPTY,
      phase: 'loading',
      assets: assets.map((asset) => ({ ...asset, phase: 'waiting', doneBytes: 0 })),
      exitCode: undefined,
      lastYield: undefined,
      error: undefined,
    }),
    updateAsset: (id, change) => set((state) => ({
      assets: state.assets.map((asset) => (asset.id === id ? { ...asset, ...change } : asset)),
    })),
    reportStatus: ({ phase, mcycle, mips, elapsedMs }) => set((state) => ({
      // A late status from the worker must not hide how the run ended.
      phase: state.phase === 'halted' && phase === 'halted' ? state.phase : phase,
      mcycle,
      mips,
      elapsedMs,
      ...(phase === 'loading' ? { exitCode: undefined, lastYield: undefined, error: undefined } : {}),
    })),
    reportHalt: (exitCode, mcycle) => set({ phase: 'halted', exitCode, mcycle }),
    reportYield: (info, mcycle) => set((state) => ({
      lastYield: info,
      mcycle,
      // An automatic yield is progress: the machine keeps running (cartesi-machine.md §9).
      phase: info.manual ? 'yielded' : state.phase,
    })),
    reportError: (message) => set({ phase: 'error', error: message }),
    setSharedMemory: (sharedMemory) => set({ sharedMemory }),
    clear: () => set({ ...EMPTY, exitCode: undefined, lastYield: undefined, error: undefined }),
  }));
}
