import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CartiError } from '../carti/errors';
import { idOfBytes } from '../carti/id';
import { serializeListing } from '../carti/listing';
import { fileCid } from '../ipfs/unixfs-cid';
import { handleListingRequest } from './api-handlers';
import { queryKeys } from './keys';
import { isAppPath, listingQuery, loadListing, type ListingClientEnv } from './listing-query';

let server: Server;
let origin: string;
let env: ListingClientEnv;
/** `ipfs://` of the listing served below as a path gateway's `/gw/ipfs/<cid>` (its real CID). */
let listingCid: string;
const requested: string[] = [];

beforeAll(async () => {
  const listing = serializeListing({ bundles: [{ bundleType: 'raw', name: 'greeting', fileName: 'g.txt', id: await idOfBytes('hi'), version: '1', uri: 'g.txt' }] });
  listingCid = (await fileCid(new TextEncoder().encode(listing))).cid.toString();
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    if (request.url === `/gw/ipfs/${listingCid}`) return void response.writeHead(200).end(listing);
    // A gateway that answers every request with something that is not a listing.
    if (request.url?.startsWith('/garbage/ipfs/')) return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"bundles": [ garbage');
    if (request.url === '/api/listing?source=' + encodeURIComponent(`ipfs://${listingCid}`)) return void response.writeHead(500).end('{}');
    if (request.url === '/default/bundles.json') return void response.writeHead(200).end(listing);
    if (request.url === '/bad/bundles.json') return void response.writeHead(200).end('not json');
    if (request.url?.startsWith('/api/listing?source=garbled')) return void response.writeHead(200).end('{"nope": 1}');
    if (request.url?.startsWith('/api/listing')) {
      // The app's real route logic, so the client is tested against what the server really answers.
      void handleListingRequest(new Request(`${origin}${request.url}`), { allowList: [origin] }).then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  env = { origin };
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('loadListing', () => {
  it('reads the embedded listing directly from the app origin', async () => {
    const loaded = await loadListing('/default/bundles.json', env);
    expect(loaded.url).toBe(`${origin}/default/bundles.json`);
    expect(loaded.bundles.map((b) => b.name)).toEqual(['greeting']);
  });

  it('throws the parse error of a same-origin listing that is not JSON', async () => {
    await expect(loadListing('/bad/bundles.json', env)).rejects.toMatchObject({ code: 'bad-json' });
  });

  it('reads a remote listing through /api/listing', async () => {
    const loaded = await loadListing(`${origin}/default/bundles.json`, env);
    expect(loaded.source).toBe(`${origin}/default/bundles.json`);
    expect(loaded.bundles).toHaveLength(1);
  });

  it('rebuilds the typed error of a remote listing that cannot be read', async () => {
    const failure = loadListing(`${origin}/bad/bundles.json`, env);
    await expect(failure).rejects.toBeInstanceOf(CartiError);
    await expect(failure).rejects.toMatchObject({ code: 'bad-json' });
  });

  it('rejects an API answer that is not a listing response', async () => {
    await expect(loadListing('garbled', env)).rejects.toThrow("the app's server answered with a body that is not a listing response");
  });

  it('reports a 404 of the embedded listing with its URL', async () => {
    await expect(loadListing('/missing/bundles.json', env)).rejects.toThrow(`/missing/bundles.json: ${origin}/missing/bundles.json: the server answered HTTP 404`);
  });
});

describe('loadListing of ipfs:// sources', () => {
  it('reads the listing in the browser through the configured gateways, in order, never through /api/listing', async () => {
    requested.length = 0;
    const closed = 'http://127.0.0.1:9'; // discard port: nothing listens, the next gateway is tried
    const loaded = await loadListing(`ipfs://${listingCid}`, { origin, ipfsSettings: () => ({ gateways: [closed, `${origin}/gw`] }) });
    expect(loaded.bundles.map((b) => b.name)).toEqual(['greeting']);
    expect(loaded.url).toBe(`ipfs://${listingCid}`);
    // Only the gateway was asked (lib/ipfs decides the request forms: trustless probe, directory, file).
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.every((url) => url.startsWith(`/gw/ipfs/${listingCid}`))).toBe(true);
  });

  it('passes over a gateway whose answer is not a listing for the next one', async () => {
    const loaded = await loadListing(`ipfs://${listingCid}`, { origin, ipfsSettings: () => ({ gateways: [`${origin}/garbage`, `${origin}/gw`] }) });
    expect(loaded.bundles.map((b) => b.name)).toEqual(['greeting']);
    const failure = loadListing(`ipfs://${listingCid}`, { origin, ipfsSettings: () => ({ gateways: [`${origin}/garbage`, `${origin}/nothing`] }) });
    await expect(failure).rejects.toThrow(`gateway ${origin}/garbage`);
    await expect(failure).rejects.toThrow('no source gave a bundles.json');
  });

  it('names every gateway and its reason when none has the listing', async () => {
    const failure = loadListing(`ipfs://${listingCid}`, { origin, ipfsSettings: () => ({ gateways: [`${origin}/nothing`] }) });
    await expect(failure).rejects.toMatchObject({ code: 'ipfs-unavailable' });
    await expect(failure).rejects.toThrow(`gateway ${origin}/nothing`);
    await expect(failure).rejects.toThrow('HTTP 404');
  });

  it('refuses a source that is not a CID, naming it', async () => {
    await expect(loadListing('ipfs://not-a-cid', env)).rejects.toThrow(/ipfs:\/\/not-a-cid.*not a CID/);
  });
});

describe('listing query helpers', () => {
  it('keys a listing query by its source', () => {
    expect(listingQuery('https://x.example/bundles.json', env).queryKey).toEqual(queryKeys.listing('https://x.example/bundles.json'));
  });

  it('treats only absolute paths on the app as app paths', () => {
    expect(isAppPath('/default/bundles.json')).toBe(true);
    expect(isAppPath('//evil.example/bundles.json')).toBe(false);
    expect(isAppPath('https://x.example/bundles.json')).toBe(false);
  });
});
