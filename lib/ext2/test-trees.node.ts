/** Trees built for the ext2 tests: every entry kind, edge sizes of the block map, big directories. */
import { patternBytes } from './test-support.node.ts';
import { FileTree } from './tree';
import type { Ext2WriteOptions } from './plan';

/** A tree with one of everything the format can hold (sizes chosen for 4 KiB blocks unless told). */
export function everyKindTree(blockSizeBytes = 4096): FileTree {
  const pointers = blockSizeBytes / 4;
  const tree = new FileTree({ rootAttributes: { mode: 0o755, mtime: 1_700_000_000 } });
  tree.addDirectory('/etc', { mode: 0o755, uid: 0, gid: 0, atime: 1, ctime: 2, mtime: 3 });
  tree.addFile('/etc/hostname', new TextEncoder().encode('carti\n'), { mode: 0o644, mtime: 1_600_000_000 });
  tree.addFile('/empty', new Uint8Array(0), { mode: 0o600 });
  tree.addFile('/home/user/big-uid', new Uint8Array([42]), { uid: 100_000, gid: 70_001, mode: 0o640 });
  tree.addFile('/bin/setuid', patternBytes(100, 1), { mode: 0o4755 });
  // 12 direct blocks exactly, one more (single indirect), and past the single-indirect range (double indirect).
  tree.addFile('/data/direct-only', patternBytes(12 * blockSizeBytes, 2));
  tree.addFile('/data/single-indirect', patternBytes(13 * blockSizeBytes - 7, 3));
  tree.addFile('/data/double-indirect', patternBytes((12 + pointers + 3) * blockSizeBytes + 1, 4));
  tree.addSymlink('/fast-link', 'etc/hostname');
  tree.addSymlink('/fast-link-59', 'a'.repeat(59));
  tree.addSymlink('/slow-link-60', 'b'.repeat(60));
  tree.addSymlink('/slow-link', '/very/long/' + 'target/'.repeat(40));
  tree.addHardLink('/etc/hostname-link', '/etc/hostname');
  tree.addHardLink('/data/hostname-again', '/etc/hostname');
  tree.addDevice('/dev/null', 'char', 1, 3, { mode: 0o666 });
  tree.addDevice('/dev/sda', 'block', 8, 0, { mode: 0o660, gid: 6 });
  tree.addDevice('/dev/wide', 'char', 511, 70_000);
  tree.addFifo('/run/fifo', { mode: 0o620 });
  tree.addSocket('/run/socket', { mode: 0o777 });
  tree.addDirectory('/sticky', { mode: 0o1777 });
  return tree;
}

/** A directory with `count` entries (several directory blocks, indirect blocks past 12 blocks). */
export function bigDirectoryTree(count: number): FileTree {
  const tree = new FileTree();
  for (let index = 0; index < count; index++) {
    tree.addFile(`/many/entry-with-a-longish-name-${String(index).padStart(6, '0')}`, new Uint8Array(index % 3));
  }
  return tree;
}

/** A random tree (files of skewed sizes, symlinks, directories, hard links, devices) and random size options. */
export function randomCase(random: () => number): { tree: FileTree; options: Ext2WriteOptions } {
  const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)];
  const tree = new FileTree();
  const entries = Math.floor(random() * 300);
  for (let entry = 0; entry < entries; entry++) {
    const path = `/d${Math.floor(random() * 5)}/s${Math.floor(random() * 4)}/e${entry}`;
    const kind = random();
    if (kind < 0.6) tree.addFile(path, new Uint8Array(Math.floor(random() ** 4 * 300_000)).fill(entry & 0xff), { uid: Math.floor(random() * 2 ** 32) });
    else if (kind < 0.75) tree.addSymlink(path, 't'.repeat(1 + Math.floor(random() * 200)));
    else if (kind < 0.85) tree.addDirectory(path, { mode: 0o700 });
    else if (kind < 0.95) {
      const file = [...tree.entries()].find((item) => item.node.kind === 'file');
      if (file) tree.addHardLink(path, file.path);
      else tree.addFifo(path);
    } else tree.addDevice(path, 'char', Math.floor(random() * 4096), Math.floor(random() * 2 ** 20));
  }
  const sizing = pick<Ext2WriteOptions>([{}, { freeBytes: Math.floor(random() * 40 << 20) }, { freeInodes: Math.floor(random() * 40_000) }, { sizeBytes: 48 << 20 }]);
  return { tree, options: { blockSizeBytes: pick([1024, 2048, 4096]), ...sizing } };
}
