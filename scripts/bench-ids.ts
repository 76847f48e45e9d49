/**
 * `npm run bench:ids`: id-hashing throughput (carti-formats.md §2) for a 256 MiB file in Node, streamed in
 * 1 MiB chunks as `carti-studio id` does, for both Keccak-256 implementations: ours
 * (lib/carti/keccak, AssemblyScript) and hash-wasm's. Runs alternate between the two so a machine under
 * changing load penalises both alike. Prints figures; never fails on time.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createKeccak } from 'hash-wasm';
import { idOfFile } from '../lib/carti/id.node.js';
import { createKeccak256 } from '../lib/carti/keccak/keccak';

const SIZE_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const RUNS = 3;

interface Implementation {
  name: string;
  create(): Promise<{ update(chunk: Uint8Array): void; digest(): Uint8Array }>;
}

const implementations: Implementation[] = [
  { name: 'ours (lib/carti/keccak)', create: async () => createKeccak256() },
  {
    name: 'hash-wasm',
    create: async () => {
      const hasher = (await createKeccak(256)).init();
      return { update: (chunk) => void hasher.update(chunk), digest: () => hasher.digest('binary') };
    },
  },
];

async function writeTestFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  const chunk = new Uint8Array(CHUNK_BYTES);
  for (let written = 0; written < SIZE_BYTES; written += CHUNK_BYTES) {
    // Vary the content so nothing can shortcut a constant input.
    for (let i = 0; i < chunk.length; i += 4096) chunk[i] = (written / CHUNK_BYTES + i) & 0xff;
    if (!out.write(chunk.slice())) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** keccak256(keccak256(file)) streamed in 1 MiB chunks, as idOfFile does; returns the outer digest in hex. */
async function doubleHashFile(implementation: Implementation, path: string): Promise<string> {
  const inner = await implementation.create();
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) inner.update(chunk as Uint8Array);
  const outer = await implementation.create();
  outer.update(inner.digest());
  return Buffer.from(outer.digest()).toString('hex');
}

const mbPerSecond = (bytes: number, ms: number) => (bytes / (1024 * 1024)) / (ms / 1000);
const describeRuns = (runs: number[]) =>
  `${mbPerSecond(SIZE_BYTES, Math.min(...runs)).toFixed(0)} MB/s best, ` +
  `${mbPerSecond(SIZE_BYTES, runs.reduce((a, b) => a + b) / runs.length).toFixed(0)} MB/s mean ` +
  `(runs ms: ${runs.map((ms) => ms.toFixed(0)).join(', ')})`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'carti-bench-'));
  const path = join(dir, 'bench.bin');
  try {
    await writeTestFile(path);
    console.log(`file: 256 MiB, streamed in 1 MiB chunks, keccak256(keccak256(file)) (goal >= 300 MB/s)`);
    const digests = new Map<string, string>();
    for (const implementation of implementations) digests.set(implementation.name, await doubleHashFile(implementation, path)); // warm-up
    if (new Set(digests.values()).size !== 1) console.log(`WARNING: the implementations disagree: ${JSON.stringify([...digests])}`);
    const runs = new Map<string, number[]>(implementations.map((implementation) => [implementation.name, []]));
    for (let run = 0; run < RUNS; run += 1) {
      for (const implementation of implementations) {
        const start = performance.now();
        await doubleHashFile(implementation, path);
        runs.get(implementation.name)!.push(performance.now() - start);
      }
    }
    for (const implementation of implementations) console.log(`  ${implementation.name.padEnd(24)} ${describeRuns(runs.get(implementation.name)!)}`);

    const idRuns: number[] = [];
    let id = '';
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      id = await idOfFile(path);
      idRuns.push(performance.now() - start);
    }
    console.log(`idOfFile (what carti-studio id uses): ${describeRuns(idRuns)}`);
    console.log(`  id: ${id}`);

    const memory = new Uint8Array(64 * 1024 * 1024).map((_, i) => i * 13);
    const memoryBestMs = new Map<string, number>();
    for (let run = 0; run < RUNS; run += 1) {
      for (const implementation of implementations) {
        const hasher = await implementation.create();
        const start = performance.now();
        for (let offset = 0; offset < memory.length; offset += CHUNK_BYTES) hasher.update(memory.subarray(offset, offset + CHUNK_BYTES));
        hasher.digest();
        const ms = performance.now() - start;
        memoryBestMs.set(implementation.name, Math.min(memoryBestMs.get(implementation.name) ?? Infinity, ms));
      }
    }
    for (const [name, ms] of memoryBestMs) console.log(`in memory (64 MiB, no I/O, best of ${RUNS}), ${name}: ${mbPerSecond(memory.length, ms).toFixed(0)} MB/s`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
