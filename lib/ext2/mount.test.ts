// The host Linux kernel's ext2 driver reads our images (loop mount, read-only). Needs root and loop devices:
// skipped, with the reason printed, where mounting is not allowed.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, run, snapshot, type SnapshotEntry } from './test-support.node.ts';
import { everyKindTree } from './test-trees.node.ts';
import { writeExt2ToFile } from './writer.node.ts';

const temp = makeTempDir('ext2-mount-');
const imagePath = join(temp.dir, 'image.ext2');
const mountPoint = join(temp.dir, 'mnt');
let mounted = false;
let mountFailure = '';

beforeAll(async () => {
  await writeExt2ToFile(everyKindTree(), imagePath);
  mkdirSync(mountPoint);
  const result = run('mount', ['-t', 'ext2', '-o', 'loop,ro', imagePath, mountPoint]);
  mounted = result.status === 0;
  mountFailure = result.output;
  if (!mounted) console.warn(`ext2 mount test skipped: mount failed: ${mountFailure}`);
});

afterAll(() => {
  if (mounted) run('umount', [mountPoint]);
  temp.cleanup();
});

function kindOf(path: string): string {
  const stat = lstatSync(path);
  if (stat.isDirectory()) return 'directory';
  if (stat.isFile()) return 'file';
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isCharacterDevice()) return 'char-device';
  if (stat.isBlockDevice()) return 'block-device';
  if (stat.isFIFO()) return 'fifo';
  return stat.isSocket() ? 'socket' : 'unknown';
}

describe('Linux mounts a written image', () => {
  it('and sees every entry with its kind, mode, owner, mtime, content, target and device numbers', async (context) => {
    if (!mounted) context.skip();
    const expected = await snapshot(everyKindTree());
    for (const [path, entry] of Object.entries(expected) as Array<[string, SnapshotEntry]>) {
      const onDisk = join(mountPoint, path);
      const stat = lstatSync(onDisk);
      expect(kindOf(onDisk), path).toBe(entry.kind);
      if (entry.kind !== 'symlink') expect(stat.mode & 0o7777, path).toBe(entry.mode);
      expect([stat.uid, stat.gid, Math.floor(stat.mtimeMs / 1000)], path).toEqual([entry.uid, entry.gid, entry.mtime]);
      if (entry.kind === 'file') {
        expect(stat.size, path).toBe(entry.sizeBytes);
        expect(createHash('sha256').update(readFileSync(onDisk)).digest('hex'), path).toBe(entry.sha256);
      }
      if (entry.kind === 'symlink') expect(readlinkSync(onDisk), path).toBe(entry.target);
      if (entry.kind === 'char-device' || entry.kind === 'block-device') {
        // Linux's dev_t: major in bits 8..19, minor in bits 0..7 and 20..31.
        const major = (stat.rdev >>> 8) & 0xfff;
        const minor = (stat.rdev & 0xff) | ((stat.rdev >>> 12) & 0xfff00);
        expect([major, minor], path).toEqual([entry.major, entry.minor]);
      }
    }
  });

  it('and gives hard links one inode with the right link count', (context) => {
    if (!mounted) context.skip();
    const stats = ['/etc/hostname', '/etc/hostname-link', '/data/hostname-again'].map((path) => lstatSync(join(mountPoint, path)));
    expect(new Set(stats.map((stat) => stat.ino)).size).toBe(1);
    expect(stats[0].nlink).toBe(3);
  });
});
