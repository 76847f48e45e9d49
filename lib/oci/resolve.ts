/**
 * Path lookup inside an image tree that follows symlinks the way the guest kernel will (absolute targets from
 * the image root, `..` stops at the root), so that `/bin/sh` is found in a merged-/usr image where `/bin` is a
 * link to `usr/bin`. Bounded: at most 40 links (Linux's limit), never outside the tree.
 */
import type { FileTree, TreeNode } from '../ext2/tree';

const MAX_LINKS = 40;

export interface Resolved {
  node: TreeNode;
  /** The path with every symlink replaced, `/`-rooted. */
  realPath: string;
}

/** The node `path` leads to (following symlinks, the last one too), or undefined. */
export function resolvePath(tree: FileTree, path: string): Resolved | undefined {
  let pending = path.split('/').filter((name) => name !== '' && name !== '.');
  const current: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === '..') {
      current.pop();
      continue;
    }
    const node = tree.get(`/${[...current, name].join('/')}`);
    if (!node) return undefined;
    if (node.kind === 'symlink') {
      if (++links > MAX_LINKS) return undefined;
      const targetNames = node.target.split('/').filter((part) => part !== '' && part !== '.');
      if (node.target.startsWith('/')) current.length = 0;
      pending = [...targetNames, ...pending];
      continue;
    }
    current.push(name);
    if (node.kind !== 'directory' && pending.length > 0) return undefined;
  }
  const realPath = `/${current.join('/')}`;
  const node = tree.get(realPath);
  return node ? { node, realPath } : undefined;
}

/** The real directory path for `directory` in the image, creating missing directories (0755 root:root). */
export function ensureDirectory(tree: FileTree, directory: string): string {
  const names = directory.split('/').filter((name) => name !== '');
  let real = '/';
  for (const name of names) {
    const next = real === '/' ? `/${name}` : `${real}/${name}`;
    const found = resolvePath(tree, next);
    if (found?.node.kind === 'directory') {
      real = found.realPath;
      continue;
    }
    if (found || tree.get(next)) return real; // a file or a dangling link is in the way: stay where we are
    tree.addDirectory(next, { mode: 0o755 });
    real = next;
  }
  return real;
}
