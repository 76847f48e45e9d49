// Runs a bare-metal RAM image on the emulator core for a given number of instructions, in slices as the
// Machine class does, and prints the final mcycle and a0. Used by host-instructions.sh under valgrind, where
// the tsx/TypeScript layer would only add noise.
// Usage: node scripts/bench/compute-run.mjs <emulator.wasm> <image.bin> <instructions>
import { readFileSync } from 'node:fs';

const [wasmPath, imagePath, countArg] = process.argv.slice(2);
if (!wasmPath || !imagePath || !countArg) {
  console.error('usage: compute-run.mjs <emulator.wasm> <image.bin> <instructions>');
  process.exit(2);
}
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const core = instance.exports;
if (core.setup() !== 0) throw new Error(`${wasmPath}: core setup failed`);
const RAM_START = 0x8000_0000n;
const RAM_LENGTH = 32n << 20n;
const ram = core.allocRegion(RAM_LENGTH);
core.addPma(RAM_START, RAM_LENGTH, 0x0fd, ram); // PMA flags of RAM (emulator-wasm/src/core.ts)
core.addPma(0x4000_8000n, 0x1000n, 0x28e, 0); // HTIF, so that the program can halt
new Uint8Array(core.memory.buffer).set(readFileSync(imagePath), ram);
core.reset(0, 3);
const view = new DataView(core.memory.buffer);
const shadow = core.shadowBase();
const total = BigInt(countArg);
const SLICE = 1n << 20n;
let mcycle = 0n;
while (mcycle < total) {
  const reason = core.run(mcycle + SLICE < total ? mcycle + SLICE : total);
  mcycle = view.getBigUint64(shadow + 0x100, true);
  if (reason !== 1) break; // anything but max-mcycle (halted, …)
}
console.log(`mcycle ${mcycle} a0 0x${view.getBigUint64(shadow + 10 * 8, true).toString(16)}`);
