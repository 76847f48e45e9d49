import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CartiError } from '../carti/errors';
import { idOfBytes } from '../carti/id';
import { serializeListing } from '../carti/listing';
import { handleListingRequest } from './api-handlers';
import { queryKeys } from './keys';
import { isAppPath, listingQuery, loadListing, type ListingClientEnv } from './listing-query';

let server: Server;
let origin: string;
let env: ListingClientEnv;

beforeAll(async () => {
  const listing = serializeListing({ bundles: [{ bundleType: 'raw', name: 'greeting', fileName: 'g.txt', id: await idOfBytes('hi'), version: '1', uri: 'g.txt' }] });
  server = createServer((request, response) => {
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
