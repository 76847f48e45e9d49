// Differential check of the ISA test programs themselves: the sources that do not depend on Cartesi-only
// behaviour run on an independent implementation, qemu-system-riscv64's `spike` machine (RAM at 0x80000000,
// HTIF found through the ELF's tohost/fromhost symbols, exit status = halt code). Built with -DQEMU, which opens
// PMP for S/U (Cartesi has no PMP), disarms QEMU's timer and skips the few checks where QEMU 7.2 differs from
// Cartesi (marked `#ifndef QEMU` in the sources: misaligned accesses, WARL values, interrupt priority, ...).
// A failure here means a test program is wrong, not the emulator.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildIsaTest } from './isa/build';

const QEMU = 'qemu-system-riscv64';
const QEMU_CHECKED_SOURCES = [
  'rv64i-arith', 'rv64i-logic-shift', 'rv64i-branch-jump', 'rv64i-load-store', 'rv64m', 'rv64a-lrsc', 'rv64a-amo',
  'rv64c', 'rv64c-reserved', 'fpu', 'fpu-illegal', 'zicsr', 'trap-ecall', 'trap-access', 'trap-delegation',
  'privilege', 'interrupts', 'interrupts-s', 'mmu-sv39', 'mmu-sv48', 'fetch-straddle', 'golden-tlb-flush',
  'decode-cache',
];

function requireQemu(): void {
  try {
    execFileSync(QEMU, ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(`${QEMU} not found (Debian package qemu-system-misc): run npm run setup`);
  }
}

describe('ISA test programs on qemu-system-riscv64 (differential check of the tests)', () => {
  for (const source of QEMU_CHECKED_SOURCES) {
    it(`${source}.S passes on QEMU`, () => {
      requireQemu();
      const image = buildIsaTest(source, { defines: ['QEMU'] });
      const result = spawnSync(QEMU, ['-M', 'spike', '-bios', 'none', '-kernel', image.elfPath, '-nographic', '-display', 'none'], {
        timeout: 20_000,
        encoding: 'utf8',
      });
      expect(result.error, `${source}: ${String(result.error)}`).toBeUndefined();
      expect(result.status, `${source}.S on QEMU: check ${result.status} failed\n${result.stderr}`).toBe(0);
    });
  }
});
