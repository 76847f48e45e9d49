/**
 * The `publish` and `ipfs` commands run as the real CLI (a child process through tsx), against a real IPFS
 * node (e2e/ipfs-node), a real local HTTP server and temp directories.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOfBytes } from '../../lib/carti/id';
import { send, startServer, type TestServer } from '../../lib/fetch/test-server.node.js';
import { closedPortUrl, startTamperingGateway, type TestGateway } from '../../lib/ipfs/test-gateways.node.js';
import { fileCid } from '../../lib/ipfs/unixfs-cid';
import { ensureIpfsNodeInstalled, startIpfsDaemon, type IpfsDaemon } from '../../e2e/ipfs-node/daemon';

const ENTRY = fileURLToPath(new URL('./publish-test-entry.mjs', import.meta.url));

let daemon: IpfsDaemon;
let tampering: TestGateway;
let server: TestServer;
let home: string;
let work: string;
const dataBytes = new TextEncoder().encode('drive bytes for publishing '.repeat(5000));
let dataId: string;

interface Run { code: number; stdout: string; stderr: string }

function cli(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ENTRY, ...args], {
      cwd,
      env: { ...process.env, HOME: home, CARTI_STUDIO_HOME: join(home, '.carti-studio'), CARTI_STUDIO_ALLOW: server.origin, CARTI_STUDIO_IPFS_API: daemon.rpcUrl, CARTI_STUDIO_IPFS_GATEWAYS: daemon.gatewayUrl, NODE_OPTIONS: '' },
      timeout: 300_000,
    }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

async function freshDir(name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

const listingOf = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as { bundles: { id: string; uri: string; name: string }[] };

beforeAll(async () => {
  await ensureIpfsNodeInstalled();
  daemon = await startIpfsDaemon();
  tampering = await startTamperingGateway(daemon.gatewayUrl);
  dataId = await idOfBytes(dataBytes);
  const tampered = Uint8Array.from(dataBytes);
  tampered[10] = tampered[10]! ^ 1;
  server = await startServer({ '/data.bin': send(dataBytes), '/tampered.bin': send(tampered) });
  home = await mkdtemp(join(tmpdir(), 'carti-publish-home-'));
  work = await mkdtemp(join(tmpdir(), 'carti-publish-work-'));
  await writeFile(join(work, 'data.bin'), dataBytes);
  const bundled = await cli(work, 'bundle', join(work, 'data.bin'), '-t', 'flashdrive', '-n', 'data', '-v', '1.0.0', '--global');
  expect(bundled.code, bundled.stderr).toBe(0);
}, 15 * 60_000);

afterAll(async () => {
  await tampering?.close();
  await server?.close();
  await daemon?.stop();
}, 60_000);

describe('publish ipfs', () => {
  it('adds the file and records an ipfs:// entry in bundles.json', async () => {
    const cwd = await freshDir('ipfs-record');
    const run = await cli(cwd, 'publish', 'ipfs', join(work, 'data.bin'), '-t', 'flashdrive', '-n', 'data', '-v', '1.0.0');
    expect(run.code, run.stderr).toBe(0);
    const listing = await listingOf(join(cwd, 'bundles.json'));
    expect(listing.bundles).toHaveLength(1);
    expect(listing.bundles[0]!.id).toBe(dataId);
    expect(listing.bundles[0]!.uri).toBe(`ipfs://${(await fileCid(dataBytes)).cid}`);
  });

  it('does not duplicate an id already listed', async () => {
    const cwd = await freshDir('ipfs-twice');
    await cli(cwd, 'publish', 'ipfs', join(work, 'data.bin'), '-t', 'flashdrive', '-n', 'data', '-v', '1.0.0');
    const second = await cli(cwd, 'publish', 'ipfs', join(work, 'data.bin'), '-t', 'flashdrive', '-n', 'again', '-v', '2.0.0');
    expect(second.stderr).toContain('already lists');
    expect((await listingOf(join(cwd, 'bundles.json'))).bundles.map((bundle) => bundle.name)).toEqual(['data']);
  });

  it('fails clearly when the node is down, recording nothing', async () => {
    const cwd = await freshDir('ipfs-down');
    const down = await closedPortUrl();
    const run = await cli(cwd, 'publish', 'ipfs', join(work, 'data.bin'), '-t', 'raw', '-n', 'x', '-v', '1', '--ipfs-api', down);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: IPFS node: ${down}: cannot reach the RPC API`);
    expect(existsSync(join(cwd, 'bundles.json'))).toBe(false);
  });
});

describe('ipfs fetch', () => {
  let uri: string;

  beforeAll(async () => {
    const cwd = await freshDir('fetch-source');
    const run = await cli(cwd, 'publish', 'ipfs', join(work, 'data.bin'), '-t', 'flashdrive', '-n', 'data', '-v', '1.0.0', '--no-save');
    uri = (JSON.parse(run.stdout) as { uri: string }).uri;
  }, 300_000);

  it('refuses a tampering gateway by name and writes the bytes from the next', async () => {
    const cwd = await freshDir('fetch-tampered');
    const run = await cli(cwd, 'ipfs', 'fetch', uri, '--id', dataId, '-o', 'out.bin', '--gateway', tampering.url, '--gateway', daemon.gatewayUrl);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`refused gateway ${tampering.url}`);
    expect(await idOfBytes(await readFile(join(cwd, 'out.bin')))).toBe(dataId);
  });

  it('writes nothing when the only gateway tampers', async () => {
    const cwd = await freshDir('fetch-only-tampered');
    const run = await cli(cwd, 'ipfs', 'fetch', uri, '--id', dataId, '-o', 'out.bin', '--gateway', tampering.url);
    expect(run.code).toBe(1);
    expect(existsSync(join(cwd, 'out.bin'))).toBe(false);
  });

  it('fetches through the node RPC API', async () => {
    const cwd = await freshDir('fetch-rpc');
    const run = await cli(cwd, 'ipfs', 'fetch', uri, '--id', dataId, '-o', 'out.bin', '--via', 'rpc');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`from IPFS node ${daemon.rpcUrl}`);
  });

  it('reports a node that is down', async () => {
    const down = await closedPortUrl();
    const run = await cli(work, 'ipfs', 'test', '--ipfs-api', down);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot reach the RPC API');
  });
});

describe('publish disk', () => {
  it('copies into DIR/<id>/<fileName> with a uri that install accepts', async () => {
    const cwd = await freshDir('disk');
    const target = join(cwd, 'shared-store');
    const run = await cli(cwd, 'publish', 'disk', 'data', target);
    expect(run.code, run.stderr).toBe(0);
    const listing = await listingOf(join(cwd, 'bundles.json'));
    expect(listing.bundles[0]!.uri).toBe(join(target, dataId, 'data.bin'));
    expect(JSON.parse(await readFile(join(target, dataId, 'carti-meta.json'), 'utf8')).id).toBe(dataId);
    const consumer = await freshDir('disk-consumer');
    expect((await cli(consumer, 'repo', 'add', join(cwd, 'bundles.json'))).code).toBe(0);
    const install = await cli(consumer, 'install', 'data', '-y');
    expect(install.code, install.stderr).toBe(0);
    expect(await idOfBytes(await readFile(join(consumer, 'carti_bundles', dataId, 'data.bin')))).toBe(dataId);
  });
});

describe('publish uri', () => {
  it('records a URL whose bytes match the id', async () => {
    const cwd = await freshDir('uri-good');
    const run = await cli(cwd, 'publish', 'uri', 'data', `${server.origin}/data.bin`);
    expect(run.code, run.stderr).toBe(0);
    expect((await listingOf(join(cwd, 'bundles.json'))).bundles[0]!.uri).toBe(`${server.origin}/data.bin`);
  });

  it('refuses a URL serving other bytes and records nothing', async () => {
    const cwd = await freshDir('uri-bad');
    const run = await cli(cwd, 'publish', 'uri', 'data', `${server.origin}/tampered.bin`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`expected ${dataId}`);
    expect(existsSync(join(cwd, 'bundles.json'))).toBe(false);
  });
});

describe('publish machine', () => {
  it('prints the root CID and a composer share link carrying it', async () => {
    const cwd = await freshDir('machine');
    const pkg = {
      machineConfig: {
        ram: { length: '0x4000000', cid: dataId },
        flash_drive: [],
        boot: { args: 'console=hvc0' },
      },
      assets: [{ name: 'data', fileName: 'data.bin', cid: dataId }],
      version: '0.0.0',
    };
    await writeFile(join(cwd, 'carti-machine-package.json'), JSON.stringify(pkg));
    const run = await cli(cwd, 'publish', 'machine', 'carti-machine-package.json', '--app-url', 'http://localhost:3000');
    expect(run.code, run.stderr).toBe(0);
    const [uri, link] = run.stdout.trim().split('\n');
    const cid = uri!.replace('ipfs://', '');
    expect(link).toBe(`http://localhost:3000/compose#ipfs=${cid}`);
    const served = await fetch(`${daemon.gatewayUrl}/ipfs/${cid}/${dataId}/data.bin`);
    expect(await idOfBytes(new Uint8Array(await served.arrayBuffer()))).toBe(dataId);
  });
});
