// ISA, device and golden tests of the emulator core: each bare-metal program in tests/isa/*.S (built by
// tests/isa/build.ts with the Debian riscv64 cross gcc) runs on a fresh 32 MiB machine and must halt through
// HTIF with exit code 0; a non-zero code is the number of the failing check in that source. Golden tests also
// assert the exact mcycle or TLB contents that cartesi-machine v0.21.0 shows (spec/cartesi-machine.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIsaTest, listIsaTests } from './isa/build';
import { DEFAULT_MAX_MCYCLE, isaCases as cases, runToBreak } from './isa/cases';
import { Machine, type BreakReason } from '../src/machine';
import { registerNodeCore } from '../src/wasm.node';

const RAM_LENGTH = 32n << 20n;
const S11 = 27;

function describeBreak(reason: BreakReason, source: string, machine: Machine): string {
  if (reason.kind === 'halted' && reason.exitCode !== 0) return `${source}.S: check ${reason.exitCode} failed`;
  return `${source}.S: ${JSON.stringify(reason)} at pc 0x${machine.pc.toString(16)}, mcycle ${machine.mcycle}`;
}

beforeAll(async () => {
  await registerNodeCore();
});

describe('ISA test sources', () => {
  it('every source in tests/isa has exactly one test case', () => {
    expect(listIsaTests()).toEqual(cases.map((c) => c.source).sort());
  });
});

describe('emulator ISA and device tests', () => {
  for (const testCase of cases) {
    it(testCase.behaviour, async () => {
      const image = buildIsaTest(testCase.source);
      const interactive = testCase.consoleInput !== undefined || testCase.interactiveWithoutInput === true;
      const machine = await Machine.create({
        ramLength: RAM_LENGTH,
        ramImage: image.bytes,
        flashDrives: [],
        interactive,
        iyield: testCase.iyield,
      });
      if (testCase.consoleInput !== undefined) {
        machine.pushConsoleInput(new TextEncoder().encode(testCase.consoleInput));
        machine.closeConsoleInput();
      }
      const reason = testCase.drive ? testCase.drive(machine) : runToBreak(machine, testCase.maxMcycle ?? DEFAULT_MAX_MCYCLE);
      const expected = { kind: 'halted', exitCode: testCase.exitCode ?? 0 };
      expect(reason, describeBreak(reason, testCase.source, machine)).toEqual(expected);
      if (testCase.countedPass) {
        expect(machine.mcycle, 'final mcycle = s11 + 7').toBe(machine.readX(S11) + 7n);
      }
      testCase.after?.(machine);
    });
  }
});

// §3.4: every change to the pending or enabled interrupts triggers an immediate check, so an extra check where
// a host slice ends never changes behaviour. Running a program in tiny slices must give the same end state.
describe('run slicing', () => {
  const sliced: Array<{ source: string; step: bigint }> = [
    { source: 'golden-msip-timing', step: 1n },
    { source: 'golden-counters', step: 1n },
    { source: 'interrupts', step: 3n },
    { source: 'golden-mtimecmp-1', step: 97n },
  ];
  for (const { source, step } of sliced) {
    it(`${source} run in slices of ${step} cycle(s) ends exactly as one run`, async () => {
      const image = buildIsaTest(source);
      const spec = { ramLength: RAM_LENGTH, ramImage: image.bytes, flashDrives: [] };
      const whole = await Machine.create(spec);
      const expected = whole.run(DEFAULT_MAX_MCYCLE);
      const stepped = await Machine.create(spec);
      let reason: BreakReason = { kind: 'max-mcycle' };
      for (let calls = 0; calls < 1_000_000 && reason.kind === 'max-mcycle'; calls++) {
        reason = stepped.run(stepped.mcycle + step);
      }
      expect(reason).toEqual(expected);
      expect(stepped.mcycle).toBe(whole.mcycle);
      expect(stepped.pc).toBe(whole.pc);
      for (let i = 0; i < 32; i++) expect(stepped.readX(i), `x${i}`).toBe(whole.readX(i));
    });
  }

  it('a tiny internal slice size (Machine.sliceMcycles) ends exactly as the default one', async () => {
    const image = buildIsaTest('golden-mtimecmp-1');
    const spec = { ramLength: RAM_LENGTH, ramImage: image.bytes, flashDrives: [] };
    const whole = await Machine.create(spec);
    const expected = whole.run(DEFAULT_MAX_MCYCLE);
    const sliced = await Machine.create(spec);
    sliced.sliceMcycles = 5n;
    expect(sliced.run(DEFAULT_MAX_MCYCLE)).toEqual(expected);
    expect(sliced.mcycle).toBe(whole.mcycle);
  });
});
