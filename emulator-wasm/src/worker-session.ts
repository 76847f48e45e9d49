// One boot of a machine inside the emulator worker: the slice loop of spec/browser-emulation.md §3.1 and
// the console plumbing of §4.3–§4.4. It knows nothing about how messages arrive; worker.ts feeds it.
//
// - Slices: a bounded number of cycles per call into wasm, adapted to about 10 ms from the measured speed,
//   after one short warm-up slice so V8 tiers the core up before anything is timed (§3.1).
// - Console: output is drained after each slice into the output channel; input is pulled from the input
//   channel before each slice, only as fast as the guest consumes it (back-pressure on pastes).
// - Idle: an interactive guest in WFI with nothing pending lets the worker sleep on the input ring until
//   input or the wake deadline, and guest time then advances by the time slept at 128 cycles/µs (§4.4,
//   cartesi-machine.md §3.5), so an idle shell does not burn a core.
import type { ByteReader, ByteWriter } from './console-ring';
import { IDLE_CYCLES_PER_MICROSECOND } from './run-loop';
import type { Machine } from './machine';
import type { RunState, WorkerMessage } from './worker-protocol';

export const TARGET_SLICE_MS = 10;
export const WARMUP_SLICE_MCYCLES = 1n << 16n;
const MIN_SLICE_MCYCLES = 1n << 16n;
const MAX_SLICE_MCYCLES = 1n << 26n;
export const STATUS_INTERVAL_MS = 250;
/** Output held in the worker beyond what the ring takes; above it the guest is paused (§5 flow control). */
const OUTPUT_BACKLOG_BYTES = 1 << 20;
/** Longest single sleep, so Stop and status are never far away. */
const MAX_IDLE_WAIT_MS = STATUS_INTERVAL_MS;

export type ControlRequest = 'stop' | 'reset';

export interface SessionHost {
  post(message: WorkerMessage): void;
  /** Returns (and clears) a pending Stop or Reset. */
  takeControl(): ControlRequest | undefined;
  /** Lets queued messages run (worker event loop). */
  yieldToEventLoop(): Promise<void>;
  /** Sleeps until input arrives, a control request wakes it, or `timeoutMs`; returns ms slept. */
  waitForInput(timeoutMs: number): Promise<number>;
  /** Sleeps until the page has taken output, or `timeoutMs`. */
  waitForOutputSpace(timeoutMs: number): Promise<void>;
  /** Whether every slice should return to the event loop (message fallback: input arrives as messages). */
  readonly yieldEverySlice: boolean;
}

export type SessionEnd = 'halted' | 'yielded' | 'stopped' | 'max-mcycle' | 'reset';

export class RunSession {
  private slice = WARMUP_SLICE_MCYCLES;
  private warmedUp = false;
  private readonly startedMs = performance.now();
  private lastStatusMs = 0;
  private windowCycles = 0n;
  private windowMs = 0;
  private mips = 0;
  private state: RunState = 'running';
  private backlog: Uint8Array[] = [];
  private backlogBytes = 0;

  constructor(
    readonly machine: Machine,
    private readonly maxMcycle: bigint,
    private readonly input: ByteReader | undefined,
    private readonly output: ByteWriter,
    private readonly host: SessionHost,
  ) {
    // One core call per machine.run call: the slice length is chosen here, not in Machine.
    machine.sliceMcycles = 1n << 62n;
  }

  async run(): Promise<SessionEnd> {
    this.sendStatus(true);
    for (;;) {
      const control = this.host.takeControl();
      if (control) return this.finish(control === 'reset' ? 'reset' : 'stopped');
      if (this.backlogBytes > OUTPUT_BACKLOG_BYTES) {
        await this.host.waitForOutputSpace(MAX_IDLE_WAIT_MS);
        this.flushOutput();
        await this.tick();
        continue;
      }
      this.pumpInput();
      const result = this.runSlice();
      this.flushOutput();
      await this.tick();
      switch (result.kind) {
        case 'max-mcycle':
          if (this.machine.mcycle >= this.maxMcycle) return this.finish('max-mcycle');
          continue;
        case 'console-input':
        case 'console-output':
          continue;
        case 'idle':
          await this.idle(result.wakeMcycle);
          continue;
        case 'halted':
          await this.drainOutput();
          this.host.post({ type: 'halted', exitCode: result.exitCode, mcycle: this.machine.mcycle });
          return this.finish('halted');
        case 'yielded':
          this.host.post({ type: 'yielded', manual: result.manual, reason: result.reason, data: result.data, mcycle: this.machine.mcycle });
          // Automatic yields report progress and go on; a manual yield waits for the host (cartesi-machine.md §9).
          if (!result.manual) continue;
          await this.drainOutput();
          return this.finish('yielded');
      }
    }
  }

  private runSlice(): ReturnType<Machine['run']> {
    const before = this.machine.mcycle;
    const room = this.maxMcycle - before;
    const end = room > this.slice ? before + this.slice : this.maxMcycle;
    const t0 = performance.now();
    const result = this.machine.run(end, (bytes) => this.queueOutput(bytes));
    const ms = performance.now() - t0;
    const ran = this.machine.mcycle - before;
    if (this.warmedUp) {
      this.windowCycles += ran;
      this.windowMs += ms;
    }
    // Only a slice that ran to its budget measures speed (an early break says nothing about it).
    if (result.kind === 'max-mcycle' && ran === this.slice) {
      // Too short to time: grow geometrically until it is measurable.
      const next = ms > 0.5 ? BigInt(Math.round((Number(ran) / ms) * TARGET_SLICE_MS)) : this.slice * 4n;
      this.slice = next < MIN_SLICE_MCYCLES ? MIN_SLICE_MCYCLES : next > MAX_SLICE_MCYCLES ? MAX_SLICE_MCYCLES : next;
      this.warmedUp = true;
    }
    return result;
  }

  private async idle(wakeMcycle: bigint): Promise<void> {
    const now = this.machine.mcycle;
    const cycles = wakeMcycle > now ? wakeMcycle - now : 0n;
    // Input is waiting, but HTIF has no input interrupt: the guest sees it when its console poll timer
    // fires. Jump to that deadline instead of re-entering WFI a few cycles at a time until it comes (the
    // kernel's hvc poll backs off to 2 s when idle, which would be minutes of such spinning).
    if (this.machine.hasPendingInput || (this.input?.availableBytes ?? 0) > 0) {
      this.machine.skipIdleCycles(cycles);
      return;
    }
    const timeoutMs = Number(cycles / IDLE_CYCLES_PER_MICROSECOND / 1000n);
    if (timeoutMs === 0) {
      this.machine.skipIdleCycles(cycles); // the deadline is under a millisecond away: no point in sleeping
      return;
    }
    this.setState('waiting-input');
    const sleptMs = await this.host.waitForInput(Math.min(timeoutMs, MAX_IDLE_WAIT_MS));
    this.machine.skipIdleCycles(BigInt(Math.round(sleptMs * 1000)) * IDLE_CYCLES_PER_MICROSECOND);
    if ((this.input?.availableBytes ?? 0) > 0) this.setState('running');
  }

  /** Moves console input into the machine once it has taken what it had (so pastes are not buffered twice). */
  private pumpInput(): void {
    if (!this.input || !this.machine.interactive) return;
    if (!this.machine.hasPendingInput) {
      const bytes = this.input.read(4096);
      if (bytes.length > 0) {
        this.machine.pushConsoleInput(bytes);
        this.setState('running');
      } else if (this.input.ended) {
        this.machine.closeConsoleInput();
      }
    }
  }

  private queueOutput(bytes: Uint8Array): void {
    this.backlog.push(bytes.slice());
    this.backlogBytes += bytes.length;
  }

  private flushOutput(): void {
    while (this.backlog.length > 0) {
      const chunk = this.backlog[0];
      const written = this.output.write(chunk);
      this.backlogBytes -= written;
      if (written === chunk.length) this.backlog.shift();
      else {
        this.backlog[0] = chunk.subarray(written);
        return;
      }
    }
  }

  /** Before reporting the end: every byte must be in the output channel (a Stop still wins). */
  private async drainOutput(): Promise<void> {
    this.flushOutput();
    while (this.backlogBytes > 0) {
      await this.host.waitForOutputSpace(MAX_IDLE_WAIT_MS);
      this.flushOutput();
      await this.host.yieldToEventLoop();
      const control = this.host.takeControl();
      if (control) return;
    }
  }

  private setState(state: RunState): void {
    if (state === this.state) return;
    this.state = state;
    this.sendStatus(true);
  }

  private async tick(): Promise<void> {
    const now = performance.now();
    if (now - this.lastStatusMs >= STATUS_INTERVAL_MS) {
      this.sendStatus(false);
      await this.host.yieldToEventLoop();
    } else if (this.host.yieldEverySlice) {
      await this.host.yieldToEventLoop();
    }
  }

  private sendStatus(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastStatusMs < STATUS_INTERVAL_MS) return;
    if (this.windowMs >= 1) {
      this.mips = Number(this.windowCycles) / this.windowMs / 1000;
      this.windowCycles = 0n;
      this.windowMs = 0;
    }
    this.lastStatusMs = now;
    this.host.post({ type: 'status', state: this.state, mcycle: this.machine.mcycle, mips: this.mips, elapsedMs: now - this.startedMs });
  }

  private finish(end: SessionEnd): SessionEnd {
    const states: Record<SessionEnd, RunState> = {
      halted: 'halted', yielded: 'yielded', stopped: 'stopped', 'max-mcycle': 'max-mcycle', reset: 'loading',
    };
    this.flushOutput();
    if (end === 'stopped' || end === 'max-mcycle') {
      this.host.post({ type: 'stopped', mcycle: this.machine.mcycle, reason: end === 'stopped' ? 'stop' : 'max-mcycle' });
    }
    this.state = states[end];
    this.sendStatus(true);
    return end;
  }
}
