// The browser's gateway transport against two real local servers: a redirect within the gateway (a directory
// → its trailing-slash form) is followed, one to an origin that is not configured is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchLimited } from '../fetch/fetch-limited';
import { gatewayTransport } from './gateway-transport';

let gateway: Server;
let elsewhere: Server;
let gatewayOrigin = '';
let elsewhereOrigin = '';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  elsewhere = createServer((_request, response) => response.end('somewhere else'));
  elsewhereOrigin = await listen(elsewhere);
  gateway = createServer((request, response) => {
    if (request.url === '/ipfs/dir') return void response.writeHead(301, { location: '/ipfs/dir/' }).end();
    if (request.url === '/ipfs/dir/') return void response.end('the directory');
    if (request.url === '/ipfs/away') return void response.writeHead(302, { location: `${elsewhereOrigin}/x` }).end();
    response.writeHead(404).end();
  });
  gatewayOrigin = await listen(gateway);
});

afterAll(async () => {
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
});

describe('gatewayTransport', () => {
  it('follows a redirect that stays on the gateway', async () => {
    const allowList = [gatewayOrigin];
    const response = await fetchLimited(`${gatewayOrigin}/ipfs/dir`, { allowList, transport: gatewayTransport(allowList) });
    expect(await response.text()).toBe('the directory');
  });

  it('refuses a redirect to an origin that is not a configured gateway, naming it', async () => {
    const allowList = [gatewayOrigin];
    const failure = fetchLimited(`${gatewayOrigin}/ipfs/away`, { allowList, transport: gatewayTransport(allowList) });
    await expect(failure).rejects.toMatchObject({ code: 'blocked-address' });
    await expect(failure).rejects.toThrow(`redirected to ${elsewhereOrigin}`);
  });
});
