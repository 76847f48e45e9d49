// The M-mode SBI firmware (guest/firmware, guest/README.md): static checks on the real cross-compiled binary,
// and the misaligned-access emulation compiled for the host against fakes of the M-mode accessors
// (guest/test/misaligned-harness.c), since qemu never traps misaligned accesses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestDir, run } from './test/guest-outputs.node.ts';

const scratch = mkdtempSync(join(tmpdir(), 'carti-firmware-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('firmware binary', () => {
  let disassembly = '';
  let symbols = new Map<string, bigint>();

  beforeAll(() => {
    const build = run('make', ['-s', '-C', `${guestDir}firmware`, `OUT=${scratch}/firmware`]);
    if (build.status !== 0) throw new Error(`firmware build failed:\n${build.stdout}${build.stderr}`);
    const elf = `${scratch}/firmware/firmware.elf`;
    disassembly = run('riscv64-linux-gnu-objdump', ['-d', elf]).stdout;
    symbols = new Map(
      run('riscv64-linux-gnu-nm', [elf]).stdout
        .split('\n')
        .map((line) => line.split(' '))
        .filter((fields) => fields.length === 3)
        .map(([address, , name]) => [name, BigInt(`0x${address}`)]),
    );
  }, 60_000);

  it('starts at 0x80000000 with _start', () => {
    expect(symbols.get('_start')).toBe(0x80000000n);
  });

  it('fits, stack included, in the 512 KiB fw_resv reservation', () => {
    expect(symbols.get('__stack_top')! - 0x80000000n).toBeLessThanOrEqual(512n * 1024n);
  });

  it('never touches PMP CSRs (Cartesi has none)', () => {
    expect(disassembly).not.toMatch(/pmp(cfg|addr)/);
  });

  it('contains no compiler-generated floating-point instructions', () => {
    // The f-register accessors are raw .word entries; anything FP that objdump decodes came from the compiler.
    expect(disassembly).not.toMatch(/\t(f[a-z.]+|fmv[a-z.]*)\s+f?[ats]?\d*,/m);
  });

  it('has a 4-byte aligned trap vector and fault catcher (mtvec direct mode)', () => {
    expect(symbols.get('trap_entry')! % 4n).toBe(0n);
    expect(symbols.get('guard_catch')! % 4n).toBe(0n);
  });
});

describe('misaligned load/store emulation (host build of misaligned.c)', () => {
  const harness = join(scratch, 'misaligned-harness');
  const compile = run('gcc', [
    '-O1', '-Wall', '-Wextra', '-Werror', `-I${guestDir}firmware`,
    `${guestDir}test/misaligned-harness.c`, `${guestDir}firmware/misaligned.c`, '-o', harness,
  ]);
  if (compile.status !== 0) throw new Error(`harness build failed:\n${compile.stderr}`);
  const cases = run(harness, ['--list']).stdout.trim().split('\n');

  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('%s', (name) => {
    const result = run(harness, [name]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
