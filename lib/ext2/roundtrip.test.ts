import { describe, expect, it } from 'vitest';
import { readExt2Tree, Ext2Reader } from './reader';
import { seededRandom, snapshot } from './test-support.node.ts';
import { bigDirectoryTree, everyKindTree, randomCase } from './test-trees.node.ts';
import { FileTree } from './tree';
import { writeExt2ToBytes } from './writer';

/** The tree the image should read back as: the input plus the writer's lost+found. */
async function expectedSnapshot(tree: FileTree) {
  const expected = await snapshot(tree);
  expected['/lost+found'] ??= { kind: 'directory', mode: 0o700, uid: 0, gid: 0, atime: 0, ctime: 0, mtime: 0, linkGroup: '/lost+found' };
  return expected;
}

describe('ext2 round trip (tree → image → tree)', () => {
  for (const blockSizeBytes of [1024, 4096]) {
    it(`keeps every entry kind, mode, owner, time, link and content with ${blockSizeBytes}-byte blocks`, async () => {
      const tree = everyKindTree(blockSizeBytes);
      const back = await readExt2Tree(await writeExt2ToBytes(tree, { blockSizeBytes }));
      expect(await snapshot(back)).toEqual(await expectedSnapshot(tree));
    });
  }

  it('keeps 12 seeded random trees with random block sizes and size options', async () => {
    const random = seededRandom(7);
    for (let index = 0; index < 12; index++) {
      const { tree, options } = randomCase(random);
      const back = await readExt2Tree(await writeExt2ToBytes(tree, options));
      expect(await snapshot(back), `case ${index}`).toEqual(await expectedSnapshot(tree));
    }
  });

  it('keeps uid and gid above 65535 (high 16 bits in osd2)', async () => {
    const tree = new FileTree();
    tree.addFile('/f', new Uint8Array([1]), { uid: 0xfffffffe, gid: 65536 });
    const node = (await readExt2Tree(await writeExt2ToBytes(tree))).get('/f')!;
    expect([node.uid, node.gid]).toEqual([0xfffffffe, 65536]);
  });

  it('keeps device numbers in both encodings', async () => {
    const tree = new FileTree();
    tree.addDevice('/old', 'char', 255, 255);
    tree.addDevice('/new', 'block', 0xfff, 0xfffff);
    const back = await readExt2Tree(await writeExt2ToBytes(tree));
    expect(back.get('/old')).toMatchObject({ kind: 'char-device', major: 255, minor: 255 });
    expect(back.get('/new')).toMatchObject({ kind: 'block-device', major: 0xfff, minor: 0xfffff });
  });

  it('reads hard links as one inode with several paths', async () => {
    const reader = await Ext2Reader.open(await writeExt2ToBytes(everyKindTree()));
    const linked = (await reader.entries()).find((entry) => entry.paths.includes('/etc/hostname'))!;
    expect([...linked.paths].sort()).toEqual(['/data/hostname-again', '/etc/hostname', '/etc/hostname-link']);
    expect(linked.inode.linksCount).toBe(3);
  });

  it('keeps a directory of 3000 entries spanning several blocks', async () => {
    const tree = bigDirectoryTree(3000);
    const back = await readExt2Tree(await writeExt2ToBytes(tree));
    expect(await snapshot(back)).toEqual(await expectedSnapshot(tree));
  });

  it('keeps a lost+found supplied by the tree, with its contents', async () => {
    const tree = new FileTree();
    tree.addDirectory('/lost+found', { mode: 0o750, uid: 3 });
    tree.addFile('/lost+found/#12', new Uint8Array([9]));
    const back = await readExt2Tree(await writeExt2ToBytes(tree));
    expect(await snapshot(back)).toEqual(await snapshot(tree));
  });

  it('extracts a large file in ranges through the reader source', async () => {
    const tree = everyKindTree();
    const reader = await Ext2Reader.open(await writeExt2ToBytes(tree));
    const entry = (await reader.entries()).find((item) => item.paths[0] === '/data/double-indirect')!;
    const source = reader.fileSource(entry.inode);
    const original = (tree.get('/data/double-indirect') as { content: { read: (o: number, l: number) => Uint8Array } }).content;
    for (const [offset, length] of [[0, 10], [12 * 4096 - 5, 10], [(12 + 1024) * 4096 - 3, 4100]]) {
      expect(await source.read(offset, length)).toEqual(original.read(offset, length));
    }
  });
});
