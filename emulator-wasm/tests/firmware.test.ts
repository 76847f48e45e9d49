// The default machine's own SBI firmware (guest/out/linux.bin, first 2 MiB) on our emulator, with a small
// S-mode payload in place of Linux: misaligned emulation (integer and FP), console, DBCN, time and timer.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine } from '../src/machine';
import { defaultImagesDir } from '../src/boot.node.ts';

const here = fileURLToPath(new URL('./firmware/', import.meta.url));
const FIRMWARE_SPAN = 2 << 20;

function buildPayload(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'fw-payload-'));
  const elf = join(dir, 'payload.elf');
  const bin = join(dir, 'payload.bin');
  execFileSync('riscv64-linux-gnu-gcc', ['-nostdlib', '-nostartfiles', '-march=rv64gc', '-mabi=lp64d', '-T', join(here, 'link.ld'),
    '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments', '-o', elf, join(here, 'payload.S')]);
  execFileSync('riscv64-linux-gnu-objcopy', ['-O', 'binary', elf, bin]);
  return new Uint8Array(readFileSync(bin));
}

describe('default firmware on the emulator', () => {
  it('serves an S-mode payload: misaligned accesses, console, DBCN, rdtime and the SBI timer', async () => {
    const linuxBin = join(defaultImagesDir(), 'linux.bin');
    expect(existsSync(linuxBin), `${linuxBin} is missing: run npm run setup`).toBe(true);
    const firmware = new Uint8Array(readFileSync(linuxBin)).subarray(0, FIRMWARE_SPAN);
    const payload = buildPayload();
    const image = new Uint8Array(FIRMWARE_SPAN + payload.length);
    image.set(firmware, 0);
    image.set(payload, FIRMWARE_SPAN);
    const machine = await Machine.create({ ramLength: 16n << 20n, ramImage: image, flashDrives: [] });
    let output = '';
    const result = machine.run(100_000_000n, (bytes) => { output += new TextDecoder().decode(bytes); });
    expect(output).toContain('ok\n');
    expect(result).toEqual({ kind: 'halted', exitCode: 0 });
  });
});
