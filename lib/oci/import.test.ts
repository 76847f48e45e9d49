import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CartiError } from '../machine/errors';
import { FileTree } from '../ext2/tree';
import { readExt2Tree } from '../ext2/reader';
import { e2fsck } from '../ext2/test-support.node';
import { buildTar, type TestMember } from '../tar/test-tar';
import { imageFilesFromTar } from './image-files';
import { imageFilesFromDirectory } from './image-files.node.ts';
import { flattenImage, importOciImage } from './import';
import { runArgsOf } from './config';
import { imageFiles, imageTar, type ImageShape, type TestImageConfig } from './test-images.node';

const scratch = mkdtempSync(join(tmpdir(), 'oci-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const layer = (...members: TestMember[]) => buildTar(members);
const config: TestImageConfig = { Entrypoint: ['/bin/app'], Cmd: ['--serve'], Env: ['PATH=/usr/bin:/bin', 'MODE=test'], WorkingDir: '/srv', User: 'dapp' };

async function flatten(layers: Uint8Array[], shape: ImageShape = 'legacy', imageConfig = config) {
  return flattenImage(await imageFilesFromTar(imageTar(layers, imageConfig, shape), 'image.tar'));
}

function paths(tree: FileTree): string[] {
  return [...tree.entries()].map((entry) => entry.path);
}

async function text(tree: FileTree, path: string): Promise<string> {
  const node = tree.get(path);
  if (node?.kind !== 'file') throw new Error(`${path} is a ${node?.kind}`);
  return new TextDecoder().decode(await node.content.read(0, node.content.sizeBytes));
}

async function failure(run: () => Promise<unknown>): Promise<CartiError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(CartiError);
    return error as CartiError;
  }
  throw new Error('expected a CartiError');
}

const base = layer(
  { name: 'etc/', type: '5' }, { name: 'etc/motd', content: 'base\n' }, { name: 'etc/gone', content: 'x' },
  { name: 'var/cache/', type: '5' }, { name: 'var/cache/a', content: 'a' }, { name: 'var/cache/b/c', content: 'c' },
  { name: 'srv/', type: '5', mode: 0o700 }, { name: 'opt/thing', content: 'file' },
);

describe('flattening layers (spec §3)', () => {
  it('deletes a lower-layer file or directory named by a whiteout, and drops the whiteout itself', async () => {
    const { tree } = await flatten([base, layer({ name: 'etc/.wh.gone' }, { name: 'var/.wh.cache' })]);
    expect(tree.get('/etc/gone')).toBeUndefined();
    expect(tree.get('/var/cache')).toBeUndefined();
    expect(await text(tree, '/etc/motd')).toBe('base\n');
    expect(paths(tree).some((path) => path.includes('.wh.'))).toBe(false);
  });

  it('hides every lower child of an opaque directory, even when the marker comes after the new entries', async () => {
    const { tree } = await flatten([base, layer({ name: 'var/cache/new', content: 'n' }, { name: 'var/cache/.wh..wh..opq' })]);
    expect([...(tree.get('/var/cache') as { children: Map<string, unknown> }).children.keys()]).toEqual(['new']);
  });

  it('lets a whiteout delete a lower entry that the same layer then recreates', async () => {
    const { tree } = await flatten([base, layer({ name: 'var/.wh.cache' }, { name: 'var/cache/fresh', content: 'f' })]);
    expect(paths(tree).filter((path) => path.startsWith('/var/cache'))).toEqual(['/var/cache', '/var/cache/fresh']);
  });

  it('gives a directory over a directory the upper attributes and keeps its children', async () => {
    const { tree } = await flatten([base, layer({ name: 'srv/', type: '5', mode: 0o755, uid: 1000, gid: 1000 })]);
    expect(tree.get('/srv')).toMatchObject({ kind: 'directory', permissions: 0o755, uid: 1000, gid: 1000 });
    expect(tree.get('/var/cache/a')?.kind).toBe('file');
  });

  it('replaces a lower directory tree by an upper file, and a lower file by an upper directory', async () => {
    const { tree } = await flatten([base, layer({ name: 'var/cache', content: 'now a file' }, { name: 'opt/thing/', type: '5' }, { name: 'opt/thing/inside', content: 'i' })]);
    expect(await text(tree, '/var/cache')).toBe('now a file');
    expect(await text(tree, '/opt/thing/inside')).toBe('i');
  });

  it('resolves hard links, including to a file of a lower layer', async () => {
    const { tree } = await flatten([base, layer({ name: 'bin/tool', content: 't', mode: 0o755 }, { name: 'bin/tool2', type: '1', linkname: 'bin/tool' }, { name: 'etc/motd-link', type: '1', linkname: 'etc/motd' })]);
    expect(tree.get('/bin/tool2')).toBe(tree.get('/bin/tool'));
    expect(tree.get('/etc/motd-link')).toBe(tree.get('/etc/motd'));
  });

  it('keeps symlinks, device nodes and FIFOs with their modes and owners', async () => {
    const { tree } = await flatten([layer(
      { name: 'bin/sh', type: '2', linkname: 'busybox' }, { name: 'dev/console', type: '3', devMajor: 5, devMinor: 1, mode: 0o600 },
      { name: 'dev/sda', type: '4', devMajor: 8, devMinor: 0, mode: 0o660, gid: 6 }, { name: 'run/pipe', type: '6' },
    )]);
    expect(tree.get('/bin/sh')).toMatchObject({ kind: 'symlink', target: 'busybox' });
    expect(tree.get('/dev/console')).toMatchObject({ kind: 'char-device', major: 5, minor: 1, permissions: 0o600 });
    expect(tree.get('/dev/sda')).toMatchObject({ kind: 'block-device', major: 8, minor: 0, gid: 6 });
    expect(tree.get('/run/pipe')?.kind).toBe('fifo');
  });

  it('reads gzip-compressed layers', async () => {
    const { tree } = await flatten([gzipSync(base)], 'docker25');
    expect(await text(tree, '/etc/motd')).toBe('base\n');
  });
});

describe('image containers (spec §1, §2)', () => {
  const layers = [base, layer({ name: 'etc/.wh.gone' })];

  it('reads the legacy docker save shape and the Docker 25+ OCI shape to the same drive', async () => {
    const ids = [];
    for (const shape of ['legacy', 'docker25', 'oci-nested'] as const) {
      ids.push((await importOciImage(await imageFilesFromTar(imageTar(layers, config, shape), `${shape}.tar`))).outputId);
    }
    expect(new Set(ids).size).toBe(1);
  });

  it('chooses linux/riscv64 from a nested index, skipping the amd64 image and the attestation', async () => {
    const result = await flatten(layers, 'oci-nested');
    expect(result.shape).toBe('oci-layout');
    expect(result.manifestDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await text(result.tree, '/etc/motd')).toBe('base\n');
  });

  it('reads an OCI image layout directory', async () => {
    const dir = join(scratch, 'layout');
    for (const [path, bytes] of imageFiles(layers, config, 'oci-nested')) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    const { tree } = await flattenImage(imageFilesFromDirectory(dir));
    expect(tree.get('/etc/gone')).toBeUndefined();
  });

  it('turns the config into entrypoint (Entrypoint + Cmd), env, workdir and user', async () => {
    const { settings } = await flatten(layers);
    expect(settings).toEqual({ entrypoint: ['/bin/app', '--serve'], env: ['PATH=/usr/bin:/bin', 'MODE=test'], workdir: '/srv', user: 'dapp' });
    expect(runArgsOf(settings)).toEqual(['--user=dapp', '--env=PATH=/usr/bin:/bin', '--env=MODE=test', '--workdir=/srv', '--', '/bin/app', '--serve']);
  });

  it('runs an image without User as root, as Docker does', () => {
    expect(runArgsOf({ entrypoint: ['sh'], env: [] })).toEqual(['--user=root', '--', 'sh']);
  });

  it('refuses an amd64 image, naming its platform', async () => {
    const error = await failure(() => flatten(layers, 'legacy', { ...config, architecture: 'amd64' }));
    expect(error.code).toBe('OCI_WRONG_PLATFORM');
    expect(error.message).toContain('the image is for linux/amd64, not linux/riscv64');
  });

  it('refuses an index without the wanted platform, listing the platforms it has', async () => {
    const error = await failure(() => flatten(layers, 'oci-nested', { ...config, architecture: 'arm64' }));
    expect(error.message).toContain('the image is for linux/amd64, linux/arm64, not linux/riscv64');
  });

  it('refuses a blob whose bytes do not match its digest', async () => {
    const files = imageFiles(layers, config, 'docker25');
    const [path, bytes] = [...files].find(([name, content]) => name.startsWith('blobs/') && content.length === base.length)!;
    const tampered = bytes.slice();
    tampered[600] ^= 1;
    files.set(path, tampered);
    const tar = buildTar([...files].map(([name, content]) => ({ name, content })));
    const error = await failure(async () => flattenImage(await imageFilesFromTar(tar, 'image.tar')));
    expect(error.code).toBe('OCI_DIGEST_MISMATCH');
    expect(error.message).toContain(path);
  });

  it('refuses a legacy layer.tar that does not match its DiffID', async () => {
    const files = imageFiles(layers, config, 'legacy');
    const path = [...files.keys()].find((name) => name.endsWith('/layer.tar'))!;
    files.set(path, layer({ name: 'etc/motd', content: 'swapped\n' }));
    const error = await failure(async () => flattenImage(await imageFilesFromTar(buildTar([...files].map(([name, content]) => ({ name, content }))), 'image.tar')));
    expect(error.code).toBe('OCI_DIGEST_MISMATCH');
  });

  it('refuses a tarball that is not an image', async () => {
    const error = await failure(async () => flattenImage(await imageFilesFromTar(buildTar([{ name: 'hello', content: 'x' }]), 'random.tar')));
    expect(error.code).toBe('OCI_NOT_AN_IMAGE');
  });
});

describe('malformed layers', () => {
  it('refuses a layer member with "..", naming the layer and the member', async () => {
    const error = await failure(() => flatten([layer({ name: 'etc/../../escape', content: 'x' })]));
    expect(error.code).toBe('TAR_PATH_TRAVERSAL');
    expect(error.message).toMatch(/image\.tar: layer \S+\/layer\.tar: "etc\/\.\.\/\.\.\/escape" \(header at byte 0\)/);
  });

  it('refuses a member that goes through a lower-layer symlink (absolute symlink escape)', async () => {
    const error = await failure(() => flatten([layer({ name: 'escape', type: '2', linkname: '/' }), layer({ name: 'escape/etc/passwd', content: 'x' })]));
    expect(error.code).toBe('EXT2_NOT_A_DIRECTORY');
    expect(error.message).toContain('"escape/etc/passwd" (header at byte 0)');
  });

  it('refuses duplicate members in one layer', async () => {
    expect((await failure(() => flatten([layer({ name: 'a', content: '1' }, { name: 'a', content: '2' })]))).code).toBe('TAR_DUPLICATE_ENTRY');
  });

  it('refuses a bare ".wh." whiteout', async () => {
    expect((await failure(() => flatten([base, layer({ name: 'etc/.wh.' })]))).code).toBe('OCI_BAD_WHITEOUT');
  });

  it('refuses a truncated layer', async () => {
    expect((await failure(() => flatten([base.subarray(0, 700)]))).code).toBe('TAR_TRUNCATED');
  });
});

describe('the root drive', () => {
  it('passes e2fsck -fn and reads back to the flattened tree', async () => {
    const chunks: Uint8Array[] = [];
    const result = await importOciImage(await imageFilesFromTar(imageTar([base, layer({ name: 'etc/.wh.gone' })], config), 'image.tar'), {}, (_, bytes) => void chunks.push(bytes.slice()));
    const image = Buffer.concat(chunks);
    expect(image.length).toBe(result.imageSizeBytes);
    expect(result.imageSizeBytes % (2 << 20)).toBe(0);
    expect(e2fsck(new Uint8Array(image)).status).toBe(0);
    const back = await readExt2Tree(new Uint8Array(image));
    expect(await text(back, '/etc/motd')).toBe('base\n');
    expect(back.get('/etc/gone')).toBeUndefined();
  });
});

describe('sha256Hex', () => {
  it('gives the same digest through Web Crypto and through the streaming path', async () => {
    const { sha256Hex } = await import('./digest');
    const { createHash } = await import('node:crypto');
    const bytes = new Uint8Array(300_000).map((_, index) => index * 7);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(await sha256Hex({ sizeBytes: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) })).toBe(expected);
    const huge = { sizeBytes: (128 << 20) + 1, read: (_: number, length: number) => new Uint8Array(length) };
    expect(await sha256Hex(huge)).toBe(createHash('sha256').update(new Uint8Array((128 << 20) + 1)).digest('hex'));
  });
});
