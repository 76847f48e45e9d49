// Test helper (console-ring.test.ts): a real second thread that drains a SharedByteRing until the producer
// closes it, sleeping in Atomics.wait between bursts as the emulator worker does, then posts every byte back.
import { parentPort, workerData } from 'node:worker_threads';
import { SharedByteRing } from './console-ring';

const ring = new SharedByteRing(workerData.buffer as SharedArrayBuffer);
const chunks: Uint8Array[] = [];
let total = 0;
while (!ring.ended) {
  const bytes = ring.read(workerData.readSizeBytes as number);
  if (bytes.length > 0) {
    chunks.push(bytes);
    total += bytes.length;
  } else {
    ring.waitForDataBlocking(50);
  }
}
const all = new Uint8Array(total);
let offset = 0;
for (const chunk of chunks) {
  all.set(chunk, offset);
  offset += chunk.length;
}
parentPort?.postMessage(all, [all.buffer]);
