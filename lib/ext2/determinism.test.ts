import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXT2_WRITER_VERSION } from './constants';
import { Ext2Reader, readExt2Tree } from './reader';
import { seededRandom } from './test-support.node.ts';
import { everyKindTree } from './test-trees.node.ts';
import { FileTree } from './tree';
import { writeExt2ToBytes } from './writer';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function shuffledTree(seed: number): FileTree {
  const random = seededRandom(seed);
  const paths = Array.from({ length: 200 }, (_, index) => `/d${index % 7}/sub${index % 3}/file-${index}`);
  for (let index = paths.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [paths[index], paths[other]] = [paths[other], paths[index]];
  }
  const tree = new FileTree();
  for (const path of paths) tree.addFile(path, new TextEncoder().encode(path.repeat(50)), { mode: 0o640 });
  return tree;
}

describe('ext2 writer determinism', () => {
  it('writes byte-identical images for the same tree', async () => {
    expect(sha256(await writeExt2ToBytes(everyKindTree()))).toBe(sha256(await writeExt2ToBytes(everyKindTree())));
  });

  it('gives the same image whatever order the entries were added in', async () => {
    expect(sha256(await writeExt2ToBytes(shuffledTree(1)))).toBe(sha256(await writeExt2ToBytes(shuffledTree(2))));
  });

  it('rewrites a read-back image to the same bytes (image → tree → image)', async () => {
    const first = await writeExt2ToBytes(everyKindTree());
    const second = await writeExt2ToBytes(await readExt2Tree(first));
    expect(sha256(second)).toBe(sha256(first));
  });

  it('changes the image when one byte of content changes', async () => {
    const a = new FileTree();
    a.addFile('/f', new Uint8Array([1]));
    const b = new FileTree();
    b.addFile('/f', new Uint8Array([2]));
    expect(sha256(await writeExt2ToBytes(a))).not.toBe(sha256(await writeExt2ToBytes(b)));
  });

  it('numbers inodes from 12 in walk order: a directory\'s entries together, by name bytes', async () => {
    const tree = new FileTree();
    for (const path of ['/b/y', '/a/x', '/c']) tree.addFifo(path);
    const reader = await Ext2Reader.open(await writeExt2ToBytes(tree));
    const numbers = Object.fromEntries((await reader.entries()).map((entry) => [entry.paths[0], entry.inode.number]));
    expect(numbers).toMatchObject({ '/': 2, '/lost+found': 11, '/a': 12, '/b': 13, '/c': 14, '/a/x': 15, '/b/y': 16 });
  });

  it('allocates data blocks contiguously in inode order', async () => {
    const tree = new FileTree();
    tree.addFile('/a', new Uint8Array(3 * 4096).fill(1));
    tree.addFile('/b', new Uint8Array(2 * 4096).fill(2));
    const reader = await Ext2Reader.open(await writeExt2ToBytes(tree));
    const [a, b] = [await reader.inode(12), await reader.inode(13)];
    expect(a.block.slice(0, 3)).toEqual([a.block[0], a.block[0] + 1, a.block[0] + 2]);
    expect(b.block[0]).toBe(a.block[0] + 3);
  });

  it('leaves every byte after the last block marked used in the block bitmap zero', async () => {
    const image = await writeExt2ToBytes(everyKindTree(), { freeBytes: 1 << 20 });
    const reader = await Ext2Reader.open(image);
    expect(reader.groups.length).toBe(1);
    const { blocksCount } = reader.superblock;
    const bitmap = image.subarray(reader.groups[0].blockBitmap * 4096, reader.groups[0].blockBitmap * 4096 + 4096);
    let lastUsed = 0;
    for (let block = 0; block < blocksCount; block++) if (bitmap[block >> 3] & (1 << (block & 7))) lastUsed = block;
    expect(blocksCount - lastUsed).toBeGreaterThan(256);
    expect(image.subarray((lastUsed + 1) * 4096).every((byte) => byte === 0)).toBe(true);
  });

  it('exports the writer format version', () => {
    expect(EXT2_WRITER_VERSION).toBe(1);
  });
});
