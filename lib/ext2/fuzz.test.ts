// Corrupt-image fuzzing of the reader with fixed seeds: every case must either read or throw a typed CartiError
// (never a plain exception, never the reader's own "bug" safety net), and finish quickly.
import { beforeAll, describe, expect, it } from 'vitest';
import { CartiError } from '../machine/errors';
import { Ext2Reader } from './reader';
import { seededRandom } from './test-support.node.ts';
import { FileTree } from './tree';
import { writeExt2ToBytes } from './writer';

const MAX_FILE_BYTES_READ = 1 << 20;
const CASE_TIME_CAP_MS = 2000;

function fuzzTree(): FileTree {
  const tree = new FileTree();
  tree.addFile('/etc/hostname', new TextEncoder().encode('carti\n'), { uid: 70_000 });
  tree.addFile('/data/single-indirect', new Uint8Array(20 * 1024).fill(0x5a));
  tree.addFile('/data/double-indirect', new Uint8Array((12 + 256 + 2) * 1024).fill(0xa5));
  tree.addHardLink('/etc/hostname-link', '/etc/hostname');
  tree.addSymlink('/fast', 'etc/hostname');
  tree.addSymlink('/slow', 's'.repeat(100));
  tree.addDevice('/dev/null', 'char', 1, 3);
  tree.addDevice('/dev/wide', 'block', 300, 70_000);
  tree.addFifo('/run/fifo');
  tree.addSocket('/run/socket');
  for (let index = 0; index < 150; index++) tree.addFile(`/many/file-${index}`, new Uint8Array(index % 5).fill(index));
  return tree;
}

/** Reads everything the reader offers: the listing, each symlink and up to 1 MiB of each file. */
async function readEverything(image: Uint8Array): Promise<string> {
  const reader = await Ext2Reader.open(image, { inputName: 'fuzzed.ext2' });
  const entries = await reader.entries();
  for (const entry of entries) {
    if (entry.inode.kind === 'file') {
      const source = reader.fileSource(entry.inode);
      await source.read(0, Math.min(source.sizeBytes, MAX_FILE_BYTES_READ));
    }
  }
  await reader.toTree();
  return 'read';
}

async function outcome(image: Uint8Array): Promise<string> {
  const started = performance.now();
  let result: string;
  try {
    result = await readEverything(image);
  } catch (error) {
    if (!(error instanceof CartiError)) throw new Error(`untyped error: ${(error as Error)?.stack ?? String(error)}`);
    expect(error.code).toMatch(/^EXT2_/);
    expect(error.code).not.toBe('EXT2_READER_BUG');
    expect(error.message).toContain('fuzzed.ext2');
    result = error.code;
  }
  expect(performance.now() - started).toBeLessThan(CASE_TIME_CAP_MS);
  return result;
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of outcomes) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}

describe('reader fuzzing', () => {
  let valid: Uint8Array;
  /** End of the metadata and directory area, where flips matter most. */
  let metadataEnd: number;

  beforeAll(async () => {
    valid = await writeExt2ToBytes(fuzzTree(), { blockSizeBytes: 1024 });
    const reader = await Ext2Reader.open(valid);
    metadataEnd = (reader.groups[0].inodeTable + 64) * 1024;
  });

  it('reads the unmodified image', async () => {
    expect(await outcome(valid)).toBe('read');
  });

  it('survives 2000 cases of random byte flips in the metadata area (seed 1)', async () => {
    const random = seededRandom(1);
    const results: string[] = [];
    for (let index = 0; index < 2000; index++) {
      const image = valid.slice();
      const flips = 1 + Math.floor(random() * 8);
      for (let flip = 0; flip < flips; flip++) image[Math.floor(random() * metadataEnd)] ^= 1 + Math.floor(random() * 255);
      results.push(await outcome(image));
    }
    const counts = tally(results);
    expect(counts.read).toBeGreaterThan(0);
    expect(Object.keys(counts).length).toBeGreaterThan(3);
  });

  it('survives 1500 cases of random 32-bit values written into superblock, descriptor and inode fields (seed 2)', async () => {
    const random = seededRandom(2);
    const reader = await Ext2Reader.open(valid);
    const inodeTable = reader.groups[0].inodeTable * 1024;
    const interesting = [0, 1, 2, 0xff, 0xffff, 0x7fffffff, 0xffffffff, 11, 12, 4096];
    const results: string[] = [];
    for (let index = 0; index < 1500; index++) {
      const image = valid.slice();
      const view = new DataView(image.buffer);
      const region = random();
      // Superblock fields, group descriptor 0, or the inode table (root and the first 200 inodes), 4-byte aligned.
      const offset = region < 0.3 ? 1024 + 4 * Math.floor(random() * 64)
        : region < 0.45 ? 2048 + 4 * Math.floor(random() * 8)
          : inodeTable + 128 + 4 * Math.floor(random() * 32 * 200);
      const value = random() < 0.5 ? interesting[Math.floor(random() * interesting.length)] : Math.floor(random() * 2 ** 32);
      view.setUint32(offset, value, true);
      results.push(await outcome(image));
    }
    expect(Object.keys(tally(results)).length).toBeGreaterThan(3);
  });

  it('survives 500 truncations at random lengths (seed 3)', async () => {
    const random = seededRandom(3);
    const results: string[] = [];
    for (let index = 0; index < 500; index++) {
      results.push(await outcome(valid.slice(0, Math.floor(random() * valid.length))));
    }
    expect(tally(results).EXT2_TRUNCATED).toBeGreaterThan(0);
  });

  it('reports a directory cycle instead of looping', async () => {
    // Point the first entry of a subdirectory back at the root (its "." entry's inode becomes 2 too, which is fine).
    const image = valid.slice();
    const reader = await Ext2Reader.open(image);
    const etc = (await reader.directory(await reader.inode(2))).find((entry) => entry.name === 'etc')!;
    const etcInode = await reader.inode(etc.inode);
    const block = etcInode.block[0] * 1024;
    const view = new DataView(image.buffer);
    // Skip "." (12 bytes) and ".." (12 bytes): the third entry becomes a link to the root directory.
    view.setUint32(block + 24, 2, true);
    image[block + 24 + 7] = 2;
    await expect(readEverything(image)).rejects.toMatchObject({ code: 'EXT2_DIRECTORY_CYCLE' });
  });

  it('names the image, the byte offset and the reason for a bad magic', async () => {
    const image = valid.slice();
    image[1024 + 56] = 0;
    await expect(readEverything(image)).rejects.toThrow(/^fuzzed\.ext2: byte 1080 \(superblock s_magic\): 0xef00 is not the ext2 magic/);
  });
});
