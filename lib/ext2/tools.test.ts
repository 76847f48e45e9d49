// Cross-checks against the real e2fsprogs tools: debugfs reads our images, and we read mke2fs's.
import { chownSync, linkSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExt2Tree } from './reader';
import { debugfs, e2fsck, makeTempDir, patternBytes, run, snapshot } from './test-support.node.ts';
import { everyKindTree } from './test-trees.node.ts';
import { FileTree } from './tree';
import { writeExt2ToFile } from './writer.node.ts';

describe('debugfs agrees with the tree', () => {
  const temp = makeTempDir();
  const imagePath = join(temp.dir, 'every-kind.ext2');
  beforeAll(async () => {
    await writeExt2ToFile(everyKindTree(), imagePath);
  });
  afterAll(() => temp.cleanup());

  const field = (output: string, pattern: RegExp) => pattern.exec(output)?.[1];

  it('on a regular file with a large uid, hard links and times', () => {
    const output = debugfs(imagePath, 'stat /home/user/big-uid');
    expect(field(output, /Type: (\w+)/)).toBe('regular');
    expect(field(output, /Mode:\s+(\d+)/)).toBe('0640');
    expect(field(output, /User:\s+(\d+)/)).toBe('100000');
    expect(field(output, /Group:\s+(\d+)/)).toBe('70001');
    expect(field(output, /Size: (\d+)/)).toBe('1');
    const hostname = debugfs(imagePath, 'stat /etc/hostname');
    expect(field(hostname, /Links: (\d+)/)).toBe('3');
    expect(field(hostname, /mtime: (0x[0-9a-f]+)/)).toBe((1_600_000_000).toString(16).padStart(8, '0').replace(/^/, '0x'));
  });

  it('on a file using double-indirect blocks laid out in slot order', () => {
    const output = debugfs(imagePath, 'stat /data/double-indirect');
    expect(field(output, /Size: (\d+)/)).toBe(String((12 + 1024 + 3) * 4096 + 1));
    // Direct run, single indirect then its data, double indirect, its first indirect child, then data: contiguous.
    expect(output).toMatch(/\(0-11\):(\d+)-\d+, \(IND\):\d+, \(12-1035\):\d+-\d+, \(DIND\):\d+, \(IND\):\d+, \(1036-1039\):\d+-\d+/);
    expect(field(output, /TOTAL: (\d+)/)).toBe(String(1040 + 3));
  });

  it('on symlinks, devices, a FIFO and a sticky directory', () => {
    expect(debugfs(imagePath, 'stat /fast-link')).toContain('Fast link dest: "etc/hostname"');
    expect(field(debugfs(imagePath, 'stat /slow-link'), /Blockcount: (\d+)/)).toBe('8');
    expect(debugfs(imagePath, 'stat /dev/wide')).toContain('Device major/minor number: 511:70000');
    expect(debugfs(imagePath, 'stat /dev/null')).toMatch(/Device major\/minor number: 01:03/);
    expect(field(debugfs(imagePath, 'stat /run/fifo'), /Type: (\w+)/)).toBe('FIFO');
    expect(field(debugfs(imagePath, 'stat /sticky'), /Mode:\s+(\d+)/)).toBe('01777');
  });

  it('and e2fsck accepts the file written by writeExt2ToFile', () => {
    expect(e2fsck(imagePath).status).toBe(0);
  });
});

describe('reading images made by mke2fs -t ext2 -d', () => {
  const temp = makeTempDir();
  const source = join(temp.dir, 'source');
  const expected = new FileTree();
  const content = patternBytes(300_000, 11);

  beforeAll(() => {
    mkdirSync(join(source, 'etc'), { recursive: true });
    mkdirSync(join(source, 'dev'));
    writeFileSync(join(source, 'etc', 'hostname'), 'host\n', { mode: 0o644 });
    writeFileSync(join(source, 'blob'), content, { mode: 0o600 });
    chownSync(join(source, 'blob'), 1234, 70_000);
    linkSync(join(source, 'blob'), join(source, 'etc', 'blob-link'));
    symlinkSync('etc/hostname', join(source, 'short-link'));
    symlinkSync('x/'.repeat(50), join(source, 'long-link'));
    expect(run('mknod', ['-m', '0660', join(source, 'dev', 'sda'), 'b', '8', '1']).status).toBe(0);
    expect(run('mkfifo', ['-m', '0644', join(source, 'fifo')]).status).toBe(0);
    for (const path of ['etc/hostname', 'blob', 'dev/sda', 'fifo', 'etc', 'dev']) utimesSync(join(source, path), 1000, 2000);

    expected.addDirectory('/etc', { mode: 0o755, atime: 1000, mtime: 2000 });
    expected.addDirectory('/dev', { mode: 0o755, atime: 1000, mtime: 2000 });
    expected.addFile('/etc/hostname', new TextEncoder().encode('host\n'), { mode: 0o644, atime: 1000, mtime: 2000 });
    expected.addFile('/blob', content, { mode: 0o600, uid: 1234, gid: 70_000, atime: 1000, mtime: 2000 });
    expected.addHardLink('/etc/blob-link', '/blob');
    expected.addSymlink('/short-link', 'etc/hostname');
    expected.addSymlink('/long-link', 'x/'.repeat(50));
    expected.addDevice('/dev/sda', 'block', 8, 1, { mode: 0o660, atime: 1000, mtime: 2000 });
    expected.addFifo('/fifo', { mode: 0o644, atime: 1000, mtime: 2000 });
  });
  afterAll(() => temp.cleanup());

  for (const blockSize of ['1024', '4096']) {
    it(`lists and extracts the tree with ${blockSize}-byte blocks`, async () => {
      const imagePath = join(temp.dir, `mke2fs-${blockSize}.ext2`);
      const made = run('mke2fs', ['-q', '-F', '-t', 'ext2', '-b', blockSize, '-d', source, '-E', 'root_owner=0:0', imagePath, '4M']);
      expect(made.status, made.output).toBe(0);
      const { readFileSync } = await import('node:fs');
      const tree = await readExt2Tree(readFileSync(imagePath), { inputName: imagePath });
      const actual = await snapshot(tree);
      const wanted = await snapshot(expected);
      for (const path of Object.keys(wanted)) {
        if (path === '/') continue;
        // ctime comes from the copy and atime from the host (reading the source updates it); symlink times are
        // not set by the test: compare the rest.
        const strip = ({ ctime, atime, mtime, ...rest }: (typeof actual)[string]) => (rest.kind === 'symlink' ? rest : { ...rest, mtime });
        expect(strip(actual[path]), path).toEqual(strip(wanted[path]));
      }
      expect(actual['/lost+found']?.kind).toBe('directory');
    });
  }
});
