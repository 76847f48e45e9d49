import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { HELLO_ID } from '../carti/id';
import { downloadVerified } from './download';
import { fetchLimited } from './fetch-limited';
import { nodeTransport } from './node-transport.node.js';
import { redirect, send, startServer, type TestServer } from './test-server.node.js';

let server: TestServer;
let port: string;

/**
 * This machine's own host name when it resolves only to loopback (usual in /etc/hosts): a name that a fooled
 * pre-check would pass but that connects to 127.0.0.1. Computed before the tests are collected.
 */
async function loopbackHostName(): Promise<string | undefined> {
  const name = hostname();
  const addresses = await lookup(name, { all: true }).catch(() => []);
  return addresses.length > 0 && addresses.every((a) => a.address.startsWith('127.') || a.address === '::1') ? name : undefined;
}
const loopbackName = await loopbackHostName();

beforeAll(async () => {
  server = await startServer({ '/hello.txt': send('hello'), '/hop': redirect('/hello.txt'), '/gone': send('no', 'text/plain', 410) });
  port = new URL(server.origin).port;
});
afterAll(() => server.close());

describe('nodeTransport', () => {
  it('fetches an allowed origin, with redirects and a streamed body', async () => {
    const response = await fetchLimited(`${server.origin}/hop`, { allowList: [server.origin], transport: nodeTransport });
    expect(response.url).toBe(`${server.origin}/hello.txt`);
    expect(await response.text()).toBe('hello');
  });

  it('reports HTTP status errors', async () => {
    await expect(fetchLimited(`${server.origin}/gone`, { allowList: [server.origin], transport: nodeTransport })).rejects.toThrow(/HTTP 410/);
  });

  it('verifies downloads made through it', async () => {
    const result = await downloadVerified(`${server.origin}/hello.txt`, HELLO_ID, { allowList: [server.origin], transport: nodeTransport });
    expect(result.sizeBytes).toBe(5);
  });

  it.skipIf(loopbackName === undefined)('refuses at connect time a name that passed the pre-check but resolves to loopback (DNS rebinding)', async () => {
    const url = `http://${loopbackName}:${port}/hello.txt`;
    // The pre-check is fooled (a public answer); the socket's own lookup is not.
    const error = await fetchLimited(url, { resolveHost: async () => ['93.184.216.34'], transport: nodeTransport }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CartiError);
    expect((error as CartiError).code).toBe('blocked-address');
    expect((error as CartiError).reason).toMatch(/refused at connect time/);
  });
});
