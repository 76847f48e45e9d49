/** `carti-studio compose`: the real CLI, spawned through its launcher, on drives built in the test. */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { idOfBytes } from '../../lib/carti/id';
import { FileTree } from '../../lib/ext2/tree';
import { readExt2Tree } from '../../lib/ext2/reader';
import { writeExt2ToBytes } from '../../lib/ext2/writer';
import { e2fsck } from '../../lib/ext2/test-support.node';

const LAUNCHER = fileURLToPath(new URL('../carti-studio.mjs', import.meta.url));

interface Run { code: number; stdout: string; stderr: string }

function cli(cwd: string, home: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LAUNCHER, ...args], { cwd, env: { ...process.env, HOME: home, CARTI_STUDIO_HOME: join(home, '.carti-studio'), NODE_OPTIONS: '' } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

/** A project directory with an ext2 drive and a GNU tar archive that share /etc/motd. */
async function project(motdInTar = 'welcome\n'): Promise<{ dir: string; home: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'compose-cli-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const tree = new FileTree();
  tree.addFile('/etc/motd', new TextEncoder().encode('welcome\n'));
  tree.addFile('/bin/tool', new TextEncoder().encode('#!/bin/sh\necho tool\n'), { mode: 0o755 });
  writeFileSync(join(dir, 'base.ext2'), await writeExt2ToBytes(tree));
  const src = join(dir, 'src');
  mkdirSync(join(src, 'etc'), { recursive: true });
  mkdirSync(join(src, 'data'));
  writeFileSync(join(src, 'etc', 'motd'), motdInTar);
  writeFileSync(join(src, 'data', 'numbers.txt'), '1 2 3\n');
  execFileSync('tar', ['--format=gnu', '--owner=0', '--group=0', '--numeric-owner', '--sort=name', '--mode=go-w', '-C', src, '-cf', join(dir, 'data.tar'), 'etc', 'data']);
  return { dir, home };
}

async function minimalPackage(dir: string): Promise<string> {
  const [romId, ramId, rootId] = await Promise.all(['rom', 'ram', 'root'].map((text) => idOfBytes(text)));
  const pkg = {
    machineConfig: { boot: { args: 'ls' }, ram: { length: '0x4000000', cid: ramId }, rom: { cid: romId }, flash_drive: [{ start: '0x8000000000000000', length: '0x1000', shared: false, label: 'root', cid: rootId }] },
    assets: [{ name: 'default-rom', fileName: 'rom.bin', cid: romId }, { name: 'default-ram', fileName: 'linux.bin', cid: ramId }, { name: 'default-root', fileName: 'rootfs.ext2', cid: rootId }],
    version: '0.0.0-development',
  };
  const path = join(dir, 'carti-machine-package.json');
  writeFileSync(path, JSON.stringify(pkg, null, 2));
  return path;
}

describe('carti-studio compose', () => {
  it('writes one drive with both sources, prints its id and the record', async () => {
    const { dir, home } = await project();
    const r = await cli(dir, home, 'compose', 'out.ext2', 'base.ext2', 'data.tar');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const image = readFileSync(join(dir, 'out.ext2'));
    const id = await idOfBytes(image);
    expect(r.stdout.split('\n')[0]).toBe(`${id}  out.ext2`);
    const record = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    expect(record).toMatchObject({ outputId: id, policy: 'error', writerVersion: '1' });
    expect(record.sources).toEqual([await idOfBytes(readFileSync(join(dir, 'base.ext2'))), await idOfBytes(readFileSync(join(dir, 'data.tar')))]);
    const tree = await readExt2Tree(image);
    expect(tree.get('/data/numbers.txt')?.kind).toBe('file');
    expect(tree.get('/bin/tool')?.kind).toBe('file');
    expect(e2fsck(join(dir, 'out.ext2')).status).toBe(0);
  });

  it('fails listing the conflict unless --later-wins, and writes nothing', async () => {
    const { dir, home } = await project('different\n');
    const r = await cli(dir, home, 'compose', 'out.ext2', 'base.ext2', 'data.tar');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/etc/motd: base.ext2 vs data.tar');
    expect(() => readFileSync(join(dir, 'out.ext2'))).toThrow();
    const wins = await cli(dir, home, 'compose', 'out.ext2', 'base.ext2', 'data.tar', '--later-wins');
    expect(wins.code).toBe(0);
    expect(wins.stderr).toContain('replaced /etc/motd: base.ext2 by data.tar');
  });

  it('records the composition in a package and --check confirms it from the store', async () => {
    const { dir, home } = await project();
    const pkg = await minimalPackage(dir);
    for (const [file, name] of [['base.ext2', 'base'], ['data.tar', 'data']]) {
      expect((await cli(dir, home, 'bundle', file, '-t', 'flash', '-n', name, '-v', '1.0.0')).code).toBe(0);
    }
    const made = await cli(dir, home, 'compose', 'out.ext2', 'base.ext2', 'data.tar', '--record-into', pkg);
    expect(made.code).toBe(0);
    const recorded = JSON.parse(readFileSync(pkg, 'utf8')).metadata.cartiStudio.compositions[0];
    const checked = await cli(dir, home, 'compose', '--check', pkg);
    expect(checked.stdout).toContain(`ok  ${recorded.outputId}`);
    expect(checked.code).toBe(0);
  });

  it('--check reports a recorded id the rebuild does not reproduce', async () => {
    const { dir, home } = await project();
    const pkg = await minimalPackage(dir);
    for (const [file, name] of [['base.ext2', 'base'], ['data.tar', 'data']]) await cli(dir, home, 'bundle', file, '-t', 'flash', '-n', name, '-v', '1.0.0');
    await cli(dir, home, 'compose', 'out.ext2', 'base.ext2', 'data.tar', '--record-into', pkg);
    const json = JSON.parse(readFileSync(pkg, 'utf8'));
    json.metadata.cartiStudio.compositions[0].options.freeBytes = 4096;
    writeFileSync(pkg, JSON.stringify(json));
    const checked = await cli(dir, home, 'compose', '--check', pkg);
    expect(checked.stdout).toMatch(/MISMATCH .*the rebuilt drive has id/);
    expect(checked.code).toBe(1);
  });
});
