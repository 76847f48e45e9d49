// The default machine booted by `carti-studio run` in Node: the real guest Linux in the real emulator.
import { beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from './run.ts';
import { defaultImagesDir } from '../../emulator-wasm/src/boot.node.ts';

const haveImages = existsSync(join(defaultImagesDir(), 'linux.bin')) && existsSync(join(defaultImagesDir(), 'rootfs.ext2'));

async function run(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  const chunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  stderr.on('data', (c: Buffer) => errChunks.push(c));
  if (input !== undefined) stdin.end(input);
  const code = await runMain(args, { stdout, stderr, stdin });
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errChunks).toString('utf8') };
}

/** The default images are built by setup (npm run setup); their absence is a failure, not a skip. */
function requireImages(): void {
  if (!haveImages) throw new Error(`default machine images missing in ${defaultImagesDir()}: run npm run setup`);
}

describe('carti-studio run on the default machine', () => {
  beforeAll(requireImages);
  it('prints the kernel line for uname -a and exits 0', async () => {
    const r = await run(['--no-init-splash', '--', 'uname', '-a']);
    expect(r.stdout).toMatch(/Linux \S+ 6\.1\.\d+ .* riscv64/);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Halted\nCycles: \d+/);
  });

  it('exits with the entrypoint exit status', async () => {
    const r = await run(['--no-init-splash', '--', 'sh', '-c', 'exit 7']);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/Halted with payload: 7/);
  });

  it('reads a flash drive by label at /mnt/<label>', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carti-run-'));
    const image = join(dir, 'data.ext2');
    const { execFileSync } = await import('node:child_process');
    const src = join(dir, 'src');
    execFileSync('mkdir', ['-p', src]);
    writeFileSync(join(src, 'hello.txt'), 'hello from a drive\n');
    execFileSync('mke2fs', ['-q', '-t', 'ext2', '-b', '4096', '-d', src, '-E', 'root_owner=0:0', image, '1M']);
    const r = await run(['--no-init-splash', `--flash-drive=label:data,data_filename:${image}`, '--', 'cat', '/mnt/data/hello.txt']);
    expect(r.stdout).toContain('hello from a drive');
    expect(r.code).toBe(0);
  });

  it('is deterministic: the same run gives the same output and mcycle', async () => {
    const a = await run(['--no-init-splash', '--', 'echo', 'same']);
    const b = await run(['--no-init-splash', '--', 'echo', 'same']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(b.stderr);
    expect(a.stderr).toMatch(/Cycles: \d+/);
  });

  it('stops at --max-mcycle', async () => {
    const r = await run(['--max-mcycle=1000000', '--', 'true']);
    expect(r.stderr).toContain('Cycles: 1000000');
  });
});

describe('carti-studio run with an output drive', () => {
  beforeAll(requireImages);
  it('writes a shared drive back to its file when the run ends (created when missing)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carti-out-'));
    const out = join(dir, 'out.bin');
    const r = await run(['--no-init-splash', `--flash-drive=label:out,data_filename:${out},length:2Mi,shared,create,mount:false`, '-u', 'root', '--',
      'echo result=$((6*7)) | dd of=$(flashdrive out) bs=4096 conv=sync 2>/dev/null']);
    expect(r.code).toBe(0);
    const { readFileSync, statSync } = await import('node:fs');
    expect(statSync(out).size).toBe(2 * 1024 * 1024);
    expect(readFileSync(out).subarray(0, 10).toString()).toBe('result=42\n');
  });
});
