/**
 * `carti-studio oci` end to end: a riscv64 busybox image made from the default machine's rootfs (extracted with
 * lib/ext2 into a layer tar, wrapped in a docker save tarball) is imported by the real CLI and boots in the
 * emulator, running its entrypoint; and an image with no shell or init boots thanks to the tools layer.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOfBytes } from '../../lib/carti/id';
import { readExt2Tree } from '../../lib/ext2/reader';
import { e2fsck } from '../../lib/ext2/test-support.node';
import { buildTar } from '../../lib/tar/test-tar';
import { imageTar, treeToLayer } from '../../lib/oci/test-images.node';
import { defaultImagesDir } from '../../emulator-wasm/src/boot.node.ts';
import { runMain } from './run.ts';

const LAUNCHER = fileURLToPath(new URL('../carti-studio.mjs', import.meta.url));
const rootfs = join(defaultImagesDir(), 'rootfs.ext2');
const haveImages = existsSync(join(defaultImagesDir(), 'linux.bin')) && existsSync(rootfs);
const scratch = mkdtempSync(join(tmpdir(), 'oci-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run { code: number; stdout: string; stderr: string }

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LAUNCHER, ...args], { cwd: scratch, env: { ...process.env, HOME: scratch, CARTI_STUDIO_HOME: join(scratch, '.cs'), NODE_OPTIONS: '' }, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

async function boot(args: string[]): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  const code = await runMain(args, { stdout, stderr, stdin: new PassThrough() });
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: Buffer.concat(errors).toString('utf8') };
}

/** The `run:` line printed by `oci`, as arguments (single-quoted words only, as shellQuote writes them). */
function runArgs(stdout: string): string[] {
  const line = stdout.split('\n').find((text) => text.startsWith('run: carti-studio run '))!;
  const words = line.slice('run: carti-studio run '.length).match(/'(?:[^']|'\\'')*'|\S+/g) ?? [];
  return words.map((word) => (word.startsWith("'") ? word.slice(1, -1).replace(/'\\''/g, "'") : word));
}

describe.skipIf(!haveImages)('carti-studio oci on a busybox image made from the default rootfs', () => {
  let imagePath: string;
  beforeAll(async () => {
    const layer = await treeToLayer(await readExt2Tree(readFileSync(rootfs)));
    imagePath = join(scratch, 'busybox-image.tar');
    writeFileSync(imagePath, imageTar([layer], { Entrypoint: ['/bin/sh', '-c'], Cmd: ['echo from-oci; exit 5'], Env: ['GREETING=hi'] }, 'docker25'));
  }, 120_000);

  it('imports it, prints the entrypoint, env, user, tools and the id of a drive that passes e2fsck', async () => {
    const r = await cli('oci', imagePath, 'root.ext2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('entrypoint: ["/bin/sh","-c","echo from-oci; exit 5"]');
    expect(r.stdout).toContain('env: ["GREETING=hi"]');
    expect(r.stdout).toContain('user: (none: runs as root)');
    expect(r.stdout).toContain('tools added: none');
    const drive = readFileSync(join(scratch, 'root.ext2'));
    expect(r.stdout).toContain(`${await idOfBytes(drive)}  root.ext2`);
    expect(e2fsck(join(scratch, 'root.ext2')).status).toBe(0);
  });

  it('boots the imported drive as root and runs the image entrypoint (exit status 5)', async () => {
    const r = await cli('oci', imagePath, 'boot.ext2');
    const args = runArgs(r.stdout).map((arg) => arg.replace('data_filename:boot.ext2', `data_filename:${join(scratch, 'boot.ext2')}`));
    const run = await boot(['--no-init-splash', ...args]);
    expect(run.stdout).toContain('from-oci');
    expect(run.code).toBe(5);
  });

  it('records the settings as metadata.cartiStudio.oci with --record-into', async () => {
    const pkgPath = join(scratch, 'carti-machine-package.json');
    const [ramId, rootId] = await Promise.all([idOfBytes('ram'), idOfBytes('root')]);
    writeFileSync(pkgPath, JSON.stringify({
      machineConfig: { boot: { args: '' }, ram: { length: '0x8000000', cid: ramId }, flash_drive: [{ start: '0x80000000000000', length: '0x1000', shared: false, label: 'root', cid: rootId }] },
      assets: [{ name: 'ram', fileName: 'linux.bin', cid: ramId }, { name: 'root', fileName: 'rootfs.ext2', cid: rootId }],
      version: '0.0.0-development',
    }));
    const r = await cli('oci', imagePath, 'recorded.ext2', '--record-into', pkgPath);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(pkgPath, 'utf8')).metadata.cartiStudio.oci).toEqual({ entrypoint: ['/bin/sh', '-c', 'echo from-oci; exit 5'], env: ['GREETING=hi'] });
  });

  it('refuses the same image built for amd64, naming its platform', async () => {
    const layer = buildTar([{ name: 'etc/motd', content: 'x' }]);
    const path = join(scratch, 'amd64.tar');
    writeFileSync(path, imageTar([layer], { architecture: 'amd64', Cmd: ['sh'] }));
    const r = await cli('oci', path, 'amd64.ext2');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the image is for linux/amd64, not linux/riscv64');
    expect(existsSync(join(scratch, 'amd64.ext2'))).toBe(false);
  });
});

describe.skipIf(!haveImages)('carti-studio oci on an image without shell or init', () => {
  it('adds the tools layer, says so, and the drive boots and runs the entrypoint', async () => {
    const layer = buildTar([{ name: 'etc/', type: '5' }, { name: 'etc/motd', content: 'hello from a scratch image\n' }]);
    const path = join(scratch, 'scratch-image.tar');
    writeFileSync(path, imageTar([layer], { Cmd: ['cat', '/etc/motd'] }, 'oci-nested'));
    const r = await cli('oci', path, 'scratch.ext2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tools added: \/usr\/sbin\/cartesi-init, \/usr\/sbin\/xhalt, \/usr\/bin\/flashdrive, \/bin\/busybox, \d+ busybox applet links, mount points \/dev \/proc \/sys \/tmp \/run \/mnt/);
    const args = runArgs(r.stdout).map((arg) => arg.replace('data_filename:scratch.ext2', `data_filename:${join(scratch, 'scratch.ext2')}`));
    const run = await boot(['--no-init-splash', ...args]);
    expect(run.stdout).toContain('hello from a scratch image');
    expect(run.code).toBe(0);
  });
});
