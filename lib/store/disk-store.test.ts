import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CartiError } from '../carti/errors';
import { HELLO_ID } from '../carti/id';
import type { Bundle } from '../carti/types';
import { send, startServer, type TestServer } from '../fetch/test-server.node.js';
import { DiskStore, globalStoreDir, localStoreDir } from './disk-store.node.js';

let server: TestServer;
let allow: { allowList: string[] };
beforeAll(async () => {
  server = await startServer({ '/hello.txt': send('hello'), '/tampered.txt': send('hellO'), '/gone': send('x', 'text/plain', 500) });
  allow = { allowList: [server.origin] };
});
afterAll(() => server.close());

const hello: Bundle = { bundleType: 'flashdrive', name: 'hello', fileName: 'hello.txt', id: HELLO_ID, version: '1.0.0', uri: 'https://example.org/hello.txt' };
const newStore = async () => new DiskStore(join(await mkdtemp(join(tmpdir(), 'carti-store-')), 'carti_bundles'), 'local');
const failure = async (promise: Promise<unknown>) => {
  try { await promise; } catch (error) { return error as CartiError; }
  throw new Error('expected a failure');
};

describe('disk store', () => {
  it('uses carti\'s local and global locations', () => {
    expect(localStoreDir('/p')).toBe('/p/carti_bundles');
    expect(globalStoreDir('/home/u')).toBe('/home/u/.carti/carti_bundles');
  });

  it('installs a verified download as <id>/<fileName> with the full record in carti-meta.json', async () => {
    const store = await newStore();
    const entry = await store.install(hello, `${server.origin}/hello.txt`, allow);
    expect(entry.path).toBe(join(store.base, HELLO_ID, 'hello.txt'));
    expect(await readFile(entry.path, 'utf8')).toBe('hello');
    const meta = await readFile(join(store.base, HELLO_ID, 'carti-meta.json'), 'utf8');
    expect(meta).toBe(`${JSON.stringify({ bundleType: 'flashdrive', name: 'hello', fileName: 'hello.txt', id: HELLO_ID, version: '1.0.0', uri: 'https://example.org/hello.txt' })}\n`);
  });

  it('writes carti\'s local index keyed by the stored file path', async () => {
    const store = await newStore();
    const entry = await store.install(hello, `${server.origin}/hello.txt`, allow);
    const index = JSON.parse(await readFile(join(store.base, '.carti', '.bundles_index.json'), 'utf8'));
    expect(index[entry.path][0]).toMatchObject({ id: HELLO_ID, uri: entry.path });
  });

  it('leaves nothing behind when the download does not match its id', async () => {
    const store = await newStore();
    const error = await failure(store.install(hello, `${server.origin}/tampered.txt`, allow));
    expect(error.code).toBe('id-mismatch');
    expect(await readdir(store.base).catch(() => [])).toEqual([]);
    expect(await store.get(HELLO_ID)).toBeUndefined();
  });

  it('leaves nothing behind when the server fails', async () => {
    const store = await newStore();
    await failure(store.install(hello, `${server.origin}/gone`, allow));
    expect(await readdir(store.base).catch(() => [])).toEqual([]);
  });

  it('adds a local file under its computed id, without its source path in the meta', async () => {
    const store = await newStore();
    const source = join(await mkdtemp(join(tmpdir(), 'carti-src-')), 'h.txt');
    await writeFile(source, 'hello');
    const entry = await store.addFile(source, { bundleType: 'flashdrive', name: 'h', version: '0.1.0', fileName: 'h.txt' });
    expect(entry.bundle.id).toBe(HELLO_ID);
    const meta = await readFile(join(store.base, HELLO_ID, 'carti-meta.json'), 'utf8');
    expect(meta).not.toContain(source);
    expect((await readdir(store.base)).filter((n) => n.startsWith('.incoming'))).toEqual([]);
  });

  it('copies from another disk store path and verifies it', async () => {
    const from = await newStore();
    const to = await newStore();
    const entry = await from.install(hello, `${server.origin}/hello.txt`, allow);
    expect((await to.installFromPath(hello, entry.path)).sizeBytes).toBe(5);
    const wrong = { ...hello, id: (await from.list())[0]!.bundle.id.replace(/.$/, 'a') };
    expect(await failure(to.installFromPath(wrong, entry.path))).toBeInstanceOf(CartiError);
  });

  it('reads the `carti bundle` meta shape carti wrote', async () => {
    const store = await newStore();
    await store.install(hello, `${server.origin}/hello.txt`, allow);
    await writeFile(join(store.base, HELLO_ID, 'carti-meta.json'), '{"bundleType":"flashdrive","name":"old","fileName":"hello.txt","path":"/home/x/hello.txt","version":"1"}\n');
    expect((await store.get(HELLO_ID))?.bundle).toEqual({ bundleType: 'flashdrive', name: 'old', fileName: 'hello.txt', id: HELLO_ID, version: '1' });
  });

  it('finds by name and lists, then removes', async () => {
    const store = await newStore();
    await store.install(hello, `${server.origin}/hello.txt`, allow);
    expect((await store.findByName('hello')).map((e) => e.bundle.id)).toEqual([HELLO_ID]);
    await store.remove(HELLO_ID);
    expect(await store.list()).toEqual([]);
  });
});
