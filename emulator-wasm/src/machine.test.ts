// The host Machine class: memory map checks, run slicing, console input and output, drive contents.
import { describe, expect, it } from 'vitest';
import { Machine, MachineError } from './machine';

/** Little-endian machine code of RV64 instructions, for tiny programs built in the test. */
function program(words: number[]): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w >>> 0, true));
  return bytes;
}

// lui t0, 0x40008 (t0 = 0x40008000); the HTIF tohost register.
const LUI_T0_HTIF = 0x400082b7;
const ADDI_T1_ZERO = (imm: number): number => ((imm & 0xfff) << 20) | (6 << 7) | 0x13; // addi t1, x0, imm
const SD_T1_T0 = 0x0062b023; // sd t1, 0(t0)
const JAL_SELF = 0x0000006f; // j .

describe('Machine', () => {
  it('halts with the payload of an HTIF halt and counts one cycle per instruction', async () => {
    const m = await Machine.create({ ramLength: 1n << 20n, ramImage: program([LUI_T0_HTIF, ADDI_T1_ZERO((5 << 1) | 1), SD_T1_T0, JAL_SELF]), flashDrives: [] });
    expect(m.run(1000n)).toEqual({ kind: 'halted', exitCode: 5 });
    expect(m.mcycle).toBe(3n);
    expect(m.halted).toBe(true);
  });

  it('stops at maxMcycle and resumes to the same state as one long run', async () => {
    const code = program([0x00150513 /* addi a0,a0,1 */, 0xffdff06f /* j -4 */]);
    const a = await Machine.create({ ramLength: 1n << 20n, ramImage: code, flashDrives: [] });
    const b = await Machine.create({ ramLength: 1n << 20n, ramImage: code, flashDrives: [] });
    a.sliceMcycles = 7n;
    expect(a.run(100_001n)).toEqual({ kind: 'max-mcycle' });
    for (let end = 13n; end <= 100_001n; end += 13n) b.run(end);
    b.run(100_001n);
    expect(a.mcycle).toBe(100_001n);
    expect(b.mcycle).toBe(100_001n);
    expect(a.readX(10)).toBe(b.readX(10));
    expect(a.pc).toBe(b.pc);
  });

  it('delivers console output through the callback', async () => {
    // putchar 'A' (DEV 1, CMD 1): t1 = (1 << 56) | (1 << 48) | 0x41 built with lui/slli/addi.
    const words = [
      LUI_T0_HTIF,
      0x10100313, // addi t1, x0, 0x101
      0x03031313, // slli t1, t1, 48
      0x04130313, // addi t1, t1, 0x41
      SD_T1_T0,
      ADDI_T1_ZERO(1),
      SD_T1_T0,
      JAL_SELF,
    ];
    const m = await Machine.create({ ramLength: 1n << 20n, ramImage: program(words), flashDrives: [] });
    const out: number[] = [];
    expect(m.run(1000n, (bytes) => out.push(...bytes))).toEqual({ kind: 'halted', exitCode: 0 });
    expect(String.fromCharCode(...out)).toBe('A');
  });

  it('refuses a RAM image larger than RAM', async () => {
    await expect(Machine.create({ ramLength: 4096n, ramImage: new Uint8Array(8192), flashDrives: [] })).rejects.toThrow(/larger than RAM/);
  });

  it('refuses overlapping flash drives, naming them', async () => {
    const drives = [
      { label: 'a', start: 0x90000000n, length: 0x200000n },
      { label: 'b', start: 0x90100000n, length: 0x200000n },
    ];
    await expect(Machine.create({ ramLength: 1n << 20n, flashDrives: drives })).rejects.toThrow(/b overlaps with a/);
  });

  it('refuses a drive image longer than the drive', async () => {
    const drives = [{ label: 'data', start: 0x90000000n, length: 4096n, data: new Uint8Array(8192) }];
    await expect(Machine.create({ ramLength: 1n << 20n, flashDrives: drives })).rejects.toThrow(/data: image .* longer than the drive/);
  });

  it('zero-pads a drive longer than its image and exposes its contents', async () => {
    const drives = [{ label: 'data', start: 0x90000000n, length: 8192n, data: new Uint8Array([1, 2, 3]) }];
    const m = await Machine.create({ ramLength: 1n << 20n, flashDrives: drives });
    const contents = m.driveContents(0);
    expect(contents.length).toBe(8192);
    expect([...contents.subarray(0, 4)]).toEqual([1, 2, 3, 0]);
    expect(contents.subarray(3).every((b) => b === 0)).toBe(true);
  });

  it('accepts console input only on interactive machines', async () => {
    const m = await Machine.create({ ramLength: 1n << 20n, flashDrives: [] });
    expect(() => m.pushConsoleInput(new Uint8Array([65]))).toThrow(MachineError);
  });
});
