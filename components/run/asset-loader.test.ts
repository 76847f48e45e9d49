// resolveAssets against a real local HTTP server: verified downloads, the page cache, the browser store
// (its in-memory backend, the same code as OPFS/IndexedDB above the backend), a tampered asset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { idOfBytes } from '../../lib/carti/id';
import { fileCid } from '../../lib/ipfs/unixfs-cid';
import { CartiError } from '../../lib/carti/errors';
import { createMemoryBrowserStore } from '../../lib/store/browser-store';
import type { BrowserStore } from '../../lib/store/types';
import { forgetVerifiedAssets, resolveAssets, storeRecordOf, type AssetEvents } from './asset-loader';
import type { BootAsset } from './boot-plan';

const good = new Uint8Array(100_000).map((_, i) => (i * 31) & 0xff);
const tamperedOriginal = new TextEncoder().encode('the bytes the listing promised');
let server: Server;
let origin = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/good.bin') return void response.end(good);
    if (request.url === '/tampered.bin') return void response.end(new TextEncoder().encode('the bytes the server actually sent'));
    // Two path gateways (issue 6): /gw serves every CID as `good`, /evil answers with other bytes.
    if (request.url?.startsWith('/gw/ipfs/')) return void response.end(good);
    if (request.url?.startsWith('/evil/ipfs/')) return void response.end(good.slice(1));
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function recorder() {
  const log: string[] = [];
  const events: AssetEvents = {
    cached: (id) => log.push(`cached ${id}`),
    progress: () => {},
    verified: (id, size) => log.push(`verified ${id} ${size}`),
    failed: (id, error) => log.push(`failed ${id} ${error.code}`),
    notStored: (id, error) => log.push(`not stored ${id} ${error.code}`),
  };
  return { log, events };
}

async function asset(key: string, bytes: Uint8Array, name = key): Promise<BootAsset> {
  return { key, id: await idOfBytes(bytes), name, fileName: key, role: 'ram' };
}

describe('resolveAssets', () => {
  it('downloads an asset, checks its carti id, and returns its bytes under its key', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('good.bin', good);
    const { log, events } = recorder();
    const images = await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events, store: null });
    expect(Buffer.compare(Buffer.from(images['good.bin']), Buffer.from(good))).toBe(0);
    expect(log).toEqual([`verified ${kernel.id} ${good.length}`]);
  });

  it('a second boot takes a verified asset from the page cache without downloading it', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('good.bin', good);
    await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events: recorder().events, store: null });
    const before = requests.length;
    const { log, events } = recorder();
    await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events, store: null });
    expect(requests.length).toBe(before);
    expect(log).toEqual([`cached ${kernel.id}`]);
  });

  it('refuses a tampered asset with both ids in the message and keeps nothing', async () => {
    forgetVerifiedAssets();
    const drive = await asset('tampered.bin', tamperedOriginal, 'my-drive');
    const { log, events } = recorder();
    const failure = await resolveAssets([drive], { urlOf: () => `${origin}/tampered.bin`, pageOrigin: origin, events, store: null }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CartiError);
    expect((failure as CartiError).code).toBe('id-mismatch');
    expect((failure as CartiError).message).toContain(drive.id);
    expect(log).toEqual([`failed ${drive.id} id-mismatch`]);
    const again = recorder();
    await resolveAssets([drive], { urlOf: () => `${origin}/tampered.bin`, pageOrigin: origin, events: again.events, store: null }).catch(() => undefined);
    expect(again.log).toEqual([`failed ${drive.id} id-mismatch`]); // not cached: checked again
  });

  it('names the asset when no listing says where to download it', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('nowhere.bin', good, 'lost-kernel');
    const failure = (await resolveAssets([kernel], { urlOf: () => undefined, pageOrigin: origin, events: recorder().events, store: null }).catch((e: unknown) => e)) as CartiError;
    expect(failure.code).toBe('no-uri');
    expect(failure.message).toContain('lost-kernel');
  });

  it('reports an HTTP error of the server as the failure of that asset', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('missing.bin', good);
    const { log, events } = recorder();
    const failure = (await resolveAssets([kernel], { urlOf: () => `${origin}/missing.bin`, pageOrigin: origin, events, store: null }).catch((e: unknown) => e)) as CartiError;
    expect(failure.code).toBe('http-status');
    expect(log).toEqual([`failed ${kernel.id} http-status`]);
  });
});

/** A store whose writes always fail, as a full quota does. */
function fullStore(): BrowserStore {
  const store = createMemoryBrowserStore();
  return { ...store, put: async () => { throw new CartiError('io', 'quota', 'byte 0', 'QuotaExceededError: the quota has been exceeded'); } };
}

describe('resolveAssets with the browser store', () => {
  it('keeps a verified download in the store under its id with the listing record', async () => {
    forgetVerifiedAssets();
    const store = createMemoryBrowserStore();
    const kernel = await asset('good.bin', good, 'listed-kernel');
    const listed = { bundleType: 'ram' as const, name: 'listed-kernel', fileName: 'good.bin', id: kernel.id, version: '6.1.0', uri: 'good.bin' };
    await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, recordOf: () => listed, pageOrigin: origin, events: recorder().events, store });
    const stored = await store.get(kernel.id);
    expect(stored?.bundle).toEqual(listed);
    expect(stored?.origin).toBe('download');
    expect(stored?.sizeBytes).toBe(good.length);
  });

  it('takes a stored asset without downloading it after the page cache is gone (a reload)', async () => {
    forgetVerifiedAssets();
    const store = createMemoryBrowserStore();
    const kernel = await asset('good.bin', good);
    await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events: recorder().events, store });
    forgetVerifiedAssets();
    const before = requests.length;
    const { log, events } = recorder();
    const images = await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events, store });
    expect(requests.length).toBe(before);
    expect(log).toEqual([`cached ${kernel.id}`]);
    expect(Buffer.compare(Buffer.from(images['good.bin']), Buffer.from(good))).toBe(0);
  });

  it('records the use of a stored asset', async () => {
    forgetVerifiedAssets();
    let clock = 1000;
    const store = createMemoryBrowserStore(() => clock);
    const kernel = await asset('good.bin', good);
    await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events: recorder().events, store });
    forgetVerifiedAssets();
    clock = 5000;
    await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events: recorder().events, store });
    expect((await store.get(kernel.id))?.lastUsedAt).toBe(5000);
  });

  it('boots anyway when the store cannot keep the asset, and says so', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('good.bin', good);
    const { log, events } = recorder();
    const images = await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events, store: fullStore() });
    expect(images['good.bin'].length).toBe(good.length);
    expect(log).toEqual([`not stored ${kernel.id} io`, `verified ${kernel.id} ${good.length}`]);
  });

  it('stores nothing of a tampered asset', async () => {
    forgetVerifiedAssets();
    const store = createMemoryBrowserStore();
    const drive = await asset('tampered.bin', tamperedOriginal, 'my-drive');
    await resolveAssets([drive], { urlOf: () => `${origin}/tampered.bin`, pageOrigin: origin, events: recorder().events, store }).catch(() => undefined);
    expect(await store.has(drive.id)).toBe(false);
  });
});

describe('resolveAssets with ipfs:// uris', () => {
  const goodUri = async () => `ipfs://${(await fileCid(good)).cid}`;

  it('reads through the gateways in order, skips one that sends other bytes, and stores only the verified file', async () => {
    forgetVerifiedAssets();
    const store = createMemoryBrowserStore();
    const kernel = await asset('good.bin', good);
    const uri = await goodUri();
    const failedAttempts: string[] = [];
    const { log, events } = recorder();
    let progressed = 0;
    const images = await resolveAssets([kernel], {
      urlOf: () => uri, pageOrigin: origin, store,
      ipfsSettings: () => ({ gateways: [`${origin}/evil`, `${origin}/gw`] }),
      events: { ...events, progress: (_id, done) => { progressed = done; }, attemptFailed: (_id, source, error) => failedAttempts.push(`${source}: ${error.code}`) },
    });
    expect(Buffer.compare(Buffer.from(images['good.bin']), Buffer.from(good))).toBe(0);
    expect(failedAttempts).toEqual([`gateway ${origin}/evil: id-mismatch`]);
    expect(log).toEqual([`verified ${kernel.id} ${good.length}`]);
    expect(progressed).toBe(good.length);
    expect((await store.get(kernel.id))?.sizeBytes).toBe(good.length);
  });

  it('tries the node first when one is configured, then the gateways', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('good.bin', good);
    const failedAttempts: string[] = [];
    const uri = await goodUri();
    const closedNode = 'http://127.0.0.1:9';
    await resolveAssets([kernel], {
      urlOf: () => uri, pageOrigin: origin, store: null,
      ipfsSettings: () => ({ rpcUrl: closedNode, gateways: [`${origin}/gw`] }),
      events: { ...recorder().events, attemptFailed: (_id, source, error) => failedAttempts.push(`${source}: ${error.code}`) },
    });
    expect(failedAttempts).toHaveLength(1);
    expect(failedAttempts[0]).toMatch(new RegExp(`^IPFS node ${closedNode}: `));
  });

  it('fails naming each gateway and its reason when none gives the file, and keeps nothing', async () => {
    forgetVerifiedAssets();
    const store = createMemoryBrowserStore();
    const kernel = await asset('good.bin', good, 'ipfs-kernel');
    const again = recorder();
    const uri = await goodUri();
    const second = (await resolveAssets([kernel], {
      urlOf: () => uri, pageOrigin: origin, store, events: again.events,
      ipfsSettings: () => ({ gateways: [`${origin}/evil`, `${origin}/missing`] }),
    }).catch((e: unknown) => e)) as CartiError;
    expect(second.code).toBe('ipfs-unavailable');
    expect(second.message).toContain(`gateway ${origin}/evil: returned other bytes`);
    expect(second.message).toContain(`gateway ${origin}/missing: HTTP 404`);
    expect(again.log).toEqual([`failed ${kernel.id} ipfs-unavailable`]);
    expect(await store.has(kernel.id)).toBe(false);
  });
});

describe('storeRecordOf', () => {
  it('makes a minimal record from the package asset when no listing names it', async () => {
    const drive = { key: 'input.raw', id: await idOfBytes(good), name: 'calc-input', fileName: 'input.raw', role: 'flash_drive[1] (input)' };
    expect(storeRecordOf(drive, undefined)).toEqual({ bundleType: 'flashdrive', name: 'calc-input', fileName: 'input.raw', id: drive.id, version: '0.0.0' });
  });

  it('ignores a listing record of another id', async () => {
    const kernel = { key: 'k', id: await idOfBytes(good), name: 'k', fileName: 'k.bin', role: 'ram' };
    const other = { bundleType: 'ram' as const, name: 'x', fileName: 'x', id: await idOfBytes(tamperedOriginal), version: '1' };
    expect(storeRecordOf(kernel, other).id).toBe(kernel.id);
  });
});
