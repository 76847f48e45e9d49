/// <reference lib="webworker" />
// The emulator's module worker (spec/browser-emulation.md §4.1): loads /emulator.wasm once, builds the
// machine of a boot message with boot.ts, and runs it with RunSession. Console bytes move through the
// SharedArrayBuffer rings of the boot message, or through messages when the page is not cross-origin
// isolated (§4.2). Stop and Reset arrive through the shared control word (seen between slices and waking an
// idle wait) and as messages (seen when no session is running, and in the fallback).
import { createMachine } from './boot';
import {
  MessageByteReader, MessageByteWriter, SharedByteRing, type ByteReader, type ByteWriter,
} from './console-ring';
import type { Machine } from './machine';
import { RunSession, type ControlRequest, type SessionHost } from './worker-session';
import { CONTROL, parsePageMessage, type BootMessage, type PageMessage, type WorkerMessage } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const DEFAULT_WASM_URL = '/emulator.wasm';

let coreModule: Promise<WebAssembly.Module> | undefined;
let coreUrl = '';
let lastBoot: BootMessage | undefined;
let machine: Machine | undefined;
let active: Promise<void> | undefined;
/** Stop/Reset requested by message while a session runs (message fallback). */
let pendingControl: ControlRequest | undefined;
let fallbackInput: MessageByteReader | undefined;

function post(message: WorkerMessage): void {
  scope.postMessage(message);
}

function postError(error: unknown): void {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'emulator';
  post({ type: 'error', code, message: error instanceof Error ? error.message : String(error) });
}

/** Compiles the core once per URL; streaming when the server sends application/wasm. */
function loadCore(url: string): Promise<WebAssembly.Module> {
  if (!coreModule || coreUrl !== url) {
    coreUrl = url;
    coreModule = (async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`emulator core ${url}: HTTP ${response.status}`);
      if (response.headers.get('content-type')?.startsWith('application/wasm')) {
        return WebAssembly.compileStreaming(response);
      }
      return WebAssembly.compile(await response.arrayBuffer());
    })();
    coreModule.catch(() => { coreModule = undefined; });
  }
  return coreModule;
}

/** Lets queued messages run: a message bounced off a channel is not clamped like setTimeout (§3.1). */
const bounce = new MessageChannel();
const bounceWaiters: (() => void)[] = [];
bounce.port1.onmessage = () => bounceWaiters.shift()?.();
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    bounceWaiters.push(resolve);
    bounce.port2.postMessage(0);
  });
}

function hostFor(boot: BootMessage): { host: SessionHost; input: ByteReader | undefined; output: ByteWriter } {
  const channels = boot.channels;
  if (channels) {
    const input = new SharedByteRing(channels.input);
    const output = new SharedByteRing(channels.output);
    const control = new Int32Array(channels.control);
    const host: SessionHost = {
      post,
      takeControl: () => {
        const word = Atomics.exchange(control, 0, CONTROL.run);
        if (word === CONTROL.stop) return 'stop';
        if (word === CONTROL.reset) return 'reset';
        return takePending();
      },
      yieldToEventLoop,
      // The worker may block (§4.3): Atomics.wait on the input ring; the page's Stop notifies the same word.
      waitForInput: async (timeoutMs) => (Atomics.load(control, 0) !== CONTROL.run ? 0 : input.waitForDataBlocking(timeoutMs)),
      waitForOutputSpace: async (timeoutMs) => output.waitForSpaceBlocking(timeoutMs),
      yieldEverySlice: false,
    };
    return { host, input: boot.interactive ? input : undefined, output };
  }
  const input = new MessageByteReader();
  fallbackInput = input;
  const output = new MessageByteWriter((bytes) => post({ type: 'output', bytes }));
  const host: SessionHost = {
    post,
    takeControl: takePending,
    yieldToEventLoop,
    waitForInput: (timeoutMs) => input.waitForData(timeoutMs),
    waitForOutputSpace: async () => {},
    yieldEverySlice: true,
  };
  return { host, input: boot.interactive ? input : undefined, output };
}

function takePending(): ControlRequest | undefined {
  const request = pendingControl;
  pendingControl = undefined;
  return request;
}

/** Builds and runs the machine of `boot` until it ends; a Reset builds it again from the same message. */
async function runBoot(boot: BootMessage): Promise<void> {
  for (;;) {
    post({ type: 'status', state: 'loading', mcycle: 0n, mips: 0, elapsedMs: 0 });
    const module = await loadCore(boot.wasmUrl ?? DEFAULT_WASM_URL);
    machine = await createMachine(boot.config, boot.images, module);
    const { host, input, output } = hostFor(boot);
    const end = await new RunSession(machine, boot.maxMcycle, input, output, host).run();
    if (end !== 'reset') return;
  }
}

function start(boot: BootMessage): void {
  lastBoot = boot;
  pendingControl = undefined;
  active = runBoot(boot)
    .catch((error: unknown) => {
      postError(error);
      post({ type: 'status', state: 'error', mcycle: machine?.mcycle ?? 0n, mips: 0, elapsedMs: 0 });
    })
    .finally(() => { active = undefined; });
}

function clearSharedControl(): void {
  if (lastBoot?.channels) Atomics.store(new Int32Array(lastBoot.channels.control), 0, CONTROL.run);
}

async function handle(message: PageMessage): Promise<void> {
  switch (message.type) {
    case 'boot':
      if (active) {
        pendingControl = 'stop';
        fallbackInput?.wake();
        await active;
      }
      clearSharedControl();
      start(message);
      return;
    case 'stop':
    case 'reset':
      if (active) {
        // With shared memory the page also set the control word, which the session has seen or will see.
        if (!lastBoot?.channels) {
          pendingControl = message.type;
          fallbackInput?.wake();
        }
        return;
      }
      clearSharedControl();
      if (message.type === 'reset' && lastBoot) start(lastBoot);
      return;
    case 'input':
      fallbackInput?.push(message.bytes);
      return;
    case 'drive-request': {
      const label = lastBoot?.config.flash_drive[message.index]?.label ?? `flashdrive${message.index}`;
      try {
        if (!machine) throw new Error('no machine has been booted');
        const bytes = machine.driveContents(message.index).slice();
        scope.postMessage({ type: 'drive-response', requestId: message.requestId, index: message.index, label, bytes } satisfies WorkerMessage, [bytes.buffer]);
      } catch (error) {
        post({ type: 'drive-error', requestId: message.requestId, index: message.index, message: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
  }
}

scope.onmessage = (event: MessageEvent<unknown>) => {
  let message: PageMessage;
  try {
    message = parsePageMessage(event.data);
  } catch (error) {
    postError(error);
    return;
  }
  handle(message).catch(postError);
};
