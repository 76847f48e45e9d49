// resolveAssets against a real local HTTP server: verified downloads, the page cache, a tampered asset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { idOfBytes } from '../../lib/carti/id';
import { CartiError } from '../../lib/carti/errors';
import { forgetVerifiedAssets, resolveAssets, type AssetEvents } from './asset-loader';
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
    const images = await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events });
    expect(Buffer.compare(Buffer.from(images['good.bin']), Buffer.from(good))).toBe(0);
    expect(log).toEqual([`verified ${kernel.id} ${good.length}`]);
  });

  it('a second boot takes a verified asset from the page cache without downloading it', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('good.bin', good);
    await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events: recorder().events });
    const before = requests.length;
    const { log, events } = recorder();
    await resolveAssets([kernel], { urlOf: () => `${origin}/good.bin`, pageOrigin: origin, events });
    expect(requests.length).toBe(before);
    expect(log).toEqual([`cached ${kernel.id}`]);
  });

  it('refuses a tampered asset with both ids in the message and keeps nothing', async () => {
    forgetVerifiedAssets();
    const drive = await asset('tampered.bin', tamperedOriginal, 'my-drive');
    const { log, events } = recorder();
    const failure = await resolveAssets([drive], { urlOf: () => `${origin}/tampered.bin`, pageOrigin: origin, events }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CartiError);
    expect((failure as CartiError).code).toBe('id-mismatch');
    expect((failure as CartiError).message).toContain(drive.id);
    expect(log).toEqual([`failed ${drive.id} id-mismatch`]);
    const again = recorder();
    await resolveAssets([drive], { urlOf: () => `${origin}/tampered.bin`, pageOrigin: origin, events: again.events }).catch(() => undefined);
    expect(again.log).toEqual([`failed ${drive.id} id-mismatch`]); // not cached: checked again
  });

  it('names the asset when no listing says where to download it', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('nowhere.bin', good, 'lost-kernel');
    const failure = (await resolveAssets([kernel], { urlOf: () => undefined, pageOrigin: origin, events: recorder().events }).catch((e: unknown) => e)) as CartiError;
    expect(failure.code).toBe('no-uri');
    expect(failure.message).toContain('lost-kernel');
  });

  it('reports an HTTP error of the server as the failure of that asset', async () => {
    forgetVerifiedAssets();
    const kernel = await asset('missing.bin', good);
    const { log, events } = recorder();
    const failure = (await resolveAssets([kernel], { urlOf: () => `${origin}/missing.bin`, pageOrigin: origin, events }).catch((e: unknown) => e)) as CartiError;
    expect(failure.code).toBe('http-status');
    expect(log).toEqual([`failed ${kernel.id} http-status`]);
  });
});
