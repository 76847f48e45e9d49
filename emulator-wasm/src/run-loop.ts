// Drives a Machine to completion for a host: reproducible runs go straight through; interactive runs
// return to the host between slices (to take console input) and let guest time pass while the guest idles
// in WFI (spec/cartesi-machine.md §3.5: 128 cycles per microsecond, capped at the wake-up deadline).
import type { Machine } from './machine';
import type { BreakReason } from './types';

/** Guest cycles per host microsecond while idle (RTC 128 MHz, spec §10). */
export const IDLE_CYCLES_PER_MICROSECOND = 128n;

export interface RunLoopHost {
  output(bytes: Uint8Array): void;
  /** Waits until console input arrives or `timeoutMs` passes; returns the milliseconds actually waited. */
  waitForInput(timeoutMs: number): Promise<number>;
  /** Lets the host process events between slices (setImmediate in Node, a message in a worker). */
  yieldToHost(): Promise<void>;
  /** Set to stop the run at the next slice boundary. */
  stopRequested?: () => boolean;
}

export type RunLoopResult = BreakReason | { kind: 'stopped' };

/** Runs `machine` until halt, yield, maxMcycle, or a stop request. */
export async function runLoop(machine: Machine, maxMcycle: bigint, host: RunLoopHost): Promise<RunLoopResult> {
  for (;;) {
    if (host.stopRequested?.()) return { kind: 'stopped' };
    const sliceEnd = machine.interactive
      ? (maxMcycle - machine.mcycle > machine.sliceMcycles ? machine.mcycle + machine.sliceMcycles : maxMcycle)
      : maxMcycle;
    const result = machine.run(sliceEnd, (bytes) => host.output(bytes));
    switch (result.kind) {
      case 'max-mcycle':
        if (machine.mcycle >= maxMcycle) return result;
        await host.yieldToHost();
        continue;
      case 'console-input':
        await host.yieldToHost();
        continue;
      case 'idle': {
        const cycles = result.wakeMcycle > machine.mcycle ? result.wakeMcycle - machine.mcycle : 0n;
        if (machine.hasPendingInput) {
          // The guest reads the console when its timer fires: go straight to that deadline.
          machine.skipIdleCycles(cycles);
          continue;
        }
        const timeoutMs = Number(cycles / IDLE_CYCLES_PER_MICROSECOND / 1000n);
        if (timeoutMs === 0) {
          machine.skipIdleCycles(cycles); // the deadline is less than a millisecond away: no point in sleeping
          continue;
        }
        const waitedMs = await host.waitForInput(Math.min(timeoutMs, 1000));
        machine.skipIdleCycles(BigInt(Math.round(waitedMs * 1000)) * IDLE_CYCLES_PER_MICROSECOND);
        continue;
      }
      default:
        return result;
    }
  }
}
