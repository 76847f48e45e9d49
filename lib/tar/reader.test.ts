import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CartiError } from '../machine/errors';
import { bytesSource } from '../ext2/tree';
import { readTarEntries, type TarEntry } from './reader';
import { buildTar } from './test-tar';

const text = async (entry: TarEntry) => new TextDecoder().decode(await entry.content!.read(0, entry.sizeBytes));
const scratch = mkdtempSync(join(tmpdir(), 'tar-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function failure(run: () => Promise<unknown>): Promise<CartiError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(CartiError);
    return error as CartiError;
  }
  throw new Error('expected a CartiError');
}

/** A tree on disk archived by GNU tar in the given format. */
function gnuTar(format: 'gnu' | 'pax' | 'ustar', longName: string): Uint8Array {
  const root = mkdtempSync(join(scratch, 'src-'));
  mkdirSync(join(root, 'dir'));
  writeFileSync(join(root, 'dir', 'hello.txt'), 'hello\n');
  mkdirSync(join(root, 'deep', longName), { recursive: true });
  writeFileSync(join(root, 'deep', longName, 'file'), 'deep\n');
  symlinkSync('hello.txt', join(root, 'dir', 'link'));
  execFileSync('ln', [join(root, 'dir', 'hello.txt'), join(root, 'dir', 'hard')]);
  const out = join(scratch, `${format}.tar`);
  execFileSync('tar', [`--format=${format}`, '--owner=0', '--group=0', '--numeric-owner', '--sort=name', '-C', root, '-cf', out, '.']);
  return readFileSync(out);
}

describe('readTar on archives written by GNU tar', () => {
  const long = 'n'.repeat(150);

  it('reads GNU long names, symlinks and hard links (--format=gnu)', async () => {
    const entries = await readTarEntries(gnuTar('gnu', long));
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    expect(await text(byPath.get(`deep/${long}/file`)!)).toBe('deep\n');
    expect(byPath.get('dir/link')).toMatchObject({ kind: 'symlink', linkTarget: 'hello.txt' });
    const [first, second] = ['dir/hard', 'dir/hello.txt'].map((path) => byPath.get(path)!);
    expect([first.kind, second.kind].sort()).toEqual(['file', 'hardlink']);
    expect(byPath.get('')?.kind).toBe('directory');
  });

  it('reads PAX path records for names longer than ustar allows (--format=pax)', async () => {
    const entries = await readTarEntries(gnuTar('pax', long));
    expect(entries.map((entry) => entry.path)).toContain(`deep/${long}/file`);
  });

  it('reads a gzip-compressed archive through DecompressionStream', async () => {
    const entries = await readTarEntries(bytesSource(gzipSync(gnuTar('gnu', long))));
    expect(await text(entries.find((entry) => entry.path === `deep/${long}/file`)!)).toBe('deep\n');
  });

  it('reads from a stream of small chunks', async () => {
    const tar = gnuTar('ustar', 'short');
    async function* chunks() {
      for (let offset = 0; offset < tar.length; offset += 97) yield tar.subarray(offset, offset + 97);
    }
    const entries = await readTarEntries(chunks());
    expect(await text(entries.find((entry) => entry.path === 'deep/short/file')!)).toBe('deep\n');
  });
});

describe('readTar member fields', () => {
  it('keeps mode, uid, gid, mtime and device numbers', async () => {
    const [device] = await readTarEntries(buildTar([{ name: 'dev/tty', type: '3', mode: 0o620, uid: 5, gid: 6, mtime: 1234, devMajor: 5, devMinor: 0 }]));
    expect(device).toMatchObject({ path: 'dev/tty', kind: 'char-device', mode: 0o620, uid: 5, gid: 6, mtime: 1234, devMajor: 5, devMinor: 0 });
  });

  it('takes path, linkpath, uid, gid, mtime and size from PAX records', async () => {
    const [link] = await readTarEntries(buildTar([
      { name: 'short', type: '2', linkname: 'x', pax: { path: 'a/very/long/path', linkpath: 'target/elsewhere', uid: '70000', gid: '80000', mtime: '99.5' } },
    ]));
    expect(link).toMatchObject({ path: 'a/very/long/path', linkTarget: 'target/elsewhere', uid: 70000, gid: 80000, mtime: 99 });
  });

  it('applies global PAX records to every later member', async () => {
    const entries = await readTarEntries(buildTar([{ name: 'a', globalPax: { uid: '42' } }, { name: 'b' }]));
    expect(entries.map((entry) => entry.uid)).toEqual([42, 42]);
  });

  it('reads GNU base-256 numbers', async () => {
    const [entry] = await readTarEntries(buildTar([{ name: 'big-uid', uid: 0o77777777 + 1 }]));
    expect(entry.uid).toBe(0o77777777 + 1);
  });

  it('drops ./ prefixes and duplicate slashes', async () => {
    const entries = await readTarEntries(buildTar([{ name: './', type: '5' }, { name: './etc//passwd', content: 'root' }]));
    expect(entries.map((entry) => entry.path)).toEqual(['', 'etc/passwd']);
  });
});

describe('readTar on hostile archives', () => {
  it('refuses a bad header checksum, naming the byte offset', async () => {
    const tar = buildTar([{ name: 'ok', content: 'x' }, { name: 'bad', corrupt: (header) => { header[0] ^= 1; } }]);
    const error = await failure(() => readTarEntries(tar, { inputName: 'layer.tar' }));
    expect(error.code).toBe('TAR_BAD_CHECKSUM');
    expect(error.message).toContain('layer.tar: byte 1024');
  });

  it('refuses an archive cut inside a member', async () => {
    const tar = buildTar([{ name: 'file', content: 'x'.repeat(2000) }]).subarray(0, 1200);
    const error = await failure(() => readTarEntries(tar));
    expect(error.code).toBe('TAR_TRUNCATED');
    expect(error.message).toContain('"file"');
  });

  it('refuses an archive without the end-of-archive marker', async () => {
    expect((await failure(() => readTarEntries(buildTar([{ name: 'a' }], { endBlocks: 0 })))).code).toBe('TAR_TRUNCATED');
  });

  it('refuses a truncated gzip stream', async () => {
    const gz = gzipSync(buildTar([{ name: 'a', content: 'y'.repeat(100_000) }]));
    const error = await failure(() => readTarEntries(gz.subarray(0, gz.length - 30)));
    expect(['TAR_BAD_GZIP', 'TAR_TRUNCATED']).toContain(error.code);
  });

  it('refuses a size field larger than the archive', async () => {
    const error = await failure(() => readTarEntries(buildTar([{ name: 'huge', content: 'x', sizeField: 2 ** 40 }])));
    expect(error.code).toBe('TAR_TRUNCATED');
    expect(error.message).toContain('1099511627776 bytes');
  });

  it('refuses a streamed member larger than the buffering limit', async () => {
    const gz = gzipSync(buildTar([{ name: 'big', content: new Uint8Array(10_000) }]));
    const error = await failure(() => readTarEntries(gz, { maxBufferedEntryBytes: 4096 }));
    expect(error.code).toBe('TAR_ENTRY_TOO_LARGE');
  });

  it('refuses a huge PAX header', async () => {
    const error = await failure(() => readTarEntries(buildTar([{ name: 'a', pax: { comment: 'z'.repeat(5000) } }]), { maxMetaBytes: 1024 }));
    expect(error.code).toBe('TAR_HEADER_TOO_LARGE');
  });

  it('refuses a path with ".."', async () => {
    const error = await failure(() => readTarEntries(buildTar([{ name: 'etc/../../escape', content: 'x' }])));
    expect(error.code).toBe('TAR_PATH_TRAVERSAL');
    expect(error.message).toContain('etc/../../escape');
  });

  it('refuses an absolute path', async () => {
    expect((await failure(() => readTarEntries(buildTar([{ name: '/etc/passwd', content: 'x' }])))).code).toBe('TAR_ABSOLUTE_PATH');
  });

  it('refuses a hard link whose target leaves the archive', async () => {
    expect((await failure(() => readTarEntries(buildTar([{ name: 'h', type: '1', linkname: '../../etc/shadow' }])))).code).toBe('TAR_PATH_TRAVERSAL');
  });

  it('refuses a member written through a symlink of the same archive (absolute symlink escape)', async () => {
    const error = await failure(() => readTarEntries(buildTar([{ name: 'escape', type: '2', linkname: '/' }, { name: 'escape/etc/passwd', content: 'x' }])));
    expect(error.code).toBe('TAR_PATH_THROUGH_SYMLINK');
  });

  it('refuses duplicate members', async () => {
    const error = await failure(() => readTarEntries(buildTar([{ name: 'a', content: '1' }, { name: './a', content: '2' }])));
    expect(error.code).toBe('TAR_DUPLICATE_ENTRY');
    expect(error.message).toContain('"a" (header at byte 1024)');
  });

  it('refuses GNU sparse members', async () => {
    expect((await failure(() => readTarEntries(buildTar([{ name: 's', type: 'S' }])))).code).toBe('TAR_UNSUPPORTED_TYPE');
  });

  it('reads zstd archives (from the zstd CLI), from memory and from a stream', async () => {
    const archive = buildTar([{ name: 'dir/', type: '5' }, { name: 'dir/big', content: new Uint8Array(3 << 20).map((_, i) => (i * 7) & 0xff) }, { name: 'dir/small', content: 'zstd\n' }]);
    const zstd = new Uint8Array(execFileSync('zstd', ['-q', '-c'], { input: archive }));
    for (const input of [zstd, new Blob([zstd]).stream()]) {
      const entries = await readTarEntries(input);
      expect(entries.map((entry) => entry.path)).toEqual(['dir', 'dir/big', 'dir/small']);
      expect(entries[1]!.sizeBytes).toBe(3 << 20);
      const big = await entries[1]!.content!.read(0, 3 << 20);
      expect(big[(3 << 20) - 1]).toBe((((3 << 20) - 1) * 7) & 0xff);
      expect(await text(entries[2]!)).toBe('zstd\n');
    }
  });

  it('names the archive and the position for corrupt or truncated zstd data', async () => {
    const zstd = new Uint8Array(execFileSync('zstd', ['-q', '-c'], { input: buildTar([{ name: 'a', content: new Uint8Array(200_000).map((_, i) => (i * 13) & 0xff) }]) }));
    const truncated = await failure(() => readTarEntries(zstd.subarray(0, zstd.length >> 1), { inputName: 'layer.tar.zst' }));
    expect(truncated.code).toBe('TAR_BAD_ZSTD');
    expect(truncated.message).toContain('layer.tar.zst');
    const garbage = await failure(() => readTarEntries(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0])));
    expect(garbage.code).toBe('TAR_BAD_ZSTD');
  });

  it('refuses random bytes as not a tar header', async () => {
    const noise = new Uint8Array(1024).map((_, index) => (index * 131 + 7) & 0xff);
    expect(['TAR_BAD_CHECKSUM', 'TAR_BAD_HEADER']).toContain((await failure(() => readTarEntries(noise))).code);
  });
});
