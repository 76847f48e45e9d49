// Images written by lib/ext2 are mounted by the guest Linux in our emulator and read back there.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTree } from './index';
import { writeExt2ToFile } from './writer.node.ts';
import { runMain } from '../../bin/commands/run.ts';

describe('guest Linux mounts an image written by lib/ext2', () => {
  it('lists the tree, reads files, follows a symlink and sees owners and modes', async () => {
    const tree = new FileTree();
    tree.addDirectory('docs', { mode: 0o755, uid: 1000, gid: 1000 });
    tree.addFile('docs/hello.txt', new TextEncoder().encode('hello from lib/ext2\n'), { mode: 0o644, uid: 1000, gid: 1000 });
    const big = new Uint8Array(300_000).map((_, i) => 65 + (i % 26));
    tree.addFile('docs/big.bin', big, { mode: 0o600 });
    tree.addSymlink('docs/link', 'hello.txt');
    tree.addHardLink('docs/hard.txt', 'docs/hello.txt');
    const image = join(mkdtempSync(join(tmpdir(), 'ext2-guest-')), 'data.ext2');
    await writeExt2ToFile(tree, image, { freeBytes: 1 << 20, padToMultipleOfBytes: 2 << 20 });

    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (c: Buffer) => { text += c.toString(); });
    const script = [
      'cd /mnt/data/docs',
      'cat link',
      'wc -c < big.bin',
      'ls -ln hello.txt | awk \'{print $1, $2, $3, $4}\'',
      'md5sum big.bin | cut -c1-32',
    ].join('; ');
    const code = await runMain(['--no-init-splash', `--flash-drive=label:data,data_filename:${image}`, '-u', 'root', '--', script], {
      stdout, stderr: new PassThrough(), stdin: new PassThrough(),
    });
    expect(code).toBe(0);
    expect(text).toContain('hello from lib/ext2');
    expect(text).toMatch(/\b300000\b/);
    expect(text).toContain('-rw-r--r-- 2 1000 1000'); // hard link count 2, owner kept
    const { createHash } = await import('node:crypto');
    expect(text).toContain(createHash('md5').update(big).digest('hex'));
  });
});
