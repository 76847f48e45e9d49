// Fuzz tests of the emulator core: random and mutated instruction streams (fixed seeds) run after a small
// M-mode harness (tests/fuzz/fuzz-harness.S) that counts traps and halts after 10000 of them. Whatever the code
// does (CSR writes, privilege changes, page tables, device accesses, jumps anywhere), a run must end with a
// clean HTIF halt or at the cycle limit, without any host exception (wasm trap or JS error), and the same input
// must give the same final state (reproducible mode is a pure function of its inputs).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIsaTest, isaSourceDir } from './isa/build';
import { Machine, type BreakReason } from '../src/machine';
import { registerNodeCore } from '../src/wasm.node';

const RAM_LENGTH = 32n << 20n;
const FUZZ_CODE_OFFSET = 0x10000; // 0x80010000, where the harness jumps
const STREAM_BYTES = 16 * 1024; // must match STREAM_BYTES in fuzz/fuzz-harness.S
const MAX_MCYCLE = 1_000_000n;
const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
/** Sources whose instructions seed the "mutated valid instruction" streams. */
const CORPUS_SOURCES = ['rv64i-arith', 'rv64i-load-store', 'rv64m', 'rv64a-amo', 'rv64c', 'fpu', 'zicsr', 'mmu-sv39', 'interrupts'];

/** mulberry32: a small deterministic PRNG, so every seed names one fixed stream. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

class StreamWriter {
  readonly bytes = new Uint8Array(STREAM_BYTES);
  private offset = 0;
  get full(): boolean {
    return this.offset + 4 > this.bytes.length;
  }
  half(value: number): void {
    this.bytes[this.offset++] = value & 0xff;
    this.bytes[this.offset++] = (value >>> 8) & 0xff;
  }
  word(value: number): void {
    this.half(value & 0xffff);
    this.half(value >>> 16);
  }
}

/** Instruction encodings (16- and 32-bit) found in the text of the corpus images. */
function instructionCorpus(): Array<{ bits: number; width: 16 | 32 }> {
  const corpus: Array<{ bits: number; width: 16 | 32 }> = [];
  for (const source of CORPUS_SOURCES) {
    const bytes = buildIsaTest(source).bytes;
    const textEnd = Math.min(bytes.length, 0x1000); // code is on the first page; data follows
    for (let i = 0; i + 4 <= textEnd; ) {
      const low = bytes[i] | (bytes[i + 1] << 8);
      if ((low & 3) === 3) {
        const bits = (low | ((bytes[i + 2] | (bytes[i + 3] << 8)) << 16)) >>> 0;
        if (bits !== 0) corpus.push({ bits, width: 32 });
        i += 4;
      } else {
        if (low !== 0) corpus.push({ bits: low, width: 16 });
        i += 2;
      }
    }
  }
  return corpus;
}

type Generator = (random: () => number, corpus: ReturnType<typeof instructionCorpus>) => Uint8Array;

const MAJOR_OPCODES = [0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b, 0x43, 0x47, 0x4b, 0x4f, 0x53, 0x63, 0x67, 0x6f, 0x73];

const generators: Record<string, Generator> = {
  'random 32-bit words': (random) => {
    const out = new StreamWriter();
    while (!out.full) out.word(random());
    return out.bytes;
  },
  'random compressed halves': (random) => {
    const out = new StreamWriter();
    while (!out.full) {
      let half = random() & 0xffff;
      if ((half & 3) === 3) half &= ~1; // keep it a 16-bit encoding
      out.half(half);
    }
    return out.bytes;
  },
  'valid major opcodes with random fields': (random) => {
    const out = new StreamWriter();
    while (!out.full) {
      const opcode = MAJOR_OPCODES[random() % MAJOR_OPCODES.length];
      out.word(((random() & ~0x7f) | opcode) >>> 0);
    }
    return out.bytes;
  },
  'valid instructions with mutated bits': (random, corpus) => {
    const out = new StreamWriter();
    while (!out.full) {
      const pick = corpus[random() % corpus.length];
      let bits = pick.bits;
      // Three in four stay valid (so execution goes somewhere); the others get one or two flipped bits.
      const flips = random() % 4 === 0 ? 1 + (random() % 2) : 0;
      for (let f = 0; f < flips; f++) bits ^= 1 << (random() % pick.width);
      if (pick.width === 32) out.word(bits >>> 0);
      else out.half(bits & 0xffff);
    }
    return out.bytes;
  },
};

let harness: Uint8Array;
let supervisorHarness: Uint8Array;
let corpus: ReturnType<typeof instructionCorpus>;

beforeAll(async () => {
  await registerNodeCore();
  const sourceDir = join(isaSourceDir, '..', 'fuzz');
  harness = buildIsaTest('fuzz-harness', { sourceDir }).bytes;
  supervisorHarness = buildIsaTest('fuzz-harness', { sourceDir, defines: ['SUPERVISOR'] }).bytes;
  corpus = instructionCorpus();
});

function imageFor(stream: Uint8Array, startHarness = harness): Uint8Array {
  const image = new Uint8Array(FUZZ_CODE_OFFSET + stream.length);
  image.set(startHarness, 0);
  image.set(stream, FUZZ_CODE_OFFSET);
  return image;
}

interface FuzzOutcome {
  reason: BreakReason;
  mcycle: bigint;
  pc: bigint;
  registers: bigint[];
}

/** Runs a stream to a halt or the cycle limit, draining console output (putchar may fill the buffer). */
async function runStream(stream: Uint8Array, startHarness = harness): Promise<FuzzOutcome> {
  // Yields disabled (iyield 0): a random store to tohost must not leave the machine waiting for a host answer.
  const ramImage = imageFor(stream, startHarness);
  const machine = await Machine.create({ ramLength: RAM_LENGTH, ramImage, flashDrives: [], iyield: 0 });
  let reason: BreakReason = machine.run(MAX_MCYCLE);
  for (let drains = 0; reason.kind === 'console-output' && drains < 10_000; drains++) {
    machine.takeConsoleOutput();
    reason = machine.run(MAX_MCYCLE);
  }
  const registers = Array.from({ length: 32 }, (_, i) => machine.readX(i));
  return { reason, mcycle: machine.mcycle, pc: machine.pc, registers };
}

describe('emulator fuzzing', () => {
  for (const [kind, generate] of Object.entries(generators)) {
    it(`${kind} end by a clean halt or the cycle limit, without host exceptions`, async () => {
      for (const seed of SEEDS) {
        const outcome = await runStream(generate(prng(seed), corpus));
        const where = `${kind}, seed ${seed}: ${JSON.stringify(outcome.reason)} at mcycle ${outcome.mcycle}`;
        expect(['halted', 'max-mcycle'], where).toContain(outcome.reason.kind);
        expect(outcome.mcycle <= MAX_MCYCLE, where).toBe(true);
        if (outcome.reason.kind === 'max-mcycle') expect(outcome.mcycle, where).toBe(MAX_MCYCLE);
        expect(outcome.registers[0], where).toBe(0n);
      }
    });
  }

  it('mutated valid instructions run in S-mode under Sv39 end by a clean halt or the cycle limit', async () => {
    for (const seed of SEEDS) {
      const outcome = await runStream(generators['valid instructions with mutated bits'](prng(1000 + seed), corpus), supervisorHarness);
      const where = `S-mode stream, seed ${seed}: ${JSON.stringify(outcome.reason)} at mcycle ${outcome.mcycle}`;
      expect(['halted', 'max-mcycle'], where).toContain(outcome.reason.kind);
      expect(outcome.mcycle <= MAX_MCYCLE, where).toBe(true);
    }
  });

  it('the same stream gives the same final state twice', async () => {
    for (const [kind, generate] of Object.entries(generators)) {
      const first = await runStream(generate(prng(99), corpus));
      const second = await runStream(generate(prng(99), corpus));
      expect(second, kind).toEqual(first);
    }
  });

  it('the harness halts after its trap limit on a stream of illegal instructions', async () => {
    // All-zero memory is c.unimp: every 4 bytes trap, so 10000 traps end the run with exit code 0.
    const outcome = await runStream(new Uint8Array(STREAM_BYTES));
    expect(outcome.reason).toEqual({ kind: 'halted', exitCode: 0 });
  });
});
