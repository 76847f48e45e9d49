import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CID } from 'multiformats/cid';
import { directoryBlock, fileCid, UNIXFS_PARAMETERS, UnixfsFileHasher, RAW_CODEC, DAG_PB_CODEC } from './unixfs-cid';

const CHUNK = UNIXFS_PARAMETERS.chunkSizeBytes;

function patterned(lengthBytes: number): Uint8Array {
  const bytes = new Uint8Array(lengthBytes);
  for (let index = 0; index < lengthBytes; index++) bytes[index] = (index * 31 + (index >> 8)) & 0xff;
  return bytes;
}

describe('fileCid', () => {
  it('gives a file of one chunk the raw CID of its sha-256', async () => {
    const bytes = patterned(1000);
    const entry = await fileCid(bytes);
    expect(entry.cid.code).toBe(RAW_CODEC);
    expect(Buffer.from(entry.cid.multihash.digest).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('keeps a file of exactly one chunk as a single raw block', async () => {
    const entry = await fileCid(patterned(CHUNK));
    expect(entry.cid.code).toBe(RAW_CODEC);
    expect(entry.dagSizeBytes).toBe(CHUNK);
  });

  it('gives a file one byte over a chunk a dag-pb root', async () => {
    const entry = await fileCid(patterned(CHUNK + 1));
    expect(entry.cid.code).toBe(DAG_PB_CODEC);
    expect(entry.fileSizeBytes).toBe(CHUNK + 1);
    expect(entry.dagSizeBytes).toBeGreaterThan(CHUNK + 1);
  });

  it('does not depend on how the input is split into chunks', async () => {
    const bytes = patterned(3 * CHUNK + 12345);
    async function* pieces(size: number) {
      for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
    }
    const whole = await fileCid(bytes);
    const small = await fileCid(pieces(7777));
    const large = await fileCid(pieces(CHUNK * 2 + 3));
    expect(small.cid.toString()).toBe(whole.cid.toString());
    expect(large.cid.toString()).toBe(whole.cid.toString());
  });

  it('reports the bytes hashed so far', async () => {
    const hasher = new UnixfsFileHasher();
    await hasher.update(patterned(10));
    await hasher.update(patterned(20));
    expect(hasher.bytesHashed).toBe(30);
  });
});

describe('directoryBlock', () => {
  it('does not depend on the order children are given in', async () => {
    const a = await fileCid(patterned(10));
    const b = await fileCid(patterned(20));
    const one = await directoryBlock(new Map([['a', a], ['b', b]]));
    const two = await directoryBlock(new Map([['b', b], ['a', a]]));
    expect(one.entry.cid.toString()).toBe(two.entry.cid.toString());
    expect(CID.parse(one.entry.cid.toString()).code).toBe(DAG_PB_CODEC);
  });

  it('counts the children in its cumulative size', async () => {
    const a = await fileCid(patterned(10));
    const block = await directoryBlock(new Map([['a', a]]));
    expect(block.entry.dagSizeBytes).toBe(block.bytes.byteLength + 10);
  });
});
