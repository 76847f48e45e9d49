import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { HELLO_ID, idOfBytes } from '../carti/id';
import { downloadVerified, memorySink } from './download';
import { fetchLimited } from './fetch-limited';
import { fetchListing } from './listing';
import { endless, redirect, send, slow, startServer, type TestServer } from './test-server.node.js';

let server: TestServer;
let allow: { allowList: string[] };
let listingText: string;

beforeAll(async () => {
  listingText = JSON.stringify({
    bundles: [
      { bundleType: 'flashdrive', name: 'hello', fileName: 'hello.txt', id: HELLO_ID, version: '1.0.0', uri: 'assets/hello.txt' },
      { bundleType: 'ram', name: 'bad', fileName: 'x', id: 'not-an-id', version: '1' },
    ],
  }, null, 2);
  server = await startServer({
    '/bundles.json': send(listingText, 'application/json'),
    '/assets/hello.txt': send('hello'),
    '/tampered.txt': send('hellO'),
    '/page.html': send('<!DOCTYPE html><html><body>GitHub</body></html>', 'text/html; charset=utf-8'),
    '/big.json': endless(5 << 20),
    '/announced-big': (_q, r) => { r.writeHead(200, { 'content-length': String(10 << 20) }); r.end(); },
    '/loop': redirect('/loop'),
    '/hop': redirect('/assets/hello.txt'),
    '/to-private': redirect('http://10.0.0.1/x'),
    '/slow.json': slow(listingText, 3000),
    '/missing': send('no', 'text/plain', 404),
  });
  allow = { allowList: [server.origin] };
});
afterAll(() => server.close());

const failure = async (promise: Promise<unknown>) => {
  try { await promise; } catch (error) { return error as CartiError; }
  throw new Error('expected a failure');
};

describe('fetchLimited', () => {
  it('reads a body within the limits', async () => {
    const response = await fetchLimited(`${server.origin}/assets/hello.txt`, allow);
    expect(await response.text()).toBe('hello');
  });

  it('refuses the local server unless it is on the allow-list', async () => {
    expect((await failure(fetchLimited(`${server.origin}/assets/hello.txt`))).code).toBe('blocked-address');
  });

  it('follows redirects by hand', async () => {
    const response = await fetchLimited(`${server.origin}/hop`, allow);
    expect(response.url).toBe(`${server.origin}/assets/hello.txt`);
  });

  it('stops a redirect loop', async () => {
    const error = await failure(fetchLimited(`${server.origin}/loop`, { ...allow, maxRedirects: 3 }));
    expect(error.code).toBe('too-many-redirects');
    expect(error.reason).toMatch(/more than 3 redirects/);
  });

  it('checks every redirect target against the SSRF guard', async () => {
    const error = await failure(fetchLimited(`${server.origin}/to-private`, allow));
    expect(error.code).toBe('blocked-address');
    expect(error.message).toMatch(/10\.0\.0\.1/);
  });

  it('stops an oversized body while streaming', async () => {
    const response = await fetchLimited(`${server.origin}/big.json`, { ...allow, kind: 'listing' });
    const error = await failure(response.text());
    expect(error.code).toBe('too-large');
    expect(error.reason).toMatch(/4194304-byte listing limit/);
  });

  it('refuses an announced Content-Length above the limit before reading', async () => {
    expect((await failure(fetchLimited(`${server.origin}/announced-big`, { ...allow, maxBytes: 1000 }))).code).toBe('too-large');
  });

  it('times out a stalled body', async () => {
    const response = await fetchLimited(`${server.origin}/slow.json`, { ...allow, timeoutMs: 300 });
    const error = await failure(response.text());
    expect(error.code).toBe('timeout');
  });

  it('reports HTTP errors with the status', async () => {
    expect((await failure(fetchLimited(`${server.origin}/missing`, allow))).reason).toBe('HTTP 404 Not Found');
  });

  it('refuses non-http schemes', async () => {
    expect((await failure(fetchLimited('file:///etc/passwd'))).code).toBe('bad-url');
  });

  it('can be cancelled with a signal', async () => {
    const controller = new AbortController();
    const response = await fetchLimited(`${server.origin}/slow.json`, { ...allow, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(response.text())).code).toBe('aborted');
  });
});

describe('fetchListing ipfs:// sources', () => {
  it('needs IPFS settings to read an ipfs:// source, and says so in the error row', async () => {
    const loaded = await fetchListing('ipfs://bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq');
    expect('error' in loaded && loaded.error.message).toMatch(/ipfs:\/\/bafk.*needs IPFS settings/);
  });

  it('gives a bad CID its own error row', async () => {
    const loaded = await fetchListing('ipfs://nope', { ipfs: { gateways: ['http://127.0.0.1:1'] } });
    expect('error' in loaded && loaded.error.code).toBe('bad-ipfs-uri');
  });
});

describe('fetchListing', () => {
  it('returns valid records and flags the bad one', async () => {
    const loaded = await fetchListing(`${server.origin}/bundles.json`, allow);
    if (!('result' in loaded)) throw loaded.error;
    expect(loaded.result.value.bundles.map((b) => b.name)).toEqual(['hello']);
    expect(loaded.result.errors[0]?.location).toBe('bundles[1].id');
  });

  it('says an HTML page is not JSON and suggests the raw URL', async () => {
    const loaded = await fetchListing(`${server.origin}/page.html`, allow);
    expect('error' in loaded && loaded.error.code).toBe('html-not-json');
    expect('error' in loaded && loaded.error.reason).toMatch(/raw/);
  });

  it('turns network failures into an error row', async () => {
    const loaded = await fetchListing(`${server.origin}/missing`, allow);
    expect('error' in loaded && loaded.error.code).toBe('http-status');
  });
});

describe('downloadVerified', () => {
  it('returns verified bytes with progress', async () => {
    const progress: number[] = [];
    const result = await downloadVerified(`${server.origin}/assets/hello.txt`, HELLO_ID, { ...allow, onProgress: (e) => progress.push(e.receivedBytes) });
    expect(new TextDecoder().decode(result.result)).toBe('hello');
    expect(result.sizeBytes).toBe(5);
    expect(progress.at(-1)).toBe(5);
  });

  it('refuses a tampered file showing both ids and keeps nothing', async () => {
    let aborted = false;
    let committed = false;
    const sink = memorySink();
    const error = await failure(downloadVerified(`${server.origin}/tampered.txt`, HELLO_ID, {
      ...allow, sink: { write: sink.write, commit: () => { committed = true; return sink.commit(); }, abort: () => { aborted = true; } },
    }));
    expect(error.code).toBe('id-mismatch');
    expect(error.reason).toContain(HELLO_ID);
    expect(error.reason).toContain(await idOfBytes('hellO'));
    expect([aborted, committed]).toEqual([true, false]);
  });

  it('aborts the sink when the transfer fails', async () => {
    let aborted = false;
    const error = await failure(downloadVerified(`${server.origin}/missing`, HELLO_ID, { ...allow, sink: { write: () => {}, commit: () => 0, abort: () => { aborted = true; } } }));
    expect(error.code).toBe('http-status');
    expect(aborted).toBe(true);
  });

  it('refuses an expected id that is not a carti id', async () => {
    expect((await failure(downloadVerified(`${server.origin}/assets/hello.txt`, 'Qm123', allow))).code).toBe('bad-id');
  });
});
