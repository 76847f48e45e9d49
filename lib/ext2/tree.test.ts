import { describe, expect, it } from 'vitest';
import { FileTree } from './tree';
import { errorOf } from '../machine/error-of';


describe('FileTree paths', () => {
  it('rejects an empty name between two slashes', () => {
    const error = errorOf(() => new FileTree().addFile('/a//b', new Uint8Array()));
    expect(error.code).toBe('EXT2_INVALID_PATH');
    expect(error.message).toContain('"/a//b"');
    expect(error.reason).toContain('empty name');
  });

  it('rejects "." and ".." as names', () => {
    expect(errorOf(() => new FileTree().addDirectory('/a/./b')).reason).toContain('"."');
    expect(errorOf(() => new FileTree().addDirectory('/a/../b')).reason).toContain('".."');
  });

  it('rejects names longer than 255 bytes of UTF-8', () => {
    const error = errorOf(() => new FileTree().addFile('/' + 'é'.repeat(128), new Uint8Array()));
    expect(error.code).toBe('EXT2_INVALID_PATH');
    expect(error.reason).toContain('256 bytes');
  });

  it('accepts a 255-byte name', () => {
    const tree = new FileTree();
    tree.addFile('/' + 'x'.repeat(255), new Uint8Array());
    expect(tree.get('/' + 'x'.repeat(255))?.kind).toBe('file');
  });

  it('rejects a NUL byte in a name', () => {
    expect(errorOf(() => new FileTree().addFifo('/a\0b')).code).toBe('EXT2_INVALID_PATH');
  });

  it('rejects a duplicate path', () => {
    const tree = new FileTree();
    tree.addFile('/etc/passwd', new Uint8Array());
    const error = errorOf(() => tree.addSymlink('/etc/passwd', 'x'));
    expect(error.code).toBe('EXT2_DUPLICATE_PATH');
    expect(error.location).toBe('"/etc/passwd"');
  });

  it('rejects a path through a non-directory', () => {
    const tree = new FileTree();
    tree.addFile('/bin', new Uint8Array());
    const error = errorOf(() => tree.addFile('/bin/sh', new Uint8Array()));
    expect(error.code).toBe('EXT2_NOT_A_DIRECTORY');
    expect(error.reason).toContain('/bin is a file');
  });

  it('accepts leading and trailing slashes as tar writes them', () => {
    const tree = new FileTree();
    tree.addDirectory('etc/');
    expect(tree.get('/etc')?.kind).toBe('directory');
  });
});

describe('FileTree entries', () => {
  it('creates missing parents implicitly and lets a later addDirectory set their attributes', () => {
    const tree = new FileTree();
    tree.addFile('/usr/bin/env', new Uint8Array([1]));
    expect(tree.get('/usr')).toMatchObject({ kind: 'directory', permissions: 0o755, implicit: true });
    tree.addDirectory('/usr', { mode: 0o700, uid: 5 });
    expect(tree.get('/usr')).toMatchObject({ permissions: 0o700, uid: 5, implicit: false });
    expect(errorOf(() => tree.addDirectory('/usr')).code).toBe('EXT2_DUPLICATE_PATH');
  });

  it('makes a hard link the same node as its target', () => {
    const tree = new FileTree();
    const file = tree.addFile('/a', new Uint8Array([1, 2]));
    tree.addHardLink('/b/c', '/a');
    expect(tree.get('/b/c')).toBe(file);
  });

  it('refuses a hard link to a directory or to a missing path', () => {
    const tree = new FileTree();
    tree.addDirectory('/d');
    expect(errorOf(() => tree.addHardLink('/e', '/d')).code).toBe('EXT2_INVALID_ENTRY');
    expect(errorOf(() => tree.addHardLink('/e', '/missing')).code).toBe('EXT2_NO_SUCH_PATH');
  });

  it('checks device numbers, ids, modes and times against their field widths', () => {
    const tree = new FileTree();
    expect(errorOf(() => tree.addDevice('/dev/x', 'char', 4096, 0)).reason).toContain('major 4096');
    expect(errorOf(() => tree.addDevice('/dev/x', 'block', 1, 0x100000)).reason).toContain('minor');
    expect(errorOf(() => tree.addFifo('/f', { uid: 2 ** 32 })).reason).toContain('uid');
    expect(errorOf(() => tree.addFifo('/f', { mode: 0o10000 })).reason).toContain('mode');
    expect(errorOf(() => tree.addFifo('/f', { mtime: -1 })).reason).toContain('mtime');
  });

  it('refuses empty symlink targets and targets with NUL', () => {
    const tree = new FileTree();
    expect(errorOf(() => tree.addSymlink('/l', '')).code).toBe('EXT2_INVALID_SYMLINK');
    expect(errorOf(() => tree.addSymlink('/l', 'a\0b')).code).toBe('EXT2_INVALID_SYMLINK');
  });

  it('removes a directory with its contents (whiteouts)', () => {
    const tree = new FileTree();
    tree.addFile('/opt/app/run', new Uint8Array());
    expect(tree.remove('/opt/app')).toBe(true);
    expect(tree.get('/opt/app/run')).toBeUndefined();
    expect(tree.remove('/opt/app')).toBe(false);
  });

  it('lists entries depth first with siblings in UTF-8 byte order', () => {
    const tree = new FileTree();
    for (const path of ['/b', '/a/z', '/a-c', '/\u{1F600}', '/\uFF21', '/a/b']) tree.addFifo(path);
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8 bytes, though not in UTF-16 code units.
    expect([...tree.entries()].map((entry) => entry.path)).toEqual(['/', '/a', '/a/b', '/a/z', '/a-c', '/b', '/\uFF21', '/\u{1F600}']);
  });
});
