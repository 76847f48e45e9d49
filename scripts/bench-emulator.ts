// npm run bench:emulator — emulator speed in Node: MIPS on a compute-bound bare-metal program, and mcycle,
// wall time and MIPS for the default machine's boot to its shell prompt. Prints figures; never fails on time.
// Wall-clock MIPS depends on the machine's load; scripts/bench/host-instructions.sh gives a load-independent
// figure (host instructions per guest instruction, counted by valgrind).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine } from '../emulator-wasm/src/machine';
import { registerNodeCore } from '../emulator-wasm/src/wasm.node.ts';
import { createMachineFromConfig } from '../emulator-wasm/src/boot.node.ts';
import { parseRunArgs, runOptionsToConfig } from '../lib/machine/index';

const here = fileURLToPath(new URL('.', import.meta.url));

function buildComputeLoop(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const elf = join(dir, 'loop.elf');
  const bin = join(dir, 'loop.bin');
  execFileSync('riscv64-linux-gnu-gcc', ['-nostdlib', '-nostartfiles', '-march=rv64gc', '-mabi=lp64d',
    '-T', join(here, 'bench/link.ld'), '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments', '-o', elf, join(here, 'bench/compute-loop.S')]);
  execFileSync('riscv64-linux-gnu-objcopy', ['-O', 'binary', elf, bin]);
  return new Uint8Array(readFileSync(bin));
}

function timed<T>(fn: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: process.cpuUsage(c0).user / 1e6 };
}

async function computeBound(): Promise<void> {
  await registerNodeCore();
  const machine = await Machine.create({ ramLength: 32n << 20n, ramImage: buildComputeLoop(), flashDrives: [] });
  machine.run(5_000_000n); // warm-up slice: V8 optimises wasm between calls
  const start = machine.mcycle;
  const { value, seconds, cpuSeconds } = timed(() => machine.run(1n << 40n));
  const cycles = Number(machine.mcycle - start);
  console.log(`compute-bound loop: ${value.kind}, ${cycles} instructions in ${seconds.toFixed(3)} s: ` +
    `${(cycles / seconds / 1e6).toFixed(1)} MIPS (${(cycles / cpuSeconds / 1e6).toFixed(1)} per CPU-second)`);
}

async function bootToPrompt(): Promise<void> {
  const config = runOptionsToConfig(parseRunArgs(['-i', '--no-init-splash']));
  const { machine } = await createMachineFromConfig(config);
  let text = '';
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let reason = '';
  // Run until the login shell prints its prompt and the guest goes idle waiting for input.
  for (;;) {
    const r = machine.run(machine.mcycle + (1n << 22n), (bytes) => { text += new TextDecoder().decode(bytes); });
    if (r.kind === 'idle' && /[#$] $/.test(text)) { reason = 'prompt'; break; }
    if (r.kind === 'idle') machine.skipIdleCycles(r.wakeMcycle - machine.mcycle);
    if (r.kind === 'halted' || machine.mcycle > 2_000_000_000n) { reason = r.kind; break; }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = process.cpuUsage(c0).user / 1e6;
  const mcycle = Number(machine.mcycle);
  console.log(`boot to shell prompt (${reason}): mcycle ${mcycle}, ${seconds.toFixed(3)} s wall, ` +
    `${(mcycle / seconds / 1e6).toFixed(1)} MIPS (${(mcycle / cpuSeconds / 1e6).toFixed(1)} per CPU-second)`);
}

await computeBound();
await bootToPrompt();
console.log('reference: native cartesi-machine on this kind of machine: 317 MIPS compute; minimal boot 68.6 M cycles in 0.47 s');
