import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { idOfBytes } from '../carti/id';
import { serializeListing } from '../carti/listing';
import { handleAssetRequest, handleListingRequest, type ApiDeps } from './api-handlers';
import type { ErrorResponse, ListingResponse } from './wire';

let server: Server;
let origin: string;
let deps: ApiDeps;
const asset = new Uint8Array(200_000).map((_, i) => (i * 31) & 0xff);
let goodListing = '';

beforeAll(async () => {
  const id = await idOfBytes(asset);
  goodListing = serializeListing({ bundles: [{ bundleType: 'flashdrive', name: 'drive', fileName: 'drive.ext2', id, version: '1.0.0', uri: 'drive.ext2' }] });
  const withBadRecord = JSON.stringify({ bundles: [JSON.parse(goodListing).bundles[0], { bundleType: 'ram', name: 'fake', fileName: 'x', id: 'not-an-id', version: '1' }] });
  server = createServer((request, response) => {
    switch (request.url) {
      case '/good/bundles.json':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(goodListing);
      case '/mixed/bundles.json':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(withBadRecord);
      case '/broken/bundles.json':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"bundles": [');
      case '/page.html':
        return void response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>hi</p>');
      case '/good/drive.ext2':
        return void response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(asset.length) }).end(asset);
      default:
        return void response.writeHead(404).end('no');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  deps = { allowList: [origin] };
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const listingRequest = (source: string) => new Request(`http://app.test/api/listing?source=${encodeURIComponent(source)}`);
const assetRequest = (url: string) => new Request(`http://app.test/api/asset?url=${encodeURIComponent(url)}`);

describe('GET /api/listing', () => {
  it('returns the valid bundles and the URL the listing was read from', async () => {
    const response = await handleListingRequest(listingRequest(`${origin}/good/bundles.json`), deps);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ListingResponse;
    expect(body.url).toBe(`${origin}/good/bundles.json`);
    expect(body.bundles.map((b) => b.name)).toEqual(['drive']);
    expect(body.errors).toEqual([]);
  });

  it('reports a bad record with its JSON path and keeps the good one', async () => {
    const body = (await (await handleListingRequest(listingRequest(`${origin}/mixed/bundles.json`), deps)).json()) as ListingResponse;
    expect(body.bundles.map((b) => b.name)).toEqual(['drive']);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].location).toBe('bundles[1].id');
  });

  it('answers malformed JSON with a bad-json error for the whole source', async () => {
    const response = await handleListingRequest(listingRequest(`${origin}/broken/bundles.json`), deps);
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('bad-json');
  });

  it('answers an HTML page with an error that says it is HTML', async () => {
    const response = await handleListingRequest(listingRequest(`${origin}/page.html`), deps);
    const { error } = (await response.json()) as ErrorResponse;
    expect(error.code).toBe('html-not-json');
    expect(error.message).toContain('HTML');
  });

  it('refuses a loopback origin that is not on the allow-list', async () => {
    const response = await handleListingRequest(listingRequest(`${origin}/good/bundles.json`), { allowList: [] });
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('blocked-address');
  });

  it('requires the source parameter', async () => {
    const response = await handleListingRequest(new Request('http://app.test/api/listing'), deps);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorResponse).error.message).toContain('source');
  });
});

describe('GET /api/asset', () => {
  it('streams the bytes through with their length', async () => {
    const response = await handleAssetRequest(assetRequest(`${origin}/good/drive.ext2`), deps);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(asset.length));
    expect(response.headers.get('x-asset-length')).toBe(String(asset.length));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(asset);
  });

  it('never serves upstream content as a web page of the app', async () => {
    const response = await handleAssetRequest(assetRequest(`${origin}/good/drive.ext2`), deps);
    await response.body?.cancel();
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe('attachment');
  });

  it('refuses a private address that is not on the allow-list', async () => {
    const response = await handleAssetRequest(assetRequest('http://169.254.169.254/latest/meta-data'), deps);
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('blocked-address');
  });

  it('reports the upstream HTTP status as a typed error', async () => {
    const response = await handleAssetRequest(assetRequest(`${origin}/missing.bin`), deps);
    expect(response.status).toBe(502);
    expect(((await response.json()) as ErrorResponse).error.code).toBe('http-status');
  });

  it('refuses a URL that is not http(s)', async () => {
    const response = await handleAssetRequest(assetRequest('file:///etc/passwd'), deps);
    expect(response.status).toBe(400);
  });
});
