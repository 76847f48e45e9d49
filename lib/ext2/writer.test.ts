import { describe, expect, it } from 'vitest';
import { CartiError } from '../machine/errors';
import { RO_COMPAT_LARGE_FILE, SUPERBLOCK_OFFSET_BYTES } from './constants';
import { Ext2Reader } from './reader';
import { e2fsck, patternBytes, sameBytes, seededRandom } from './test-support.node.ts';
import { bigDirectoryTree, everyKindTree, randomCase } from './test-trees.node.ts';
import { FileTree } from './tree';
import { planExt2, writeExt2, writeExt2ToBytes } from './writer';

const u32 = (bytes: Uint8Array, offset: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(offset, true);
const u16 = (bytes: Uint8Array, offset: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint16(offset, true);

describe('writeExt2 passes e2fsck -fn', () => {
  for (const blockSizeBytes of [1024, 2048, 4096]) {
    it(`with every entry kind and ${blockSizeBytes}-byte blocks`, async () => {
      const image = await writeExt2ToBytes(everyKindTree(blockSizeBytes), { blockSizeBytes });
      const check = e2fsck(image);
      expect(check.output).not.toMatch(/Fix\?|Clear\?|Salvage\?/);
      expect(check.status).toBe(0);
    });
  }

  it('for 24 seeded random trees, block sizes and size options', async () => {
    const random = seededRandom(42);
    for (let index = 0; index < 24; index++) {
      const { tree, options } = randomCase(random);
      const image = await writeExt2ToBytes(tree, options);
      const check = e2fsck(image);
      expect(check.status, `case ${index}: ${JSON.stringify(options)}\n${check.output}`).toBe(0);
    }
  });

  it('for an empty tree (root and lost+found only)', async () => {
    expect(e2fsck(await writeExt2ToBytes(new FileTree())).status).toBe(0);
  });

  it('for a directory of 5000 entries spanning indirect directory blocks', async () => {
    const image = await writeExt2ToBytes(bigDirectoryTree(5000), { blockSizeBytes: 1024 });
    expect(e2fsck(image).status).toBe(0);
  });

  it('for a 1 KiB-block image of many groups, with sparse superblock backups in groups 1, 3, 5, 7 and 9', async () => {
    const tree = new FileTree();
    tree.addFile('/blob', patternBytes(80 << 20, 9));
    const image = await writeExt2ToBytes(tree, { blockSizeBytes: 1024 });
    const check = e2fsck(image);
    expect(check.status, check.output).toBe(0);
    const groupBytes = 8192 * 1024;
    const magicAt = (group: number) => u16(image, 1024 + group * groupBytes + 56);
    expect([1, 3, 5, 7, 9].map(magicAt)).toEqual([0xef53, 0xef53, 0xef53, 0xef53, 0xef53]);
    // Other groups start with their block bitmap.
    expect([2, 4, 6, 8].map(magicAt)).not.toContain(0xef53);
    expect(u16(image, 1024 + 3 * groupBytes + 90)).toBe(3); // s_block_group_nr of the backup
  });
});

describe('writeExt2 format choices', () => {
  it('gives lost+found inode 11 with mode 0700 and the root mode from the tree', async () => {
    const tree = new FileTree({ rootAttributes: { mode: 0o711 } });
    const reader = await Ext2Reader.open(await writeExt2ToBytes(tree));
    expect((await reader.inode(2)).mode).toBe(0o40711);
    const entries = await reader.directory(await reader.inode(2));
    expect(entries).toEqual([{ name: 'lost+found', inode: 11, fileType: 2 }]);
    expect((await reader.inode(11)).mode).toBe(0o40700);
    expect((await reader.inode(11)).sizeBytes).toBe(16384);
  });

  it('defaults the root mode to 0755', async () => {
    const reader = await Ext2Reader.open(await writeExt2ToBytes(new FileTree()));
    expect((await reader.inode(2)).permissions).toBe(0o755);
  });

  it('writes revision 1, 128-byte inodes, FILETYPE and SPARSE_SUPER, zero UUID and no reserved blocks', async () => {
    const image = await writeExt2ToBytes(everyKindTree());
    const superblock = image.subarray(SUPERBLOCK_OFFSET_BYTES, SUPERBLOCK_OFFSET_BYTES + 1024);
    expect(u32(superblock, 76)).toBe(1);
    expect(u16(superblock, 88)).toBe(128);
    expect(u32(superblock, 96)).toBe(0x2);
    expect(u32(superblock, 100)).toBe(0x1);
    expect(u32(superblock, 8)).toBe(0);
    expect([...superblock.subarray(104, 120)].every((byte) => byte === 0)).toBe(true);
    expect(u32(superblock, 24)).toBe(2);
  });

  it('sets LARGE_FILE only when a file reaches 2 GiB', () => {
    const huge = { sizeBytes: 2 ** 31, read: () => new Uint8Array() };
    const tree = new FileTree();
    tree.addFile('/huge', huge);
    expect(planExt2(tree).featureRoCompat & RO_COMPAT_LARGE_FILE).toBe(RO_COMPAT_LARGE_FILE);
    expect(planExt2(everyKindTree()).featureRoCompat & RO_COMPAT_LARGE_FILE).toBe(0);
  });

  it('writes the given volume name, UUID and timestamp', async () => {
    const uuid = new Uint8Array(16).fill(7);
    const reader = await Ext2Reader.open(await writeExt2ToBytes(new FileTree(), { volumeName: 'rootfs', uuid, timestampSeconds: 1234 }));
    expect(reader.superblock.volumeName).toBe('rootfs');
    expect(reader.superblock.uuid).toEqual(uuid);
    expect((await reader.inode(2)).mtime).toBe(1234);
  });
});

describe('writeExt2 size', () => {
  it('leaves at least the requested free bytes and free inodes', async () => {
    const image = await writeExt2ToBytes(everyKindTree(), { freeBytes: 10 << 20, freeInodes: 500 });
    const reader = await Ext2Reader.open(image);
    expect(reader.superblock.freeBlocksCount * 4096).toBeGreaterThanOrEqual(10 << 20);
    expect(reader.superblock.freeInodesCount).toBeGreaterThanOrEqual(500);
    expect(e2fsck(image).status).toBe(0);
  });

  it('uses a fixed size when it fits', async () => {
    const image = await writeExt2ToBytes(everyKindTree(), { sizeBytes: 8 << 20 });
    expect(image.length).toBe(8 << 20);
    expect(e2fsck(image).status).toBe(0);
  });

  it('refuses a fixed size that is too small and says how much is needed', () => {
    const tree = new FileTree();
    tree.addFile('/blob', new Uint8Array(3 << 20));
    let error: unknown;
    try {
      planExt2(tree, { sizeBytes: 1 << 20, inputName: 'drive.ext2' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CartiError);
    const typed = error as CartiError;
    expect(typed.code).toBe('EXT2_DOES_NOT_FIT');
    expect(typed.message).toMatch(/^drive\.ext2: sizeBytes: the content needs at least \d+ bytes/);
    const needed = Number(/at least (\d+) bytes/.exec(typed.reason)![1]);
    expect(needed).toBeGreaterThan(3 << 20);
    expect(planExt2(tree, { sizeBytes: needed, freeInodes: 0 }).imageSizeBytes).toBe(needed);
  });

  it('adds groups when the requested inodes do not fit one inode bitmap', async () => {
    const image = await writeExt2ToBytes(new FileTree(), { blockSizeBytes: 1024, freeInodes: 100_000 });
    const reader = await Ext2Reader.open(image);
    expect(reader.superblock.groupCount).toBeGreaterThanOrEqual(13);
    expect(reader.superblock.freeInodesCount).toBeGreaterThanOrEqual(100_000);
    expect(e2fsck(image).status).toBe(0);
  });

  it('drops a last group too small for its own metadata in a fixed size, as mke2fs does', async () => {
    const sizeBytes = (2 * 32768 + 3) * 4096;
    const image = await writeExt2ToBytes(everyKindTree(), { sizeBytes });
    expect(image.length).toBe(sizeBytes);
    const reader = await Ext2Reader.open(image);
    expect(reader.superblock.blocksCount).toBe(2 * 32768);
    expect(e2fsck(image).status).toBe(0);
  });

  it('pads the image length to a multiple of 2 MiB', async () => {
    const image = await writeExt2ToBytes(everyKindTree(), { padToMultipleOfBytes: 2 << 20 });
    expect(image.length % (2 << 20)).toBe(0);
    expect(e2fsck(image).status).toBe(0);
  });

  it('refuses more than 32000 links to one inode', () => {
    const tree = new FileTree();
    tree.addFile('/f', new Uint8Array());
    for (let index = 0; index < 32000; index++) tree.addHardLink(`/l${index}`, '/f');
    expect(() => planExt2(tree)).toThrow(/32001 links .* more than ext2's 32000/);
  });

  it('rejects unsupported options with the option named', () => {
    expect(() => planExt2(new FileTree(), { blockSizeBytes: 8192 })).toThrow(/blockSizeBytes: 8192 is not 1024, 2048 or 4096/);
    expect(() => planExt2(new FileTree(), { sizeBytes: 1 << 20, freeBytes: 1 })).toThrow(/either sizeBytes/);
  });
});

describe('writeExt2 streaming', () => {
  it('calls the sink in order with contiguous chunks of at most 1 MiB covering the image', async () => {
    const tree = new FileTree();
    tree.addFile('/blob', patternBytes(5 << 20, 5));
    const plan = planExt2(tree, { freeBytes: 3 << 20 });
    let expectedOffset = 0;
    let largest = 0;
    await writeExt2(plan, (offset, bytes) => {
      expect(offset).toBe(expectedOffset);
      expectedOffset += bytes.length;
      largest = Math.max(largest, bytes.length);
    });
    expect(expectedOffset).toBe(plan.imageSizeBytes);
    expect(largest).toBeLessThanOrEqual(1 << 20);
  });

  it('reads a lazy async source and writes the same image as the bytes', async () => {
    const content = patternBytes((3 << 20) + 123, 6);
    const lazy = new FileTree();
    lazy.addFile('/f', { sizeBytes: content.length, read: async (offset, length) => content.slice(offset, offset + length) });
    const eager = new FileTree();
    eager.addFile('/f', content);
    expect(sameBytes(await writeExt2ToBytes(lazy), await writeExt2ToBytes(eager))).toBe(true);
  });

  it('fails with a typed error when a source returns fewer bytes than its size', async () => {
    const tree = new FileTree();
    tree.addFile('/short', { sizeBytes: 10_000, read: () => new Uint8Array(5) });
    await expect(writeExt2ToBytes(tree)).rejects.toMatchObject({ code: 'EXT2_SOURCE_READ' });
  });
});
