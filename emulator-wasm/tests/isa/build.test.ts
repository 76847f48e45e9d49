// The ISA test builder: a clear error without the cross toolchain, and a cache that rebuilds an image only when
// one of its inputs changes.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsaTest, checkCrossTools, isaBuildDir } from './build';

const sourceDir = mkdtempSync(join(tmpdir(), 'isa-build-test-'));
const name = `zz-build-test-${process.pid}`;

function writeSource(exitCode: number): void {
  writeFileSync(
    join(sourceDir, `${name}.S`),
    `#include "test-macros.h"\n  TEST_START\n  li gp, ${exitCode}\n  j fail\n  TEST_END\n`,
  );
}

afterAll(() => {
  rmSync(sourceDir, { recursive: true, force: true });
  for (const ext of ['elf', 'bin', 'key']) rmSync(join(isaBuildDir, `${name}.${ext}`), { force: true });
});

describe('ISA test builder', () => {
  it('names the missing cross compiler and the setup command', () => {
    expect(() => checkCrossTools('/nonexistent/riscv64-linux-gnu-')).toThrow(
      /\/nonexistent\/riscv64-linux-gnu-gcc not found.*run npm run setup/,
    );
  });

  it('links _start at 0x80000000 and puts it first in the raw image', () => {
    writeSource(3);
    const image = buildIsaTest(name, { sourceDir });
    const elf = readFileSync(image.elfPath);
    expect(elf.readBigUInt64LE(24)).toBe(0x8000_0000n); // e_entry
    // TEST_START begins with `auipc t0, 0` (0x00000297).
    expect(Array.from(image.bytes.subarray(0, 4))).toEqual([0x97, 0x02, 0x00, 0x00]);
  });

  it('reuses the cached image while the source is unchanged and rebuilds when it changes', () => {
    writeSource(3);
    const first = buildIsaTest(name, { sourceDir });
    const firstMtimeMs = statSync(first.binPath).mtimeMs;
    const again = buildIsaTest(name, { sourceDir });
    expect(statSync(again.binPath).mtimeMs).toBe(firstMtimeMs);
    writeSource(5);
    const rebuilt = buildIsaTest(name, { sourceDir });
    expect(Buffer.from(rebuilt.bytes).equals(Buffer.from(first.bytes))).toBe(false);
  });
});
