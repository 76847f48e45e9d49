/** The real CLI, spawned through its launcher, against a real local HTTP server and temp directories. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELLO_ID, idOfBytes } from '../lib/carti/id';
import { runLuaConfig, luaStringField } from '../lib/carti/test-lua.node.js';
import { send, startServer, type TestServer } from '../lib/fetch/test-server.node.js';

const LAUNCHER = fileURLToPath(new URL('./carti-studio.mjs', import.meta.url));
let server: TestServer;
let home: string;

interface Run { code: number; stdout: string; stderr: string }

function cli(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LAUNCHER, ...args], {
      cwd, env: { ...process.env, HOME: home, CARTI_STUDIO_HOME: join(home, '.carti-studio'), CARTI_STUDIO_ALLOW: server.origin, NODE_OPTIONS: '' },
    }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

const record = (name: string, fileName: string, id: string, bundleType = 'flashdrive', uri = `assets/${fileName}`) => ({ bundleType, name, fileName, id, version: '1.0.0', uri });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'carti-cli-home-'));
  const [romId, ramId, rootId] = await Promise.all(['rom-bytes', 'ram-bytes', 'root-bytes'].map((text) => idOfBytes(text)));
  const listing = { bundles: [
    record('hello', 'hello.txt', HELLO_ID),
    record('tampered', 'bad.txt', await idOfBytes('expected')),
    record('default-rom', 'rom.bin', romId!, 'rom'),
    record('default-ram', 'linux.bin', ramId!, 'ram'),
    record('default-root', 'rootfs.ext2', rootId!),
  ] };
  const pkg = {
    machineConfig: { boot: { args: 'ls' }, ram: { length: '0x4000000', cid: ramId }, rom: { cid: romId }, flash_drive: [{ start: '0x8000000000000000', length: '0x1000', shared: false, label: 'root', cid: rootId }] },
    assets: [{ name: 'default-rom', fileName: 'rom.bin', cid: romId }, { name: 'default-ram', fileName: 'linux.bin', cid: ramId }, { name: 'default-root', fileName: 'rootfs.ext2', cid: rootId }],
    version: '0.0.0-development',
  };
  server = await startServer({
    '/bundles.json': send(JSON.stringify(listing, null, 2), 'application/json'),
    '/broken/bundles.json': send('<!DOCTYPE html><html></html>', 'text/html'),
    '/assets/hello.txt': send('hello'),
    '/assets/bad.txt': send('not what was listed'),
    '/assets/rom.bin': send('rom-bytes'),
    '/assets/linux.bin': send('ram-bytes'),
    '/assets/rootfs.ext2': send('root-bytes'),
    '/pkg/carti-machine-package.json': send(JSON.stringify(pkg, null, 2), 'application/json'),
  });
}, 60_000);
afterAll(() => server.close());

const project = () => mkdtemp(join(tmpdir(), 'carti-cli-project-'));

describe('carti-studio CLI', () => {
  it('prints ID  FILE for each file', async () => {
    const dir = await project();
    await writeFile(join(dir, 'hello.txt'), 'hello');
    const run = await cli(dir, 'id', 'hello.txt');
    expect(run).toMatchObject({ code: 0, stdout: `${HELLO_ID}  hello.txt\n` });
  });

  it('fails on a missing file with the error on stderr', async () => {
    const run = await cli(await project(), 'id', 'missing.bin');
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: missing\.bin: \(file\): ENOENT/);
  });

  it('validates listings: exit 0 when valid, every error otherwise', async () => {
    const dir = await project();
    await writeFile(join(dir, 'good.json'), JSON.stringify({ bundles: [record('hello', 'hello.txt', HELLO_ID)] }));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ bundles: [record('a', 'a', 'fake'), { ...record('b', 'b', HELLO_ID), bundleType: 'disk' }] }));
    expect((await cli(dir, 'listing', 'validate', 'good.json')).code).toBe(0);
    const bad = await cli(dir, 'listing', 'validate', 'bad.json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.json: bundles[0].id:');
    expect(bad.stderr).toContain('bad.json: bundles[1].bundleType:');
  });

  it('adds, lists, updates and removes listing sources, persisted in the config', async () => {
    const dir = await project();
    const source = `${server.origin}/bundles.json`;
    expect((await cli(dir, 'repo', 'add', source)).stdout).toBe(`added ${source}: 5 bundle(s)\n`);
    expect((await cli(dir, 'repo', 'list')).stdout).toBe(`${source}\n`);
    expect((await cli(dir, 'repo', 'update')).stdout).toBe(`${source}: ok, 5 bundle(s)\n`);
    const config = JSON.parse(await readFile(join(home, '.carti-studio', 'config.json'), 'utf8'));
    expect(config.sources).toEqual([source]);
    expect((await cli(dir, 'repo', 'rm', source)).code).toBe(0);
    expect((await cli(dir, 'repo', 'list')).stdout).toBe('');
  });

  it('refuses to add an HTML page as a listing, suggesting the raw URL', async () => {
    const run = await cli(await project(), 'repo', 'add', `${server.origin}/broken/bundles.json`);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/HTML page, not a JSON listing.*raw/);
  });

  it('prints the merged index as JSON with an error row for a broken source', async () => {
    const run = await cli(await project(), 'index', `${server.origin}/bundles.json`, `${server.origin}/broken/bundles.json`, '--json');
    const index = JSON.parse(run.stdout);
    expect(index.bundles).toHaveLength(5);
    expect(index.sources.map((s: { ok: boolean }) => s.ok)).toEqual([true, false]);
    expect(run.code).toBe(1);
  });

  it('prints the index as a table', async () => {
    const run = await cli(await project(), 'index', `${server.origin}/bundles.json`);
    expect(run.stdout.split('\n')[0]).toMatch(/^TYPE\s+NAME\s+VERSION\s+ID\s+ORIGINS$/);
    expect(run.stdout).toContain(HELLO_ID);
  });

  it('installs by name into ./carti_bundles, verified, then get/which/list find it', async () => {
    const dir = await project();
    await cli(dir, 'repo', 'add', `${server.origin}/bundles.json`);
    const install = await cli(dir, 'install', 'hello');
    expect(install.code).toBe(0);
    const path = join(dir, 'carti_bundles', HELLO_ID, 'hello.txt');
    expect(await readFile(path, 'utf8')).toBe('hello');
    expect((await cli(dir, 'get', 'hello', '--path')).stdout.trim()).toBe(path);
    expect((await cli(dir, 'which', 'hello')).stdout).toBe(`hello:${HELLO_ID}:1.0.0:${path}\n`);
    expect((await cli(dir, 'list')).stdout).toBe(`@flashdrive/hello:1.0.0:${HELLO_ID}:local\n`);
    expect((await cli(dir, 'list', '--all')).stdout).toContain(`${server.origin}/assets/rom.bin`);
  });

  it('refuses a tampered download, showing both ids, and leaves nothing', async () => {
    const dir = await project();
    await cli(dir, 'repo', 'add', `${server.origin}/bundles.json`);
    const run = await cli(dir, 'install', 'tampered');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(await idOfBytes('expected'));
    expect(run.stderr).toContain(await idOfBytes('not what was listed'));
    expect(await readdir(join(dir, 'carti_bundles'))).toEqual([]);
  });

  it('bundles a local file and prints its record', async () => {
    const dir = await project();
    await writeFile(join(dir, 'data.ext2'), 'hello');
    const run = await cli(dir, 'bundle', 'data.ext2', '--type', 'flashdrive', '--name', 'data', '--version', '0.1.0', '--description', 'demo');
    expect(JSON.parse(run.stdout)).toEqual({ bundleType: 'flashdrive', name: 'data', fileName: 'data.ext2', id: HELLO_ID, version: '0.1.0' });
    expect(run.stderr).toBe(`bundled: data as ${HELLO_ID}\n`);
  });

  it('composes a legacy package and exports Lua that lua5.4 loads', async () => {
    const dir = await project();
    await cli(dir, 'repo', 'add', `${server.origin}/bundles.json`);
    expect((await cli(dir, 'package', 'init', '--legacy')).code).toBe(0);
    expect((await cli(dir, 'package', 'add', 'flash', '-m', 'output', '-l', '0x1000', '--shared')).code).toBe(0);
    expect((await cli(dir, 'package', 'add', 'boot', 'echo "]] os.exit(1) --" > x')).code).toBe(0);
    const lua = await cli(dir, 'package', 'lua');
    expect(lua.code).toBe(0);
    const loaded = runLuaConfig(lua.stdout);
    expect(loaded.status).toBe(0);
    expect(loaded.fields.get('config.rom.bootargs')).toBe(luaStringField('console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet mtdparts=flash.0:-(root);flash.1:-(output) -- echo "]] os.exit(1) --" > x'));
    expect(loaded.fields.get('config.flash_drive.2.shared')).toBe('true');
    const bootargs = await cli(dir, 'package', 'bootargs');
    expect(bootargs.stdout).toContain('mtdparts=flash.0:-(root);flash.1:-(output) -- echo "]] os.exit(1) --" > x');
    expect((await cli(dir, 'package', 'rm', 'flash', 'output')).code).toBe(0);
    const pkg = JSON.parse(await readFile(join(dir, 'carti-machine-package.json'), 'utf8'));
    expect(pkg.machineConfig.flash_drive.map((d: { label: string }) => d.label)).toEqual(['root']);
  });

  it('reports package edits that break a rule', async () => {
    const dir = await project();
    await cli(dir, 'repo', 'add', `${server.origin}/bundles.json`);
    await cli(dir, 'package', 'init', '--legacy');
    const run = await cli(dir, 'package', 'add', 'flash', '-m', 'root', '-l', '0x1000');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already exists/);
  });

  it('builds a v0.21 package, its JSON config and cartesi-machine command line', async () => {
    const dir = await project();
    await cli(dir, 'repo', 'add', `${server.origin}/bundles.json`);
    await cli(dir, 'install', 'default-root');
    expect((await cli(dir, 'package', 'init', '--ram', 'default-ram', '--root', 'default-root')).code).toBe(0);
    const config = JSON.parse((await cli(dir, 'package', 'config')).stdout);
    expect(config.flash_drive[0].label).toBe('root');
    expect(config.flash_drive[0].start).toBe(0x88000000);
    const line = (await cli(dir, 'package', 'cli')).stdout;
    expect(line).toMatch(/^cartesi-machine --ram-image=\S+linux\.bin /);
    expect((await cli(dir, 'package', 'bootargs')).stdout).toContain('root=/dev/pmem0');
  });

  it('installs a package from a URL with every asset verified', async () => {
    const dir = await project();
    await cli(dir, 'repo', 'add', `${server.origin}/bundles.json`);
    const run = await cli(dir, 'package', 'install', `${server.origin}/pkg/carti-machine-package.json`);
    expect(run.code).toBe(0);
    expect((await readdir(join(dir, 'carti_bundles'))).filter((n) => n.startsWith('baenrwi'))).toHaveLength(3);
    expect(JSON.parse(await readFile(join(dir, 'carti-machine-package.json'), 'utf8')).version).toBe('0.0.0-development');
    const deps = await cli(dir, 'package', 'deps');
    expect(deps.stdout.split('\n').filter(Boolean).every((line) => line.includes(`local  ${server.origin}/bundles.json`))).toBe(true);
  });

  it('answers --help with usage and exit 0 (spawned)', async () => {
    const dir = await project();
    for (const command of [[], ['package', 'add', 'flash'], ['repo', 'add']]) {
      const run = await cli(dir, ...command, '--help');
      expect(run.code, command.join(' ')).toBe(0);
      expect(run.stdout, command.join(' ')).toMatch(/^Usage: carti-studio/);
    }
  });

  it('gives every command a description and a --help', async () => {
    const { buildProgram } = await import('./cli');
    const walk = (command: import('commander').Command, path: string[]): string[][] =>
      [path, ...command.commands.flatMap((sub) => walk(sub, [...path, sub.name()]))];
    const paths = walk(buildProgram(), []);
    expect(paths.length).toBeGreaterThan(25);
    const program = buildProgram();
    for (const path of paths.slice(1)) {
      let command = program;
      for (const name of path) command = command.commands.find((sub) => sub.name() === name)!;
      expect(command.description(), path.join(' ')).not.toBe('');
      expect(command.helpInformation(), path.join(' ')).toMatch(new RegExp(`^Usage: carti-studio ${path.join(' ')}`));
    }
  });

  it('installs from a local listing directory with relative uris', async () => {
    const dir = await project();
    await mkdir(join(dir, 'listing', 'files'), { recursive: true });
    await writeFile(join(dir, 'listing', 'files', 'hello.txt'), 'hello');
    await writeFile(join(dir, 'listing', 'bundles.json'), JSON.stringify({ bundles: [record('local-hello', 'hello.txt', HELLO_ID, 'flashdrive', 'files/hello.txt')] }));
    expect((await cli(dir, 'repo', 'add', join(dir, 'listing'))).code).toBe(0);
    const run = await cli(dir, 'get', 'local-hello', '--relative');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`carti_bundles/${HELLO_ID}/hello.txt\n`);
  });

  it('runs from another working directory (the launcher finds its files)', async () => {
    await mkdir(join(home, 'elsewhere'), { recursive: true });
    expect((await cli(join(home, 'elsewhere'), '--version')).stdout).toBe('0.1.0\n');
  });
});
