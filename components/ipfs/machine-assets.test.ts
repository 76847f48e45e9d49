// The files "Publish machine to IPFS" sends: a listed asset is downloaded (a real local HTTP server) and
// verified, an asset only in the browser store (the memory backend, same code as OPFS above the backend) is
// read from there, each once, with its listing or store record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { idOfBytes } from '@/lib/carti/id';
import type { Bundle, IndexedBundle } from '@/lib/carti/types';
import { emptyDraft } from '@/lib/compose/draft';
import { addBundleDrive, setRamBundle, setRootBundle } from '@/lib/compose/drive-edits';
import { createMemoryBrowserStore } from '@/lib/store/browser-store';
import { forgetVerifiedAssets } from '@/components/run/asset-loader';
import { THIS_BROWSER_ORIGIN } from '@/components/store/stored-as-source';
import { collectMachineAssets } from './machine-assets';

const kernelBytes = new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff);
const driveBytes = new Uint8Array(4096).map((_, i) => (i * 3 + 1) & 0xff);
let server: Server;
let origin = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/files/kernel.bin') return void response.end(kernelBytes);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const noEvents = { cached: () => {}, progress: () => {}, verified: () => {}, failed: () => {} };

describe('collectMachineAssets', () => {
  it('downloads listed assets, reads store-only ones, once per id, with their records', async () => {
    forgetVerifiedAssets();
    const kernel: Bundle = { bundleType: 'ram', name: 'kernel', fileName: 'kernel.bin', id: await idOfBytes(kernelBytes), version: '6.1.0', uri: 'files/kernel.bin' };
    const drive: Bundle = { bundleType: 'flashdrive', name: 'my-drive', fileName: 'my.ext2', id: await idOfBytes(driveBytes), version: '0.1.0' };
    const store = createMemoryBrowserStore();
    await store.put(drive, driveBytes, { origin: 'file' });
    const listing = `${origin}/bundles.json`;
    const index: IndexedBundle[] = [
      { bundle: kernel, origins: [listing], resolvedUris: { [listing]: `${origin}/files/kernel.bin` } },
      { bundle: drive, origins: [THIS_BROWSER_ORIGIN], resolvedUris: {} },
    ];
    // The drive twice (root and a second drive): published once.
    const pkg = addBundleDrive(setRootBundle(setRamBundle(emptyDraft(), kernel, 1n << 26n), drive, 4096n), drive, 4096n);
    requests.length = 0;
    const assets = await collectMachineAssets(pkg, index, { pageOrigin: origin, events: noEvents, store });
    expect(assets.map((asset) => asset.bundle)).toEqual([kernel, drive]);
    expect(new Uint8Array(await assets[0]!.file.arrayBuffer())).toEqual(kernelBytes);
    expect(new Uint8Array(await assets[1]!.file.arrayBuffer())).toEqual(driveBytes);
    expect(requests).toEqual(['/files/kernel.bin']);
  });

  it('fails naming the asset that is neither listed nor stored', async () => {
    forgetVerifiedAssets();
    const lost: Bundle = { bundleType: 'flashdrive', name: 'lost-drive', fileName: 'lost.ext2', id: await idOfBytes('lost'), version: '1.0.0' };
    const pkg = setRootBundle(emptyDraft(), lost, 4096n);
    await expect(collectMachineAssets(pkg, [], { pageOrigin: origin, events: noEvents, store: createMemoryBrowserStore() })).rejects.toThrow(/lost-drive.*no listing gives a download location/);
  });
});
