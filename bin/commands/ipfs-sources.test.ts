/**
 * `ipfs://` listing sources and asset uris in the CLI (issue 6), run as the real CLI (a child process through
 * tsx) against the real js-ipfs daemon, a helia trustless gateway, and a tampering gateway: `index`,
 * `listing validate`, `repo add` + `install`, `package install`, `run --package ipfs://…`, and the node down.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultImagesDir } from '../../emulator-wasm/src/boot.node.ts';
import { idOfBytes } from '../../lib/carti/id';
import { parsePackageText } from '../../lib/carti/package';
import { fileBlob } from '../../lib/ipfs/file-blob.node.js';
import { publishMachine, type PublishedMachine } from '../../lib/ipfs/machine';
import { addFile, putDagPbBlock } from '../../lib/ipfs/rpc-client';
import { closedPortUrl, startTamperingGateway, type TestGateway } from '../../lib/ipfs/test-gateways.node.js';
import { directoryBlock, fileCid } from '../../lib/ipfs/unixfs-cid';
import { ensureIpfsNodeInstalled, startIpfsDaemon, type IpfsDaemon } from '../../e2e/ipfs-node/daemon';
import { startTrustlessGateway, type TrustlessGateway } from '../../e2e/ipfs-node/trustless-gateway';

const ENTRY = fileURLToPath(new URL('./publish-test-entry.mjs', import.meta.url));
const images = defaultImagesDir();

let daemon: IpfsDaemon;
let trustless: TrustlessGateway;
let tampering: TestGateway;
let home: string;
let work: string;

const dataBytes = new TextEncoder().encode('bytes listed relative to an IPFS directory '.repeat(20_000));
let dataId: string;
/** A directory D: bundles.json (uri `<id>/data.bin`, relative) and `<id>/data.bin`. */
let relativeDir: string;
/** The default machine (kernel and root file system of setup) published as one IPFS directory. */
let machine: PublishedMachine;

interface Run { code: number; stdout: string; stderr: string }

function cli(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ENTRY, ...args], {
      cwd,
      // No IPFS settings in the environment: each test names its node and gateways with flags.
      env: { ...process.env, HOME: home, CARTI_STUDIO_HOME: join(home, '.carti-studio'), CARTI_STUDIO_IPFS_API: '', CARTI_STUDIO_IPFS_GATEWAYS: '', NODE_OPTIONS: '' },
      timeout: 600_000,
      maxBuffer: 16 << 20,
    }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

async function freshDir(name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function publishRelativeListing(): Promise<string> {
  const file = await fileCid(dataBytes);
  const added = await addFile(daemon.rpcUrl, new Blob([dataBytes]), 'data.bin');
  expect(added.cid.equals(file.cid)).toBe(true);
  const listingText = JSON.stringify({ bundles: [{ bundleType: 'flashdrive', name: 'data', fileName: 'data.bin', id: dataId, version: '1.0.0', uri: `${dataId}/data.bin` }] });
  const listingBytes = new TextEncoder().encode(listingText);
  const listing = await fileCid(listingBytes);
  await addFile(daemon.rpcUrl, new Blob([listingBytes]), 'bundles.json');
  const assetDir = await directoryBlock(new Map([['data.bin', file]]));
  await putDagPbBlock(daemon.rpcUrl, assetDir.bytes);
  const root = await directoryBlock(new Map([['bundles.json', listing], [dataId, assetDir.entry]]));
  await putDagPbBlock(daemon.rpcUrl, root.bytes);
  return root.entry.cid.toString();
}

async function publishDefaultMachine(): Promise<PublishedMachine> {
  const [linux, rootfs] = [await fileBlob(join(images, 'linux.bin')), await fileBlob(join(images, 'rootfs.ext2'))];
  const ramId = await idOfBytes(new Uint8Array(await linux.arrayBuffer()));
  const rootId = await idOfBytes(new Uint8Array(await rootfs.arrayBuffer()));
  const pkg = parsePackageText(JSON.stringify({
    machineConfig: {
      boot: { args: 'echo booted-from-ipfs' },
      ram: { length: '0x4000000', cid: ramId },
      rom: { cid: ramId },
      flash_drive: [{ start: '0x90000000', length: '0x4000000', shared: false, label: 'root', cid: rootId }],
    },
    assets: [{ name: 'default-linux', fileName: 'linux.bin', cid: ramId }, { name: 'default-rootfs', fileName: 'rootfs.ext2', cid: rootId }],
    version: '0.0.0',
  })).value!;
  return publishMachine(daemon.rpcUrl, pkg, [
    { bundle: { bundleType: 'ram', name: 'default-linux', fileName: 'linux.bin', id: ramId, version: '1' }, file: linux },
    { bundle: { bundleType: 'flashdrive', name: 'default-rootfs', fileName: 'rootfs.ext2', id: rootId, version: '1' }, file: rootfs },
  ]);
}

beforeAll(async () => {
  if (!existsSync(join(images, 'linux.bin'))) throw new Error(`default machine images missing in ${images}: run npm run setup`);
  await ensureIpfsNodeInstalled();
  daemon = await startIpfsDaemon();
  trustless = await startTrustlessGateway();
  tampering = await startTamperingGateway(daemon.gatewayUrl, 1000);
  home = await mkdtemp(join(tmpdir(), 'carti-ipfs-src-home-'));
  work = await mkdtemp(join(tmpdir(), 'carti-ipfs-src-work-'));
  dataId = await idOfBytes(dataBytes);
  relativeDir = await publishRelativeListing();
  machine = await publishDefaultMachine();
  await trustless.mirror(daemon.rpcUrl, machine.rootCid);
  await trustless.mirror(daemon.rpcUrl, machine.listingCid);
}, 15 * 60_000);

afterAll(async () => {
  await tampering?.close();
  await trustless?.close();
  await daemon?.stop();
}, 60_000);

describe('ipfs:// listing sources', () => {
  it('index reads a listing directory through a trustless gateway', async () => {
    const run = await cli(work, 'index', `ipfs://${machine.listingCid}`, '--json', '--ipfs-api', '', '--gateway', trustless.url);
    expect(run.code, run.stderr).toBe(0);
    const index = JSON.parse(run.stdout) as { bundles: { bundle: { name: string }; uris: Record<string, string> }[]; sources: { url: string }[] };
    expect(index.bundles.map((entry) => entry.bundle.name).sort()).toEqual(['default-linux', 'default-rootfs']);
    expect(index.sources[0]!.url).toBe(`ipfs://${machine.listingCid}/bundles.json`);
  });

  it('resolves a relative bundle uri inside the listing\'s IPFS directory', async () => {
    const run = await cli(work, 'index', `ipfs://${relativeDir}`, '--json', '--ipfs-api', daemon.rpcUrl);
    expect(run.code, run.stderr).toBe(0);
    const index = JSON.parse(run.stdout) as { bundles: { uris: Record<string, string> }[] };
    expect(Object.values(index.bundles[0]!.uris)).toEqual([`ipfs://${relativeDir}/${dataId}/data.bin`]);
  });

  it('listing validate reads ipfs:// through the node RPC API', async () => {
    const run = await cli(work, 'listing', 'validate', `ipfs://${relativeDir}`, '--ipfs-api', daemon.rpcUrl, '--gateway', await closedPortUrl());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('ok, 1 bundle(s)');
    expect(run.stderr).toContain(`from IPFS node ${daemon.rpcUrl}`);
  });

  it('--trustless-only refuses a plain gateway, naming it', async () => {
    const run = await cli(work, 'listing', 'validate', `ipfs://${machine.listingCid}`, '--ipfs-api', '', '--gateway', daemon.gatewayUrl, '--trustless-only');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`gateway ${daemon.gatewayUrl} ipfs://${machine.listingCid}/bundles.json: answered`);
    expect(run.stderr).toContain('only trustless gateways are accepted');
  });

  it('refuses a malformed ipfs:// source with the reason', async () => {
    const run = await cli(work, 'index', 'ipfs://not-a-cid', '--ipfs-api', daemon.rpcUrl);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('listing source: ipfs://not-a-cid: "not-a-cid" is not a CID');
  });
});

describe('installing ipfs:// assets', () => {
  it('repo add + install: refuses a tampering gateway by name, stores the verified bytes from the next', async () => {
    const cwd = await freshDir('install-tampered');
    const added = await cli(cwd, 'repo', 'add', `ipfs://${relativeDir}`, '--ipfs-api', daemon.rpcUrl);
    expect(added.code, added.stderr).toBe(0);
    const run = await cli(cwd, 'install', 'data', '--ipfs-api', '', '--gateway', tampering.url, '--gateway', daemon.gatewayUrl);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`refused gateway ${tampering.url}: returned other bytes`);
    expect(run.stderr).toContain(`verified data from gateway ${daemon.gatewayUrl}`);
    expect(await idOfBytes(await readFile(join(cwd, 'carti_bundles', dataId, 'data.bin')))).toBe(dataId);
  });

  it('stores nothing when the only gateway tampers', async () => {
    const cwd = await freshDir('install-only-tampered');
    expect((await cli(cwd, 'repo', 'add', `ipfs://${relativeDir}`, '--ipfs-api', daemon.rpcUrl)).code).toBe(0);
    const run = await cli(cwd, 'install', 'data', '--ipfs-api', '', '--gateway', tampering.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`gateway ${tampering.url}: returned other bytes`);
    expect(existsSync(join(cwd, 'carti_bundles', dataId))).toBe(false);
  });

  it('package install ipfs://<machine> takes the package and every asset through a trustless gateway', async () => {
    const cwd = await freshDir('package-install');
    const run = await cli(cwd, 'package', 'install', `ipfs://${machine.rootCid}`, '--ipfs-api', '', '--gateway', trustless.url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('(carti id and IPFS CID, trustless gateway)');
    const pkg = parsePackageText(await readFile(join(cwd, 'carti-machine-package.json'), 'utf8')).value!;
    expect(pkg.repos).toEqual([`ipfs://${machine.listingCid}`]);
    for (const asset of pkg.assets) expect(await idOfBytes(await readFile(join(cwd, 'carti_bundles', asset.cid, asset.fileName)))).toBe(asset.cid);
  });

  it('run --package ipfs://<machine> boots a shared machine from its CID', async () => {
    const cwd = await freshDir('run-shared');
    const run = await cli(cwd, 'run', `--package=ipfs://${machine.rootCid}`, '--ipfs-api=', `--gateway=${trustless.url}`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('booted-from-ipfs');
  }, 600_000);
});

describe('the node down', () => {
  it('names the node and each gateway that could not be reached', async () => {
    const [downNode, downGateway] = [await closedPortUrl(), await closedPortUrl()];
    const run = await cli(work, 'listing', 'validate', `ipfs://${relativeDir}`, '--ipfs-api', downNode, '--gateway', downGateway);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`IPFS node ${downNode} ipfs://${relativeDir}/bundles.json: cannot reach the RPC API`);
    expect(run.stderr).toContain(`gateway ${downGateway} ipfs://${relativeDir}/bundles.json:`);
  });
});
