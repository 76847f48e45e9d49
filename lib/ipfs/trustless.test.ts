/**
 * Trustless gateway verification against real components: the js-ipfs daemon (publishing), a helia 7
 * trustless gateway (e2e/ipfs-node/trustless-gateway.ts) serving raw blocks, and tampering/broken gateways
 * in front. Every block is checked against its CID and the file rebuilt from the DAG.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOfBytes } from '../carti/id';
import type { CartiPackage } from '../carti/types';
import { parsePackageText } from '../carti/package';
import type { DownloadSink } from '../fetch/download';
import { ensureIpfsNodeInstalled, startIpfsDaemon, type IpfsDaemon } from '../../e2e/ipfs-node/daemon';
import { startTrustlessGateway, type TrustlessGateway } from '../../e2e/ipfs-node/trustless-gateway';
import { fetchIpfsVerified } from './fetch';
import { fetchIpfsListing } from './listing';
import { publishMachine } from './machine';
import { publishFile } from './publish';
import { ipfsAllowList, type IpfsSettings } from './settings';
import { startTamperingGateway, type TestGateway } from './test-gateways.node';
import { fileCid, UNIXFS_PARAMETERS } from './unixfs-cid';

let daemon: IpfsDaemon;
let trustless: TrustlessGateway;
let tampering: TestGateway;

function patterned(lengthBytes: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(lengthBytes);
  for (let index = 0; index < lengthBytes; index++) bytes[index] = (index * 31 + seed + (index >> 12)) & 0xff;
  return bytes;
}

function optionsFor(gateways: string[]) {
  const settings: IpfsSettings = { rpcUrl: daemon.rpcUrl, gateways };
  return { settings, allowList: ipfsAllowList(settings) };
}

async function publishAndMirror(bytes: Uint8Array<ArrayBuffer>, name: string) {
  const published = await publishFile(daemon.rpcUrl, { file: new Blob([bytes]), fileName: `${name}.bin`, bundleType: 'flashdrive', name, version: '1' });
  await trustless.mirror(daemon.rpcUrl, published.cid);
  return published;
}

beforeAll(async () => {
  await ensureIpfsNodeInstalled();
  daemon = await startIpfsDaemon();
  trustless = await startTrustlessGateway();
  tampering = await startTamperingGateway(trustless.url, 100);
}, 15 * 60_000);

afterAll(async () => {
  await tampering?.close();
  await trustless?.close();
  await daemon?.stop();
}, 60_000);

describe('a trustless gateway', () => {
  it('serves raw blocks only, never the file', async () => {
    const published = await publishAndMirror(patterned(1000, 1), 'raw-only');
    const plain = await fetch(`${trustless.url}/ipfs/${published.cid}`);
    expect(plain.status).toBe(406);
    const raw = await fetch(`${trustless.url}/ipfs/${published.cid}?format=raw`);
    expect(raw.headers.get('content-type')).toBe('application/vnd.ipld.raw');
  });

  it('gives a multi-block file whose every block is checked against its CID', async () => {
    const bytes = patterned(3 * UNIXFS_PARAMETERS.chunkSizeBytes + 5, 2);
    const published = await publishAndMirror(bytes, 'four-blocks');
    const before = trustless.requests.length;
    const download = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, optionsFor([trustless.url]));
    expect(download).toMatchObject({ source: `gateway ${trustless.url}`, trustless: true, cidVerified: true, sizeBytes: bytes.byteLength });
    expect(Buffer.compare(Buffer.from(download.result), Buffer.from(bytes))).toBe(0);
    // The root (dag-pb) and its four raw leaves, each asked for as a raw block.
    const asked = trustless.requests.slice(before);
    expect(asked).toHaveLength(5);
    expect(asked.every((path) => path.endsWith('?format=raw'))).toBe(true);
  });

  it('verifies a DAG chunked by another publisher (helia: 1 MiB chunks), which re-chunking could not', async () => {
    const bytes = patterned(2 * 1_048_576 + 77, 3);
    const cid = await trustless.addBytes(bytes);
    expect(cid.equals((await fileCid(bytes)).cid)).toBe(false);
    const download = await fetchIpfsVerified(`ipfs://${cid}`, await idOfBytes(bytes), optionsFor([trustless.url]));
    expect(download).toMatchObject({ trustless: true, cidVerified: true, sizeBytes: bytes.byteLength });
  });

  it('reports a gateway altering a block by name, keeps nothing from it, and takes the next', async () => {
    const published = await publishAndMirror(patterned(2 * UNIXFS_PARAMETERS.chunkSizeBytes, 4), 'tampered-blocks');
    const refused: string[] = [];
    let sinks = 0;
    let committedFrom = -1;
    const sinkFactory = (): DownloadSink<number> => {
      const index = sinks++;
      return { write: () => undefined, commit: () => { committedFrom = index; return index; }, abort: () => undefined };
    };
    const download = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, {
      ...optionsFor([tampering.url, trustless.url]),
      sinkFactory,
      onAttemptFailed: (source, error) => refused.push(`${source} ${error.code} ${error.message}`),
    });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(new RegExp(`^gateway ${tampering.url} cid-mismatch .*block ${published.cid}.*sha2-256 does not match`));
    expect(download.source).toBe(`gateway ${trustless.url}`);
    expect(committedFrom).toBe(1);
  });

  it('fails when the bytes are the CID\'s but not the carti id asked for', async () => {
    const published = await publishAndMirror(patterned(5000, 5), 'other-id');
    await expect(fetchIpfsVerified(published.bundle.uri!, await idOfBytes('else'), optionsFor([trustless.url])))
      .rejects.toMatchObject({ code: 'ipfs-unavailable', message: expect.stringContaining('returned other bytes') });
  });

  it('with trustlessOnly, refuses a plain gateway by name before reading the file, and takes a trustless one', async () => {
    const published = await publishAndMirror(patterned(600_000, 8), 'trustless-only');
    const refused: string[] = [];
    const download = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, {
      ...optionsFor([daemon.gatewayUrl, trustless.url]),
      settings: { gateways: [daemon.gatewayUrl, trustless.url], trustlessOnly: true },
      onAttemptFailed: (source, error) => refused.push(`${source} ${error.code}`),
    });
    expect(refused).toEqual([`gateway ${daemon.gatewayUrl} not-trustless`]);
    expect(download).toMatchObject({ source: `gateway ${trustless.url}`, trustless: true });
  });

  it('still reads a plain gateway (the daemon\'s), checked by carti id and recomputed CID', async () => {
    const published = await publishAndMirror(patterned(300_000, 6), 'plain');
    const download = await fetchIpfsVerified(published.bundle.uri!, published.bundle.id, optionsFor([daemon.gatewayUrl]));
    expect(download).toMatchObject({ trustless: false, cidVerified: true });
  });
});

describe('paths and listings through a trustless gateway', () => {
  const kernel = patterned(400_000, 7);
  let machine: Awaited<ReturnType<typeof publishMachine>>;
  let pkg: CartiPackage;

  beforeAll(async () => {
    const kernelId = await idOfBytes(kernel);
    pkg = parsePackageText(JSON.stringify({
      machineConfig: { ram: { length: '0x4000000', cid: kernelId }, flash_drive: [], boot: { args: 'console=hvc0' } },
      assets: [{ name: 'kernel', fileName: 'linux.bin', cid: kernelId }],
      version: '0.0.0',
    })).value!;
    machine = await publishMachine(daemon.rpcUrl, pkg, [{ bundle: { bundleType: 'ram', name: 'kernel', fileName: 'linux.bin', id: kernelId, version: '1' }, file: new Blob([kernel]) }]);
    // The listing directory A is its own block (R without the package file), so it is mirrored too.
    await trustless.mirror(daemon.rpcUrl, machine.rootCid);
    await trustless.mirror(daemon.rpcUrl, machine.listingCid);
  }, 300_000);

  it('resolves <root>/<id>/<fileName> through verified directory blocks', async () => {
    const id = pkg.assets[0]!.cid;
    const download = await fetchIpfsVerified(`ipfs://${machine.rootCid}/${id}/linux.bin`, id, optionsFor([trustless.url]));
    expect(download).toMatchObject({ trustless: true, sizeBytes: kernel.byteLength });
  });

  it('names a path that is not in the directory', async () => {
    const id = pkg.assets[0]!.cid;
    await expect(fetchIpfsVerified(`ipfs://${machine.rootCid}/${id}/missing.bin`, id, optionsFor([trustless.url])))
      .rejects.toThrow(`no entry "missing.bin" in directory`);
  });

  it('reads the listing of the machine directory, with its ipfs:// location', async () => {
    const chosen = optionsFor([trustless.url]);
    const loaded = await fetchIpfsListing(`ipfs://${machine.listingCid}`, chosen.settings, { allowList: chosen.allowList });
    if (!('result' in loaded)) throw loaded.error;
    expect(loaded.url).toBe(`ipfs://${machine.listingCid}/bundles.json`);
    expect(loaded.result.value.bundles.map((bundle) => bundle.name)).toEqual(['kernel']);
  });

  it('reads the same listing through the node RPC API when asked, with no gateway at all', async () => {
    const loaded = await fetchIpfsListing(`ipfs://${machine.listingCid}`, { rpcUrl: daemon.rpcUrl, gateways: [] }, { viaRpc: true });
    if (!('result' in loaded)) throw loaded.error;
    expect(loaded.result.value.bundles).toHaveLength(1);
  });
});
