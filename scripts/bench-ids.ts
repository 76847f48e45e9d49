/**
 * `npm run bench:ids`: id-hashing throughput (carti-formats.md §2) for a 256 MiB file in Node, streamed in
 * 1 MiB chunks through hash-wasm's Keccak-256, as `carti-studio id` does. Prints figures; never fails on time.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { idOfFile } from '../lib/carti/id.node.js';
import { idOfBytes } from '../lib/carti/id';

const SIZE_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

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

const mbPerSecond = (bytes: number, ms: number) => (bytes / (1024 * 1024)) / (ms / 1000);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'carti-bench-'));
  const path = join(dir, 'bench.bin');
  try {
    await writeTestFile(path);
    await idOfFile(path); // warm the page cache and the wasm module
    const runs: number[] = [];
    let id = '';
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      id = await idOfFile(path);
      runs.push(performance.now() - start);
    }
    const best = Math.min(...runs);
    console.log(`file: 256 MiB, streamed in 1 MiB chunks (hash-wasm keccak-256)`);
    console.log(`id: ${id}`);
    console.log(`runs (ms): ${runs.map((ms) => ms.toFixed(0)).join(', ')}`);
    console.log(`throughput: ${mbPerSecond(SIZE_BYTES, best).toFixed(0)} MB/s best, ${mbPerSecond(SIZE_BYTES, runs.reduce((a, b) => a + b) / runs.length).toFixed(0)} MB/s mean (goal >= 300 MB/s)`);
    const memory = new Uint8Array(64 * 1024 * 1024);
    const start = performance.now();
    await idOfBytes(memory);
    console.log(`in memory (64 MiB, no I/O): ${mbPerSecond(memory.length, performance.now() - start).toFixed(0)} MB/s`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
