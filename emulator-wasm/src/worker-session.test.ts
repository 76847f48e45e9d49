// RunSession on the real default machine (guest/out) in Node, with the same shared rings the browser uses.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunArgs, runOptionsToConfig } from '../../lib/machine/index';
import { planMachine } from './boot';
import { createRingBuffer, SharedByteRing } from './console-ring';
import { defaultImagesDir } from './boot.node';
import { Machine } from './machine';
import { RunSession, type ControlRequest, type SessionHost } from './worker-session';
import { UNTIL_HALT, type WorkerMessage } from './worker-protocol';

const imagesDir = defaultImagesDir();
const haveImages = existsSync(join(imagesDir, 'linux.bin')) && existsSync(join(imagesDir, 'rootfs.ext2'));
const PROMPT = 'dapp@carti:~ $';

function images(): Record<string, Uint8Array> {
  return {
    'linux.bin': new Uint8Array(readFileSync(join(imagesDir, 'linux.bin'))),
    'rootfs.ext2': new Uint8Array(readFileSync(join(imagesDir, 'rootfs.ext2'))),
  };
}

async function machineFor(args: string[]): Promise<Machine> {
  return Machine.create(planMachine(runOptionsToConfig(parseRunArgs(args)), images()).spec);
}

interface Harness {
  host: SessionHost;
  input: SharedByteRing;
  output: SharedByteRing;
  messages: WorkerMessage[];
  text(): string;
  control: { request?: ControlRequest };
}

/** The worker's shared-memory host, with `onIdle` standing in for the page while the guest sleeps. */
function harness(onIdle: (h: Harness) => void = () => {}): Harness {
  const input = new SharedByteRing(createRingBuffer(4096));
  const output = new SharedByteRing(createRingBuffer(1 << 22));
  const messages: WorkerMessage[] = [];
  const decoder = new TextDecoder();
  let transcript = '';
  const control: { request?: ControlRequest } = {};
  const h: Harness = {
    input, output, messages, control,
    text: () => (transcript += decoder.decode(output.read(), { stream: true })),
    host: {
      post: (message) => messages.push(message),
      takeControl: () => {
        const request = control.request;
        control.request = undefined;
        return request;
      },
      yieldToEventLoop: () => new Promise((resolve) => setImmediate(resolve)),
      waitForInput: async (timeoutMs) => {
        onIdle(h);
        return input.waitForDataBlocking(timeoutMs);
      },
      waitForOutputSpace: async (timeoutMs) => output.waitForSpaceBlocking(timeoutMs),
      yieldEverySlice: false,
    },
  };
  return h;
}

describe.skipIf(!haveImages)('RunSession on the default machine', () => {
  it('a reproducible run in adaptive slices ends exactly like one Machine.run: same output and mcycle', async () => {
    const args = ['--no-init-splash', '--', 'echo', 'same'];
    const reference = await machineFor(args);
    const chunks: number[] = [];
    expect(reference.run(UNTIL_HALT, (bytes) => chunks.push(...bytes))).toEqual({ kind: 'halted', exitCode: 0 });

    const h = harness();
    const end = await new RunSession(await machineFor(args), UNTIL_HALT, undefined, h.output, h.host).run();
    expect(end).toBe('halted');
    expect(h.text()).toBe(new TextDecoder().decode(new Uint8Array(chunks)));
    const halted = h.messages.find((m) => m.type === 'halted');
    expect(halted).toEqual({ type: 'halted', exitCode: 0, mcycle: reference.mcycle });
  });

  it('an interactive session takes typed input and halts with the shell exit status', async () => {
    let typed = false;
    const deadline = performance.now() + 60_000;
    const h = harness((self) => {
      if (!typed && self.text().includes(PROMPT)) {
        typed = true;
        self.input.write(new TextEncoder().encode('echo typed-$((6*7)); exit 3\n'));
      }
      if (performance.now() > deadline) self.control.request = 'stop'; // fail with the transcript, not a timeout
    });
    const end = await new RunSession(await machineFor(['-i', '--no-init-splash']), UNTIL_HALT, h.input, h.output, h.host).run();
    expect(h.text()).toContain('typed-42');
    expect(end).toBe('halted');
    expect(h.messages.find((m) => m.type === 'halted')).toMatchObject({ exitCode: 3 });
  });

  it('an idle guest lets the worker sleep: little CPU time while waiting at the prompt', async () => {
    let idleSince: number | undefined;
    let cpuAtIdle: NodeJS.CpuUsage | undefined;
    let usage: { wallMs: number; cpuMs: number } | undefined;
    const h = harness((self) => {
      if (usage || !self.text().includes(PROMPT)) return;
      if (idleSince === undefined) {
        idleSince = performance.now();
        cpuAtIdle = process.cpuUsage();
        return;
      }
      const wallMs = performance.now() - idleSince;
      if (wallMs < 2000) return;
      const cpu = process.cpuUsage(cpuAtIdle);
      usage = { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
      typedAt = performance.now();
      self.input.write(new TextEncoder().encode('exit\n'));
    });
    let typedAt = 0;
    await new RunSession(await machineFor(['-i', '--no-init-splash']), UNTIL_HALT, h.input, h.output, h.host).run();
    expect(usage).toBeDefined();
    // Input typed into a long-idle guest is seen at its next console poll, not after minutes.
    expect(performance.now() - typedAt).toBeLessThan(15_000);
    // A spinning loop would use about 100% of a core; sleeping on the ring uses a few percent.
    expect(usage!.cpuMs / usage!.wallMs).toBeLessThan(0.3);
    expect(h.messages.some((m) => m.type === 'status' && m.state === 'waiting-input')).toBe(true);
  });

  it('Stop ends the session at a slice boundary and reports the mcycle reached', async () => {
    const h = harness();
    const machine = await machineFor(['--no-init-splash', '--', 'echo', 'same']);
    const session = new RunSession(machine, UNTIL_HALT, undefined, h.output, h.host);
    const original = h.host.post;
    h.host.post = (message) => {
      original(message);
      if (message.type === 'status' && message.mcycle > 1_000_000n) h.control.request = 'stop';
    };
    expect(await session.run()).toBe('stopped');
    const stopped = h.messages.find((m) => m.type === 'stopped');
    expect(stopped).toEqual({ type: 'stopped', reason: 'stop', mcycle: machine.mcycle });
    expect(machine.halted).toBe(false);
  });

  it('stops at maxMcycle and says so', async () => {
    const h = harness();
    const machine = await machineFor(['--no-init-splash', '--', 'echo', 'same']);
    expect(await new RunSession(machine, 5_000_000n, undefined, h.output, h.host).run()).toBe('max-mcycle');
    expect(machine.mcycle).toBe(5_000_000n);
    expect(h.messages.find((m) => m.type === 'stopped')).toMatchObject({ reason: 'max-mcycle', mcycle: 5_000_000n });
  });
});
