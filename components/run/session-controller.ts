/**
 * The page side of a machine run (spec/browser-emulation.md §4): owns the emulator worker, the console
 * channels (SharedArrayBuffer rings when the page is cross-origin isolated, messages otherwise, §4.2), the
 * output pump into the terminal, and reports everything into a run-session store. Framework-free so the
 * React hook stays thin; the composer reuses it through useMachineSession.
 */
import {
  createRingBuffer, MessageByteReader, MessageByteWriter, SharedByteRing, type ByteReader, type ByteWriter,
} from '../../emulator-wasm/src/console-ring';
import {
  CONTROL, parseWorkerMessage, UNTIL_HALT, type BootMessage, type SharedChannels, type WorkerMessage,
} from '../../emulator-wasm/src/worker-protocol';
import type { Bundle, CartiPackage } from '../../lib/carti/types';
import type { RunSessionStore } from '../../lib/state/run-session';
import { OutputPump, type TerminalWriter } from '../terminal/output-pump';
import { resolveAssets } from './asset-loader';
import { packageBootPlan, type BootAsset } from './boot-plan';

const OUTPUT_RING_BYTES = 1 << 16;
const INPUT_RING_BYTES = 1 << 16;
/** The console transcript keeps the last 4 MiB (for "Save console log"). */
const TRANSCRIPT_LIMIT_BYTES = 4 << 20;

export interface BootRequest {
  readonly pkg: CartiPackage;
  /** Download location of an asset (from the listings that name its id). */
  readonly urlOf: (asset: BootAsset) => string | undefined;
  /** The listing record of an asset, stored with its verified bytes (browser store). */
  readonly recordOf?: (asset: BootAsset) => Bundle | undefined;
  readonly interactive: boolean;
  /** Replaces the package's entrypoint ('' gives a login shell). */
  readonly entrypoint?: string;
  readonly maxMcycle?: bigint;
}

export interface TerminalSurface extends TerminalWriter {
  clear(): void;
  focus(): void;
}

interface DriveWaiter {
  resolve(bytes: { label: string; bytes: Uint8Array }): void;
  reject(error: Error): void;
}

export class SessionController {
  private worker: Worker | undefined;
  private channels: SharedChannels | undefined;
  private inputWriter: ByteWriter | undefined;
  private fallbackOutput: MessageByteReader | undefined;
  private pump: OutputPump | undefined;
  private terminal: TerminalSurface | undefined;
  private transcript: Uint8Array[] = [];
  private transcriptBytes = 0;
  private inputQueue: Uint8Array[] = [];
  private inputPumping = false;
  private abort: AbortController | undefined;
  private nextRequestId = 1;
  private driveWaiters = new Map<number, DriveWaiter>();
  private drivesOfBoot: string[] = [];

  constructor(private readonly store: RunSessionStore) {}

  attachTerminal(terminal: TerminalSurface | undefined): void {
    this.terminal = terminal;
    this.pump?.attach(terminal);
  }

  /** Resolves and verifies the package's assets, then boots it in the worker. */
  async boot(request: BootRequest): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    let plan;
    try {
      plan = packageBootPlan(request.pkg, { interactive: request.interactive, entrypoint: request.entrypoint });
    } catch (error) {
      this.store.getState().reportError(error instanceof Error ? error.message : String(error));
      return;
    }
    this.drivesOfBoot = plan.config.flash_drive.map((drive, index) => drive.label ?? `flashdrive${index}`);
    this.clearConsole(); // at once: the previous run's text must not pass for this one's
    const state = this.store.getState();
    state.startLoading(plan.assets.map(({ id, name, role }) => ({ id, name, role })));
    let images: Record<string, Uint8Array>;
    try {
      images = await resolveAssets(plan.assets, {
        urlOf: request.urlOf,
        recordOf: request.recordOf,
        pageOrigin: window.location.origin,
        signal: abort.signal,
        events: {
          cached: (id, size) => state.updateAsset(id, { phase: 'cached', doneBytes: size, totalBytes: size }),
          progress: (id, done, total) => state.updateAsset(id, { phase: 'downloading', doneBytes: done, totalBytes: total }),
          verified: (id, size) => state.updateAsset(id, { phase: 'verified', doneBytes: size, totalBytes: size }),
          failed: (id, error) => state.updateAsset(id, { phase: 'failed', error: error.message }),
          attemptFailed: (id, source, error) => {
            const skipped = this.store.getState().assets.find((asset) => asset.id === id)?.skipped ?? [];
            state.updateAsset(id, { skipped: [...skipped, `${source}: ${error.reason}`] });
          },
        },
      });
    } catch (error) {
      if (!abort.signal.aborted) state.reportError(error instanceof Error ? error.message : String(error));
      else if (this.abort === abort) state.reportStatus({ phase: 'stopped', mcycle: 0n, mips: 0, elapsedMs: 0 });
      return;
    }
    if (abort.signal.aborted) {
      if (this.abort === abort) state.reportStatus({ phase: 'stopped', mcycle: 0n, mips: 0, elapsedMs: 0 });
      return;
    }
    this.startWorker({
      type: 'boot',
      config: plan.config,
      images,
      interactive: request.interactive,
      maxMcycle: request.maxMcycle ?? UNTIL_HALT,
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../../emulator-wasm/src/worker.ts', import.meta.url), { type: 'module', name: 'carti-emulator' });
    worker.onmessage = (event: MessageEvent<unknown>) => this.onWorkerMessage(event.data);
    worker.onerror = (event) => this.store.getState().reportError(`emulator worker: ${event.message || 'failed to start'}`);
    this.worker = worker;
    return worker;
  }

  private startWorker(message: BootMessage): void {
    this.pump?.stop();
    this.clearConsole();
    const shared = typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
    this.store.getState().setSharedMemory(shared);
    const worker = this.ensureWorker();
    let output: ByteReader & { wake?: () => void };
    if (shared) {
      this.channels = { input: createRingBuffer(INPUT_RING_BYTES), output: createRingBuffer(OUTPUT_RING_BYTES), control: new SharedArrayBuffer(4) };
      this.inputWriter = new SharedByteRing(this.channels.input);
      output = new SharedByteRing(this.channels.output);
      this.fallbackOutput = undefined;
    } else {
      this.channels = undefined;
      this.inputWriter = new MessageByteWriter((bytes) => worker.postMessage({ type: 'input', bytes }));
      this.fallbackOutput = new MessageByteReader();
      output = this.fallbackOutput;
    }
    this.inputQueue = [];
    this.pump = new OutputPump(output, (bytes) => this.record(bytes));
    this.pump.attach(this.terminal);
    this.pump.start();
    worker.postMessage({ ...message, ...(this.channels ? { channels: this.channels } : {}) });
    if (message.interactive) this.terminal?.focus();
  }

  private onWorkerMessage(data: unknown): void {
    let message: WorkerMessage;
    try {
      message = parseWorkerMessage(data);
    } catch (error) {
      this.store.getState().reportError(error instanceof Error ? error.message : String(error));
      return;
    }
    const state = this.store.getState();
    switch (message.type) {
      case 'status':
        if (message.state === 'loading') {
          // Sent before the machine is (re)built: what is still buffered belongs to the previous run.
          this.pump?.discard();
          this.clearConsole();
        }
        state.reportStatus({ phase: message.state, mcycle: message.mcycle, mips: message.mips, elapsedMs: message.elapsedMs });
        return;
      case 'output':
        this.fallbackOutput?.push(message.bytes);
        return;
      case 'halted':
        // The worker put every byte in the channel before saying so: show them before the verdict.
        this.pump?.drain();
        state.reportHalt(message.exitCode, message.mcycle);
        return;
      case 'yielded':
        if (message.manual) this.pump?.drain();
        state.reportYield({ manual: message.manual, reason: message.reason, data: message.data }, message.mcycle);
        return;
      case 'stopped':
        this.pump?.drain();
        return;
      case 'error':
        this.pump?.drain();
        state.reportError(message.message);
        return;
      case 'drive-response':
        this.driveWaiters.get(message.requestId)?.resolve({ label: message.label, bytes: message.bytes });
        this.driveWaiters.delete(message.requestId);
        return;
      case 'drive-error':
        this.driveWaiters.get(message.requestId)?.reject(new Error(message.message));
        this.driveWaiters.delete(message.requestId);
        return;
    }
  }

  private signal(kind: 'stop' | 'reset'): void {
    if (!this.worker) return;
    if (this.channels) {
      // Seen between slices, and wakes an idle wait at once (§4.3); the message covers a finished run.
      Atomics.store(new Int32Array(this.channels.control), 0, kind === 'stop' ? CONTROL.stop : CONTROL.reset);
      new SharedByteRing(this.channels.input).wake();
    }
    this.worker.postMessage({ type: kind });
  }

  stop(): void {
    this.abort?.abort();
    this.signal('stop');
  }

  reset(): void {
    this.clearConsole();
    this.signal('reset');
  }

  /** Keystrokes and pastes: whatever does not fit in the ring waits for space, in order. */
  sendInput(bytes: Uint8Array): void {
    if (!this.inputWriter || bytes.length === 0) return;
    this.inputQueue.push(bytes);
    if (!this.inputPumping) void this.pumpInput();
  }

  private async pumpInput(): Promise<void> {
    this.inputPumping = true;
    try {
      while (this.inputQueue.length > 0 && this.inputWriter) {
        const writer = this.inputWriter;
        const chunk = this.inputQueue[0];
        const written = writer.write(chunk);
        if (written === chunk.length) this.inputQueue.shift();
        else {
          this.inputQueue[0] = chunk.subarray(written);
          await writer.waitForSpace(250);
        }
      }
    } finally {
      this.inputPumping = false;
    }
  }

  /** A copy of flash drive `index` as it is now (e.g. an output drive after halt). */
  requestDrive(index: number): Promise<{ label: string; bytes: Uint8Array }> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('no machine has been booted'));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.driveWaiters.set(requestId, { resolve, reject });
      worker.postMessage({ type: 'drive-request', requestId, index });
    });
  }

  get driveLabels(): readonly string[] {
    return this.drivesOfBoot;
  }

  /** Every console byte of the current run (the last 4 MiB), decoded as UTF-8. */
  consoleText(): string {
    const all = new Uint8Array(this.transcriptBytes);
    let offset = 0;
    for (const chunk of this.transcript) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return new TextDecoder().decode(all);
  }

  private record(bytes: Uint8Array): void {
    this.transcript.push(bytes);
    this.transcriptBytes += bytes.length;
    while (this.transcriptBytes > TRANSCRIPT_LIMIT_BYTES && this.transcript.length > 1) {
      this.transcriptBytes -= this.transcript.shift()!.length;
    }
  }

  private clearConsole(): void {
    this.transcript = [];
    this.transcriptBytes = 0;
    this.terminal?.clear();
  }

  dispose(): void {
    this.abort?.abort();
    this.pump?.stop();
    this.worker?.terminate();
    this.worker = undefined;
    for (const waiter of this.driveWaiters.values()) waiter.reject(new Error('the run view was closed'));
    this.driveWaiters.clear();
  }
}
