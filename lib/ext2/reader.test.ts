import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Ext2Reader, readExt2Tree } from './reader';
import { makeTempDir, run, snapshot } from './test-support.node.ts';
import { everyKindTree } from './test-trees.node.ts';
import { FileTree } from './tree';
import { writeExt2ToBytes } from './writer';
import { fileByteSource, writeExt2ToFile } from './writer.node.ts';

describe('Ext2Reader', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('reads through an async random-access source the same tree as from bytes', async () => {
    const image = await writeExt2ToBytes(everyKindTree());
    let reads = 0;
    const source = { sizeBytes: image.length, read: async (offset: number, length: number) => { reads++; return image.slice(offset, offset + length); } };
    expect(await snapshot(await readExt2Tree(source))).toEqual(await snapshot(await readExt2Tree(image)));
    expect(reads).toBeGreaterThan(0);
  });

  it('reads an image file through fileByteSource without loading it whole', async () => {
    const path = join(temp.dir, 'image.ext2');
    const size = await writeExt2ToFile(everyKindTree(), path);
    const tree = await readExt2Tree(fileByteSource(path, size), { inputName: path });
    expect(tree.get('/etc/hostname')?.kind).toBe('file');
  });

  it('refuses bytes that are not ext2 with the magic named', async () => {
    await expect(Ext2Reader.open(new Uint8Array(4096), { inputName: 'zeros.img' })).rejects.toMatchObject({
      code: 'EXT2_BAD_MAGIC', input: 'zeros.img', location: 'byte 1080 (superblock s_magic)',
    });
  });

  it('refuses an image shorter than a superblock as truncated', async () => {
    await expect(Ext2Reader.open(new Uint8Array(1500))).rejects.toMatchObject({ code: 'EXT2_TRUNCATED' });
  });

  it('refuses ext4 extents with the feature named', async () => {
    const path = join(temp.dir, 'ext4.img');
    expect(run('mke2fs', ['-q', '-F', '-t', 'ext4', path, '4M']).status).toBe(0);
    await expect(Ext2Reader.open(readFileSync(path))).rejects.toMatchObject({
      code: 'EXT2_UNSUPPORTED_FEATURE', reason: expect.stringContaining('extents'),
    });
  });

  it('reads holes in a sparse file as zeros', async () => {
    const tree = new FileTree();
    tree.addFile('/f', new Uint8Array(5 * 4096).fill(7));
    const image = await writeExt2ToBytes(tree);
    const reader = await Ext2Reader.open(image);
    const inode = await reader.inode(12);
    // Turn data block 2 into a hole by clearing its pointer in the inode.
    new DataView(image.buffer).setUint32(inode.offsetBytes + 40 + 8, 0, true);
    const patched = await Ext2Reader.open(image);
    const bytes = await patched.readFile(await patched.inode(12));
    expect(bytes.subarray(2 * 4096, 3 * 4096).every((byte) => byte === 0)).toBe(true);
    expect(bytes[4 * 4096]).toBe(7);
  });

  it('refuses a read outside the file', async () => {
    const reader = await Ext2Reader.open(await writeExt2ToBytes(everyKindTree()));
    const entry = (await reader.entries()).find((item) => item.paths[0] === '/empty')!;
    await expect(reader.fileSource(entry.inode).read(0, 1)).rejects.toMatchObject({ code: 'EXT2_BAD_READ' });
  });

  it('stops at the entry limit', async () => {
    const tree = new FileTree();
    for (let index = 0; index < 50; index++) tree.addFifo(`/f${index}`);
    await expect(readExt2Tree(await writeExt2ToBytes(tree), { maxEntries: 20 })).rejects.toMatchObject({ code: 'EXT2_LIMIT_EXCEEDED' });
  });
});

describe('writeExt2ToFile', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('leaves nothing behind when a content source fails', async () => {
    const { readdirSync } = await import('node:fs');
    const tree = new FileTree();
    tree.addFile('/bad', { sizeBytes: 100, read: () => { throw new Error('disk gone'); } });
    await expect(writeExt2ToFile(tree, join(temp.dir, 'out.ext2'))).rejects.toMatchObject({ code: 'EXT2_SOURCE_READ', reason: expect.stringContaining('disk gone') });
    expect(readdirSync(temp.dir)).toEqual([]);
  });
});
