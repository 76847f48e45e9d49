import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CartiError } from '../carti/errors';
import { HELLO_ID } from '../carti/id';
import { fileCid } from '../ipfs/unixfs-cid';
import { assetRequestUrl, verifyAsset, type VerifyProgress } from './verify-asset';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/hello.txt') {
      response.writeHead(200, { 'content-length': '5' }).end('hello');
    } else if (request.url === '/proxied.bin') {
      // As the app's /api/asset answers under Next.js: chunked, the length in x-asset-length.
      response.writeHead(200, { 'x-asset-length': '6' });
      response.write('abc');
      response.end('def');
    } else if (request.url?.startsWith('/gw/ipfs/')) {
      // A path gateway with the real bytes of every CID asked, and one that alters them.
      response.writeHead(200, { 'content-length': '5' }).end('hello');
    } else if (request.url?.startsWith('/evil/ipfs/')) {
      response.writeHead(200, { 'content-length': '5' }).end('hellO');
    } else if (request.url === '/tampered.txt') {
      response.writeHead(200).end('hellO');
    } else if (request.url === '/big.bin') {
      // 3 chunks so progress is reported more than once.
      response.writeHead(200, { 'content-length': String(3 * 65536) });
      const chunk = Buffer.alloc(65536, 7);
      response.write(chunk);
      response.write(chunk);
      response.end(chunk);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('assetRequestUrl', () => {
  it('fetches a same-origin asset directly', () => {
    expect(assetRequestUrl('/default/linux.bin', 'http://localhost:3100')).toBe('http://localhost:3100/default/linux.bin');
  });

  it('sends a cross-origin asset through the app route, URL-encoded', () => {
    expect(assetRequestUrl('https://example.org/a b.bin?x=1', 'http://localhost:3100')).toBe(
      'http://localhost:3100/api/asset?url=https%3A%2F%2Fexample.org%2Fa%2520b.bin%3Fx%3D1',
    );
  });
});

describe('verifyAsset', () => {
  it('reports verified when the downloaded bytes have the listed id', async () => {
    const result = await verifyAsset({ assetUrl: `${origin}/hello.txt`, expectedId: HELLO_ID, pageOrigin: origin });
    expect(result).toEqual({ expectedId: HELLO_ID, actualId: HELLO_ID, matches: true, lengthBytes: 5 });
  });

  it('reports a mismatch with both ids when the bytes differ', async () => {
    const result = await verifyAsset({ assetUrl: `${origin}/tampered.txt`, expectedId: HELLO_ID, pageOrigin: origin });
    expect(result.matches).toBe(false);
    expect(result.expectedId).toBe(HELLO_ID);
    expect(result.actualId).toMatch(/^baenrwi/);
    expect(result.actualId).not.toBe(HELLO_ID);
  });

  it('reports progress in bytes against the Content-Length', async () => {
    const progress: VerifyProgress[] = [];
    await verifyAsset({ assetUrl: `${origin}/big.bin`, expectedId: HELLO_ID, pageOrigin: origin, onProgress: (p) => progress.push(p) });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ doneBytes: 3 * 65536, totalBytes: 3 * 65536 });
    expect(progress.every((p, i) => i === 0 || p.doneBytes >= progress[i - 1].doneBytes)).toBe(true);
  });

  it('takes the total from x-asset-length when the response is chunked', async () => {
    const progress: VerifyProgress[] = [];
    await verifyAsset({ assetUrl: `${origin}/proxied.bin`, expectedId: HELLO_ID, pageOrigin: origin, onProgress: (p) => progress.push(p) });
    expect(progress.at(-1)).toEqual({ doneBytes: 6, totalBytes: 6 });
  });

  it('throws a typed error naming the asset and the HTTP status when the server refuses', async () => {
    const failure = verifyAsset({ assetUrl: `${origin}/missing.bin`, expectedId: HELLO_ID, pageOrigin: origin });
    await expect(failure).rejects.toBeInstanceOf(CartiError);
    await expect(failure).rejects.toThrow(`${origin}/missing.bin: HTTP 404`);
  });
});

describe('verifyAsset of ipfs:// assets', () => {
  const helloUri = async () => `ipfs://${(await fileCid(new TextEncoder().encode('hello'))).cid}`;

  it('verifies through the gateways in order, passing over one that sends other bytes', async () => {
    const progress: VerifyProgress[] = [];
    const result = await verifyAsset({
      assetUrl: await helloUri(), expectedId: HELLO_ID, pageOrigin: origin,
      ipfsSettings: () => ({ gateways: [`${origin}/evil`, `${origin}/gw`] }),
      onProgress: (event) => progress.push(event),
    });
    expect(result).toEqual({ expectedId: HELLO_ID, actualId: HELLO_ID, matches: true, lengthBytes: 5 });
    expect(progress.at(-1)).toEqual({ doneBytes: 5, totalBytes: 5 });
  });

  it('names each gateway and what it sent when none gives the file', async () => {
    const failure = verifyAsset({ assetUrl: await helloUri(), expectedId: HELLO_ID, pageOrigin: origin, ipfsSettings: () => ({ gateways: [`${origin}/evil`, `${origin}/none`] }) });
    await expect(failure).rejects.toMatchObject({ code: 'ipfs-unavailable' });
    await expect(failure).rejects.toThrow(`gateway ${origin}/evil: returned other bytes`);
    await expect(failure).rejects.toThrow(`gateway ${origin}/none: HTTP 404`);
  });
});
