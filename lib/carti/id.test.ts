import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CartiError } from './errors';
import { HELLO_ID, checkId, createIdHasher, idOfBytes, idOfStream, isCartiId, parseId } from './id';
import { idOfFile } from './id.node.js';

describe('bundle ids', () => {
  it('gives the reference id of "hello" (§2.4)', async () => {
    expect(await idOfBytes(new TextEncoder().encode('hello'))).toBe(HELLO_ID);
    expect(HELLO_ID).toBe('baenrwic5gakagfyum5usyghneve4rza6bq7xiuougvkdephvzun62zfsxm');
  });

  it('hashes strings as UTF-8 bytes', async () => {
    expect(await idOfBytes('hello')).toBe(HELLO_ID);
  });

  it('gives the same id for a stream split into uneven chunks', async () => {
    const data = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);
    const chunks = [data.subarray(0, 1), data.subarray(1, 70_001), data.subarray(70_001)];
    async function* source() { yield* chunks; }
    expect(await idOfStream(source())).toBe(await idOfBytes(data));
  });

  it('reads a web ReadableStream and reports progress', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('hel'));
        controller.enqueue(new TextEncoder().encode('lo'));
        controller.close();
      },
    });
    const seen: number[] = [];
    expect(await idOfStream(stream, (n) => seen.push(n))).toBe(HELLO_ID);
    expect(seen).toEqual([3, 5]);
  });

  it('computes incrementally with createIdHasher', async () => {
    const hasher = await createIdHasher();
    hasher.update(new TextEncoder().encode('he'));
    hasher.update(new TextEncoder().encode('llo'));
    expect(await hasher.finish()).toBe(HELLO_ID);
  });

  it('hashes a file from disk with idOfFile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carti-id-'));
    const path = join(dir, 'hello.txt');
    await writeFile(path, 'hello');
    const progress: number[] = [];
    expect(await idOfFile(path, (n) => progress.push(n))).toBe(HELLO_ID);
    expect(progress.at(-1)).toBe(5);
  });

  it('decodes an id into its parts', () => {
    expect(parseId(HELLO_ID)).toEqual({
      version: 1, codec: 0x1b, hashCode: 0x1b, digestSize: 32,
      digestHex: '5d301403171467692c18ed2549c8e41e0c3f7451d43554323cf5cd1bed64b2bb',
    });
  });

  it('rejects an upper-case id with a reason', () => {
    const result = parseId(HELLO_ID.toUpperCase(), 'bundles.json', 'bundles[0].id');
    expect(result).toBeInstanceOf(CartiError);
    expect((result as CartiError).message).toMatch(/bundles\.json: bundles\[0\]\.id: .*starts with "b"/);
  });

  it('rejects a CID with the raw codec', () => {
    // CIDv1, codec raw 0x55, multihash keccak-256: same digest, wrong codec slot.
    const result = parseId('bafkrwic5gakagfyum5usyghneve4rza6bq7xiuougvkdephvzun62zfsxm');
    expect(result).toBeInstanceOf(CartiError);
    expect((result as CartiError).reason).toMatch(/codec 0x55/);
  });

  it('rejects a truncated id', () => {
    const result = parseId(HELLO_ID.slice(0, 40));
    expect(result).toBeInstanceOf(CartiError);
    expect((result as CartiError).code).toBe('bad-id');
  });

  it('rejects arbitrary text', () => {
    expect(isCartiId('fake-id')).toBe(false);
    expect(isCartiId(42)).toBe(false);
    expect(isCartiId(HELLO_ID)).toBe(true);
  });

  it('checkId throws the parse error', () => {
    expect(() => checkId('nope', 'pkg', 'assets[0].cid')).toThrow(/pkg: assets\[0\]\.cid:/);
  });
});

describe('idOfFile errors', () => {
  it('rejects for a missing file', async () => {
    await expect(idOfFile('/nonexistent/carti/file')).rejects.toThrow(/ENOENT/);
  });
});
