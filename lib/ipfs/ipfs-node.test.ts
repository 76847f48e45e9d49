/**
 * Integration tests against a real IPFS node (the js-ipfs daemon of e2e/ipfs-node, offline, own repo and
 * loopback ports): publish, fetch through the RPC API and through the gateway, verify; hostile gateways.
 */
import { CID } from 'multiformats/cid';
import { base58btc } from 'multiformats/bases/base58';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOfBytes } from '../carti/id';
import { parsePackageText } from '../carti/package';
import type { CartiPackage } from '../carti/types';
import type { DownloadSink } from '../fetch/download';
import { ensureIpfsNodeInstalled, startIpfsDaemon, type IpfsDaemon } from '../../e2e/ipfs-node/daemon';
import { fetchIpfsVerified } from './fetch';
import { fetchIpfsListing } from './listing';
import { publishMachine, PACKAGE_FILE } from './machine';
import { publishFile } from './publish';
import { cat, nodeVersion } from './rpc-client';
import { ipfsAllowList, type IpfsSettings } from './settings';
import { closedPortUrl, startBrokenGateway, startTamperingGateway, type TestGateway } from './test-gateways.node';
import { DAG_PB_CODEC, fileCid, UNIXFS_PARAMETERS } from './unixfs-cid';
import { send, startServer } from '../fetch/test-server.node';

let daemon: IpfsDaemon;
let tampering: TestGateway;
let broken: TestGateway;

function patterned(lengthBytes: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(lengthBytes);
  for (let index = 0; index < lengthBytes; index++) bytes[index] = (index * 13 + seed + (index >> 10)) & 0xff;
  return bytes;
}

function settings(gateways: string[]): IpfsSettings {
  return { rpcUrl: daemon.rpcUrl, gateways };
}

function fetchOptionsFor(gateways: string[]) {
  const chosen = settings(gateways);
  return { settings: chosen, allowList: ipfsAllowList(chosen) };
}

/** A memory sink that records whether it was ever committed. */
function watchedSink() {
  const state = { committed: false, aborted: 0 };
  let chunks: Uint8Array[] = [];
  const sink: DownloadSink<Uint8Array> = {
    write: (chunk) => void chunks.push(chunk),
    commit: () => { state.committed = true; return Buffer.concat(chunks); },
    abort: () => { state.aborted++; chunks = []; },
  };
  return { sink, state };
}

/** `pin/ls` answers `{ Keys: { <cid in any base>: { Type } } }`. */
async function pinnedRecursively(cid: CID): Promise<boolean> {
  const response = await fetch(`${daemon.rpcUrl}/api/v0/pin/ls?arg=${cid}&type=recursive`, { method: 'POST' });
  const value = (await response.json()) as { Keys?: Record<string, { Type: string }> };
  return Object.entries(value.Keys ?? {}).some(([key, pin]) => CID.parse(key, key.startsWith('z') ? base58btc : undefined).equals(cid) && pin.Type === 'recursive');
}

async function publishBytes(bytes: Uint8Array<ArrayBuffer>, name: string) {
  return publishFile(daemon.rpcUrl, { file: new Blob([bytes]), fileName: `${name}.bin`, bundleType: 'flashdrive', name, version: '1.0.0' });
}

beforeAll(async () => {
  await ensureIpfsNodeInstalled();
  daemon = await startIpfsDaemon();
  tampering = await startTamperingGateway(daemon.gatewayUrl);
  broken = await startBrokenGateway();
}, 15 * 60_000);

afterAll(async () => {
  await tampering?.close();
  await broken?.close();
  await daemon?.stop();
}, 60_000);

describe('publishFile', () => {
  it('records the carti id and an ipfs:// uri naming the CID the node computed', async () => {
    const bytes = patterned(3 * UNIXFS_PARAMETERS.chunkSizeBytes + 99, 1);
    const published = await publishBytes(bytes, 'three-chunks');
    expect(published.bundle.id).toBe(await idOfBytes(bytes));
    expect(published.bundle.uri).toBe(`ipfs://${(await fileCid(bytes)).cid}`);
  });

  it('agrees with the node on a two-level tree (more than 174 chunks)', async () => {
    const published = await publishBytes(patterned(UNIXFS_PARAMETERS.maxChildrenPerNode * UNIXFS_PARAMETERS.chunkSizeBytes + 1, 14), 'two-levels');
    expect(published.cid.code).toBe(DAG_PB_CODEC);
  });

  it('refuses a node that stores the file under another CID', async () => {
    const other = (await fileCid(patterned(10, 99))).cid.toString();
    const liar = await startServer({ '/api/v0/add': send(`${JSON.stringify({ Name: 'x', Hash: other, Size: '10' })}\n`, 'application/json') });
    try {
      await expect(publishFile(liar.origin, { file: new Blob([patterned(10, 1)]), fileName: 'x', bundleType: 'raw', name: 'x', version: '1' }))
        .rejects.toMatchObject({ code: 'cid-mismatch' });
    } finally {
      await liar.close();
    }
  });

  it('pins what it publishes', async () => {
    const published = await publishBytes(patterned(1000, 2), 'pinned');
    expect(await pinnedRecursively(published.cid)).toBe(true);
  });

  it('reports hashing and uploading progress', async () => {
    const phases = new Set<string>();
    await publishFile(daemon.rpcUrl, { file: new Blob([patterned(600_000, 3)]), fileName: 'p.bin', bundleType: 'raw', name: 'p', version: '1' },
      { onProgress: (progress) => phases.add(progress.phase) });
    expect([...phases].sort()).toEqual(['hashing', 'uploading']);
  });
});

describe('fetchIpfsVerified', () => {
  it('fetches and verifies a published file through the RPC API', async () => {
    const bytes = patterned(700_000, 4);
    const published = await publishBytes(bytes, 'via-rpc');
    const download = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, { ...fetchOptionsFor([]), viaRpc: true });
    expect(download.source).toBe(`IPFS node ${daemon.rpcUrl}`);
    expect(Buffer.compare(Buffer.from(download.result), Buffer.from(bytes))).toBe(0);
  });

  it('reports progress while reading through the RPC API', async () => {
    const published = await publishBytes(patterned(800_000, 15), 'rpc-progress');
    let lastBytes = 0;
    await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, { ...fetchOptionsFor([]), viaRpc: true, onProgress: (event) => { lastBytes = event.receivedBytes; } });
    expect(lastBytes).toBe(800_000);
  });

  it('fetches through the gateway and checks the IPFS CID as well as the carti id', async () => {
    const bytes = patterned(900_000, 5);
    const published = await publishBytes(bytes, 'via-gateway');
    const download = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, fetchOptionsFor([daemon.gatewayUrl]));
    expect(download.source).toBe(`gateway ${daemon.gatewayUrl}`);
    expect(download.cidVerified).toBe(true);
    expect(download.sizeBytes).toBe(bytes.byteLength);
  });

  it('refuses a tampering gateway by name and takes the next one', async () => {
    const published = await publishBytes(patterned(5000, 6), 'tampered');
    const refused: string[] = [];
    const download = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, {
      ...fetchOptionsFor([tampering.url, daemon.gatewayUrl]),
      onAttemptFailed: (source, error) => refused.push(`${source} ${error.code}`),
    });
    expect(refused).toEqual([`gateway ${tampering.url} id-mismatch`]);
    expect(download.source).toBe(`gateway ${daemon.gatewayUrl}`);
  });

  it('falls back past a gateway that fails', async () => {
    const published = await publishBytes(patterned(4000, 7), 'fallback');
    const download = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, fetchOptionsFor([broken.url, daemon.gatewayUrl]));
    expect(broken.requests.length).toBeGreaterThan(0);
    expect(download.source).toBe(`gateway ${daemon.gatewayUrl}`);
  });

  it('keeps nothing when every source returns other bytes', async () => {
    const published = await publishBytes(patterned(3000, 8), 'all-bad');
    const { sink, state } = watchedSink();
    await expect(fetchIpfsVerified(published.bundle.uri!, published.bundle.id, { ...fetchOptionsFor([tampering.url, broken.url]), sinkFactory: () => sink }))
      .rejects.toMatchObject({ code: 'ipfs-unavailable', message: expect.stringContaining(`gateway ${tampering.url}: returned other bytes`) });
    expect(state.committed).toBe(false);
    expect(state.aborted).toBe(2);
  });

  it('refuses bytes whose carti id differs even from an honest gateway', async () => {
    const published = await publishBytes(patterned(2000, 9), 'wrong-id');
    const otherId = await idOfBytes('something else');
    await expect(fetchIpfsVerified(published.bundle.uri!, otherId, fetchOptionsFor([daemon.gatewayUrl]))).rejects.toMatchObject({ code: 'ipfs-unavailable' });
  });
});

describe('the node down', () => {
  it('gives node-unreachable naming the RPC URL', async () => {
    const downUrl = await closedPortUrl();
    await expect(nodeVersion(downUrl)).rejects.toMatchObject({ code: 'node-unreachable', message: expect.stringContaining(`IPFS node: ${downUrl}: cannot reach the RPC API`) });
  });

  it('makes publishing fail before anything is recorded', async () => {
    const downUrl = await closedPortUrl();
    await expect(publishFile(downUrl, { file: new Blob([patterned(10, 1)]), fileName: 'x', bundleType: 'raw', name: 'x', version: '1' }))
      .rejects.toMatchObject({ code: 'node-unreachable' });
  });

  it('gives rpc-error with the node\'s own message when the node refuses a call (through kubo-rpc-client)', async () => {
    const published = await publishBytes(patterned(10, 16), 'file-not-dir');
    await expect(cat(daemon.rpcUrl, `/ipfs/${published.cid}/below`)).rejects.toMatchObject({
      code: 'rpc-error', message: expect.stringMatching(new RegExp(`^IPFS node: ${daemon.rpcUrl} /api/v0/cat: HTTP 500: \\S`)),
    });
  });

  it('answers version when it is up', async () => {
    expect(await nodeVersion(daemon.rpcUrl)).toMatch(/^\d+\.\d+/);
  });
});

describe('publishMachine', () => {
  const kernel = patterned(300_000, 10);
  const rootfs = patterned(1_100_000, 11);
  let pkg: CartiPackage;
  let machine: Awaited<ReturnType<typeof publishMachine>>;

  beforeAll(async () => {
    const [kernelId, rootId] = [await idOfBytes(kernel), await idOfBytes(rootfs)];
    const text = JSON.stringify({
      machineConfig: {
        ram: { length: '0x4000000', cid: kernelId },
        flash_drive: [{ label: 'root', cid: rootId, start: '0x80000000000000', length: '0x200000', shared: false }],
        boot: { args: 'console=hvc0' },
      },
      assets: [{ name: 'kernel', fileName: 'linux.bin', cid: kernelId }, { name: 'root', fileName: 'rootfs.ext2', cid: rootId }],
      version: '0.0.0',
    });
    const parsed = parsePackageText(text);
    expect(parsed.errors).toEqual([]);
    pkg = parsed.value!;
    machine = await publishMachine(daemon.rpcUrl, pkg, [
      { bundle: { bundleType: 'ram', name: 'kernel', fileName: 'linux.bin', id: kernelId, version: '1' }, file: new Blob([kernel]) },
      { bundle: { bundleType: 'flashdrive', name: 'root', fileName: 'rootfs.ext2', id: rootId, version: '1' }, file: new Blob([rootfs]) },
    ]);
  }, 300_000);

  it('names the listing directory in the package repos', async () => {
    const response = await fetch(`${daemon.gatewayUrl}/ipfs/${machine.rootCid}/${PACKAGE_FILE}`);
    const shared = parsePackageText(await response.text());
    expect(shared.value?.repos).toEqual([`ipfs://${machine.listingCid}`]);
  });

  it('serves each asset at <id>/<fileName> under the root', async () => {
    const rootId = pkg.assets[1]!.cid;
    const response = await fetch(`${daemon.gatewayUrl}/ipfs/${machine.rootCid}/${rootId}/rootfs.ext2`);
    expect(await idOfBytes(new Uint8Array(await response.arrayBuffer()))).toBe(rootId);
  });

  it('makes the repos directory a listing source whose uris fetch and verify', async () => {
    const chosen = settings([daemon.gatewayUrl]);
    const loaded = await fetchIpfsListing(`ipfs://${machine.listingCid}`, chosen, { allowList: ipfsAllowList(chosen) });
    if (!('result' in loaded)) throw loaded.error;
    const bundles = loaded.result.value.bundles;
    expect(bundles.map((bundle) => bundle.name)).toEqual(['kernel', 'root']);
    const download = await fetchIpfsVerified(bundles[0]!.uri!, bundles[0]!.id, fetchOptionsFor([daemon.gatewayUrl]));
    expect(download.sizeBytes).toBe(kernel.byteLength);
  });

  it('pins the whole directory', async () => {
    expect(await pinnedRecursively(machine.rootCid)).toBe(true);
  });

  it('refuses a package whose asset has no file', async () => {
    await expect(publishMachine(daemon.rpcUrl, pkg, [])).rejects.toMatchObject({ code: 'missing-asset' });
  });
});

describe('fetchIpfsListing', () => {
  it('reads a bundles.json published as a single file', async () => {
    const bytes = patterned(100, 12);
    const published = await publishBytes(bytes, 'listed');
    const listingText = JSON.stringify({ bundles: [{ ...published.bundle }] });
    const listing = await publishFile(daemon.rpcUrl, { file: new Blob([listingText]), fileName: 'bundles.json', bundleType: 'raw', name: 'listing', version: '1' });
    const chosen = settings([daemon.gatewayUrl]);
    const loaded = await fetchIpfsListing(`ipfs://${listing.cid}`, chosen, { allowList: ipfsAllowList(chosen) });
    if (!('result' in loaded)) throw loaded.error;
    expect(loaded.result.value.bundles[0]?.id).toBe(published.bundle.id);
  });

  it('gives an error row when no gateway answers', async () => {
    const published = await publishBytes(patterned(50, 13), 'unlisted');
    const loaded = await fetchIpfsListing(`ipfs://${published.cid}`, settings([broken.url]), { allowList: [new URL(broken.url).origin] });
    expect('error' in loaded && loaded.error.code).toBe('ipfs-unavailable');
  });
});
