// Differential tests against qemu-system-riscv64 (-M spike): seeded random straight-line programs of user-level
// instructions (tests/differential/program.ts) print every register and fcsr through HTIF; the emulator's
// console output must equal QEMU's, byte for byte. The very same ELF runs on both (code addresses matter for
// auipc), so the programs avoid everything where Cartesi and QEMU 7.2 legitimately differ.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIsaTest, isaBuildDir } from './isa/build';
import { randomProgram, type ProgramKind } from './differential/program';
import { Machine } from '../src/machine';
import { registerNodeCore } from '../src/wasm.node';

const QEMU = 'qemu-system-riscv64';
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const INSTRUCTIONS = 400;
// Generated sources live beside the build cache (gitignored), named by kind and seed.
const sourceDir = join(isaBuildDir, 'differential-src');

function buildProgram(kind: ProgramKind, seed: number) {
  mkdirSync(sourceDir, { recursive: true });
  const name = `diff-${kind}-${seed}`;
  writeFileSync(join(sourceDir, `${name}.S`), randomProgram(kind, seed, INSTRUCTIONS));
  return buildIsaTest(name, { sourceDir });
}

async function runOnEmulator(bytes: Uint8Array): Promise<string> {
  const machine = await Machine.create({ ramLength: 32n << 20n, ramImage: bytes, flashDrives: [] });
  const chunks: string[] = [];
  let reason = machine.run(10_000_000n);
  for (let drains = 0; reason.kind === 'console-output' && drains < 1000; drains++) {
    chunks.push(new TextDecoder().decode(machine.takeConsoleOutput()));
    reason = machine.run(10_000_000n);
  }
  chunks.push(new TextDecoder().decode(machine.takeConsoleOutput()));
  expect(reason).toEqual({ kind: 'halted', exitCode: 0 });
  return chunks.join('');
}

function runOnQemu(elfPath: string): string {
  // The console goes to a file chardev: QEMU's stdio backend may drop bytes when stdout is a pipe.
  const outputPath = `${elfPath}.qemu-out`;
  rmSync(outputPath, { force: true });
  const result = spawnSync(
    QEMU,
    ['-M', 'spike', '-bios', 'none', '-kernel', elfPath, '-display', 'none', '-monitor', 'none',
      '-chardev', `file,id=console,path=${outputPath}`, '-serial', 'chardev:console'],
    { timeout: 30_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.error) throw new Error(`${QEMU} failed to run (${String(result.error)}): install qemu-system-misc (npm run setup)`);
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(outputPath, 'utf8');
}

/** Names the registers that differ, for a readable failure. */
function differences(ours: string, qemu: string): string[] {
  const names = [...Array.from({ length: 32 }, (_, i) => `x${i}`), ...Array.from({ length: 32 }, (_, i) => `f${i}`), 'fcsr'];
  const a = ours.trim().split('\n');
  const b = qemu.trim().split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) out.push(`${names[i] ?? `line ${i}`}: emulator ${a[i]} qemu ${b[i]}`);
  }
  return out;
}

beforeAll(async () => {
  await registerNodeCore();
});

describe('differential runs against qemu-system-riscv64', () => {
  for (const kind of ['integer', 'float'] as const) {
    it(`random ${kind} programs leave the same registers and fcsr as on QEMU`, async () => {
      for (const seed of SEEDS) {
        const image = buildProgram(kind, seed);
        const ours = await runOnEmulator(image.bytes);
        const qemu = runOnQemu(image.elfPath);
        expect(ours.split('\n').length, `${kind} seed ${seed}: 65 lines`).toBe(66);
        expect(differences(ours, qemu), `${kind} seed ${seed} (${image.elfPath})`).toEqual([]);
      }
    });
  }
});
