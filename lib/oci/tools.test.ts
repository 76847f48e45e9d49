import { describe, expect, it } from 'vitest';
import { FileTree } from '../ext2/tree';
import { addToolsLayer } from './tools';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A miniature default rootfs: the tools and a few busybox applet links, laid out like guest/scripts/build-rootfs. */
function toolsTree(): FileTree {
  const tree = new FileTree({ inputName: 'tools' });
  tree.addFile('/bin/busybox', bytes('busybox'), { mode: 0o755 });
  tree.addFile('/usr/sbin/cartesi-init', bytes('#!/bin/sh\n'), { mode: 0o755 });
  tree.addFile('/usr/sbin/xhalt', bytes('xhalt'), { mode: 0o755 });
  tree.addFile('/usr/bin/flashdrive', bytes('#!/bin/sh\n'), { mode: 0o755 });
  for (const link of ['/bin/sh', '/bin/mount', '/bin/ls', '/bin/cttyhack']) tree.addSymlink(link, '../bin/busybox');
  for (const directory of ['/dev', '/proc', '/sys', '/tmp', '/run', '/mnt']) tree.addDirectory(directory);
  for (const link of ['/usr/bin/setsid', '/usr/bin/setuidgid', '/usr/bin/vi']) tree.addSymlink(link, '../../bin/busybox');
  tree.addSymlink('/sbin/poweroff', '../bin/busybox');
  return tree;
}

describe('addToolsLayer', () => {
  it('adds nothing to an image that has cartesi-init, flashdrive and a shell', () => {
    const image = toolsTree();
    expect(addToolsLayer(image, toolsTree())).toEqual({ files: [], links: [], directories: [] });
  });

  it('adds cartesi-init, xhalt, flashdrive, busybox and every applet link to an image without a shell', () => {
    const image = new FileTree();
    image.addFile('/app/main', bytes('main'));
    const added = addToolsLayer(image, toolsTree());
    expect(added.files).toEqual(['/usr/sbin/cartesi-init', '/usr/sbin/xhalt', '/usr/bin/flashdrive', '/bin/busybox']);
    expect(added.links).toEqual(['/bin/cttyhack', '/bin/ls', '/bin/mount', '/bin/sh', '/sbin/poweroff', '/usr/bin/setsid', '/usr/bin/setuidgid', '/usr/bin/vi']);
    expect(image.get('/bin/sh')).toMatchObject({ kind: 'symlink', target: '/bin/busybox' });
    expect(image.get('/usr/sbin/cartesi-init')).toMatchObject({ kind: 'file', permissions: 0o755, uid: 0 });
    expect(added.directories).toEqual(['/dev', '/proc', '/sys', '/tmp', '/run', '/mnt']);
    expect(image.get('/tmp')).toMatchObject({ kind: 'directory', permissions: 0o1777 });
  });

  it('follows a merged-/usr layout: /bin → usr/bin puts busybox in /usr/bin', () => {
    const image = new FileTree();
    image.addDirectory('/usr/bin');
    image.addSymlink('/bin', 'usr/bin');
    const added = addToolsLayer(image, toolsTree());
    expect(added.files).toContain('/usr/bin/busybox');
    expect(image.get('/usr/bin/sh')).toMatchObject({ kind: 'symlink', target: '/usr/bin/busybox' });
    expect(image.get('/bin')?.kind).toBe('symlink');
  });

  it('adds only the init applets an image with a shell lacks', () => {
    const image = new FileTree();
    image.addFile('/bin/dash', bytes('dash'), { mode: 0o755 });
    image.addSymlink('/bin/sh', 'dash');
    image.addFile('/bin/mount', bytes('mount'), { mode: 0o755 });
    const added = addToolsLayer(image, toolsTree());
    expect(added.files).toContain('/bin/busybox');
    expect(added.links).toEqual(['/bin/cttyhack', '/sbin/poweroff', '/usr/bin/setsid', '/usr/bin/setuidgid']);
    expect(image.get('/bin/sh')).toMatchObject({ target: 'dash' });
  });

  it('keeps an image\'s own cartesi-init and adds only what else is missing', () => {
    const image = new FileTree();
    image.addFile('/usr/sbin/cartesi-init', bytes('theirs'), { mode: 0o755 });
    image.addSymlink('/bin/sh', 'busybox');
    image.addFile('/bin/busybox', bytes('their busybox'), { mode: 0o755 });
    expect(addToolsLayer(image, toolsTree())).toMatchObject({ files: ['/usr/bin/flashdrive'], links: [] });
  });
});
