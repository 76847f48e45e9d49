/**
 * The file-tree model the ext2 writer consumes and the reader produces (issue 5, "lib/ext2"). It is shaped so
 * a tar or OCI-layer reader can feed it entry by entry: parents may arrive after their children (they are
 * created implicitly and take their attributes when they do arrive), hard links name an existing path, and
 * `remove` serves whiteouts. A hard link is the same node object reached from several directories.
 */
import { CartiError } from '../machine/errors';
import { compareNameBytes, joinPath, nameBytes, splitPath } from './paths';

/** Random-access bytes: a regular file's content, or an image for the reader. Reads may be async (OPFS, files). */
export interface ByteSource {
  readonly sizeBytes: number;
  read(offsetBytes: number, lengthBytes: number): Uint8Array | Promise<Uint8Array>;
}

export interface EntryAttributes {
  /** Permission bits including setuid/setgid/sticky (0..0o7777); the type bits come from the entry kind. */
  mode?: number;
  /** 32-bit ids; ext2 stores the low and high 16 bits separately (spec §5.4). */
  uid?: number;
  gid?: number;
  /** Seconds since the epoch, 0..2^32−1; absent times are written as 0 (or the writer's `timestampSeconds`). */
  atime?: number;
  ctime?: number;
  mtime?: number;
}

export type NodeKind = 'directory' | 'file' | 'symlink' | 'char-device' | 'block-device' | 'fifo' | 'socket';

interface NodeBase {
  permissions: number;
  uid: number;
  gid: number;
  atime?: number;
  ctime?: number;
  mtime?: number;
}

export interface DirectoryNode extends NodeBase {
  kind: 'directory';
  children: Map<string, TreeNode>;
  /** Created only because a descendant was added; an explicit `addDirectory` may still set its attributes. */
  implicit: boolean;
}
export interface FileNode extends NodeBase {
  kind: 'file';
  content: ByteSource;
}
export interface SymlinkNode extends NodeBase {
  kind: 'symlink';
  target: string;
}
export interface DeviceNode extends NodeBase {
  kind: 'char-device' | 'block-device';
  major: number;
  minor: number;
}
export interface SpecialNode extends NodeBase {
  kind: 'fifo' | 'socket';
}
export type TreeNode = DirectoryNode | FileNode | SymlinkNode | DeviceNode | SpecialNode;

export interface TreeEntry {
  /** `/`-rooted path, e.g. `/etc/passwd`; the root is `/`. */
  path: string;
  node: TreeNode;
}

/** Largest device numbers the ext2 "new" encoding can hold (spec §5.4): 12-bit major, 20-bit minor. */
export const MAX_DEVICE_MAJOR = 0xfff;
export const MAX_DEVICE_MINOR = 0xfffff;
export const MAX_SYMLINK_TARGET_BYTES = 4095;

const UINT32_MAX = 0xffffffff;

/** Wraps bytes as a ByteSource; the writer recognises it and copies straight from `bytes`. */
export function bytesSource(bytes: Uint8Array): ByteSource & { bytes: Uint8Array } {
  return {
    bytes,
    sizeBytes: bytes.byteLength,
    read: (offsetBytes, lengthBytes) => bytes.subarray(offsetBytes, offsetBytes + lengthBytes),
  };
}

export class FileTree {
  readonly root: DirectoryNode;
  readonly inputName: string;

  constructor(options: { inputName?: string; rootAttributes?: EntryAttributes } = {}) {
    this.inputName = options.inputName ?? 'file tree';
    this.root = { kind: 'directory', children: new Map(), implicit: false, ...this.attributes('/', options.rootAttributes, 0o755) };
  }

  setRootAttributes(attributes: EntryAttributes): void {
    Object.assign(this.root, this.attributes('/', attributes, 0o755));
  }

  addDirectory(path: string, attributes?: EntryAttributes): DirectoryNode {
    const names = splitPath(path, this.inputName);
    if (names.length === 0) {
      if (attributes) this.setRootAttributes(attributes);
      return this.root;
    }
    const parent = this.parentOf(names, path);
    const name = names[names.length - 1];
    const existing = parent.children.get(name);
    const own = this.attributes(path, attributes, 0o755);
    if (existing?.kind === 'directory' && existing.implicit) {
      Object.assign(existing, own, { implicit: false });
      return existing;
    }
    if (existing) this.duplicate(path);
    const directory: DirectoryNode = { kind: 'directory', children: new Map(), implicit: false, ...own };
    parent.children.set(name, directory);
    return directory;
  }

  addFile(path: string, content: Uint8Array | ByteSource, attributes?: EntryAttributes): FileNode {
    const source = content instanceof Uint8Array ? bytesSource(content) : content;
    if (!Number.isSafeInteger(source.sizeBytes) || source.sizeBytes < 0) {
      throw new CartiError('EXT2_INVALID_ENTRY', this.inputName, JSON.stringify(path), `file size ${source.sizeBytes} is not a byte count`);
    }
    return this.place(path, { kind: 'file', content: source, ...this.attributes(path, attributes, 0o644) });
  }

  addSymlink(path: string, target: string, attributes?: EntryAttributes): SymlinkNode {
    const length = nameBytes(target).length;
    const bad = (reason: string) => new CartiError('EXT2_INVALID_SYMLINK', this.inputName, JSON.stringify(path), reason);
    if (length === 0) throw bad('a symlink target cannot be empty');
    if (target.includes('\0')) throw bad('a symlink target cannot contain a NUL byte');
    if (length > MAX_SYMLINK_TARGET_BYTES) throw bad(`target is ${length} bytes, more than ${MAX_SYMLINK_TARGET_BYTES}`);
    return this.place(path, { kind: 'symlink', target, ...this.attributes(path, attributes, 0o777) });
  }

  /** A second path for an existing non-directory entry (one inode, several directory entries). */
  addHardLink(path: string, existingPath: string): TreeNode {
    const node = this.get(existingPath);
    if (!node) {
      throw new CartiError('EXT2_NO_SUCH_PATH', this.inputName, JSON.stringify(path), `hard link target ${JSON.stringify(existingPath)} does not exist`);
    }
    if (node.kind === 'directory') {
      throw new CartiError('EXT2_INVALID_ENTRY', this.inputName, JSON.stringify(path), `hard link target ${JSON.stringify(existingPath)} is a directory`);
    }
    return this.place(path, node);
  }

  addDevice(path: string, type: 'char' | 'block', major: number, minor: number, attributes?: EntryAttributes): DeviceNode {
    const check = (value: number, max: number, what: string) => {
      if (!Number.isInteger(value) || value < 0 || value > max) {
        throw new CartiError('EXT2_INVALID_ENTRY', this.inputName, JSON.stringify(path), `device ${what} ${value} is outside 0..${max}`);
      }
    };
    check(major, MAX_DEVICE_MAJOR, 'major');
    check(minor, MAX_DEVICE_MINOR, 'minor');
    const kind = type === 'char' ? 'char-device' : 'block-device';
    return this.place(path, { kind, major, minor, ...this.attributes(path, attributes, 0o600) });
  }

  addFifo(path: string, attributes?: EntryAttributes): SpecialNode {
    return this.place(path, { kind: 'fifo', ...this.attributes(path, attributes, 0o644) });
  }

  addSocket(path: string, attributes?: EntryAttributes): SpecialNode {
    return this.place(path, { kind: 'socket', ...this.attributes(path, attributes, 0o755) });
  }

  /** Removes an entry (a directory with everything below it); false when absent. For whiteouts. */
  remove(path: string): boolean {
    const names = splitPath(path, this.inputName);
    if (names.length === 0) {
      throw new CartiError('EXT2_INVALID_PATH', this.inputName, JSON.stringify(path), 'the root cannot be removed');
    }
    const parent = this.lookup(names.slice(0, -1));
    return parent?.kind === 'directory' ? parent.children.delete(names[names.length - 1]) : false;
  }

  get(path: string): TreeNode | undefined {
    return this.lookup(splitPath(path, this.inputName));
  }

  /**
   * Every entry, depth first (pre-order), parents before children, siblings in byte order of their UTF-8
   * names. The root comes first. A hard-linked node appears once per path.
   */
  *entries(): Generator<TreeEntry> {
    yield { path: '/', node: this.root };
    yield* walkDirectory(this.root, []);
  }

  private lookup(names: readonly string[]): TreeNode | undefined {
    let node: TreeNode = this.root;
    for (const name of names) {
      if (node.kind !== 'directory') return undefined;
      const child: TreeNode | undefined = node.children.get(name);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  private place<T extends TreeNode>(path: string, node: T): T {
    const names = splitPath(path, this.inputName);
    if (names.length === 0) this.duplicate(path);
    const parent = this.parentOf(names, path);
    const name = names[names.length - 1];
    if (parent.children.has(name)) this.duplicate(path);
    parent.children.set(name, node);
    return node;
  }

  /** The parent directory of `names`, creating missing ancestors implicitly (mode 0755, owner 0:0). */
  private parentOf(names: readonly string[], path: string): DirectoryNode {
    let directory = this.root;
    for (let index = 0; index < names.length - 1; index++) {
      const child = directory.children.get(names[index]);
      if (!child) {
        const created: DirectoryNode = { kind: 'directory', children: new Map(), implicit: true, permissions: 0o755, uid: 0, gid: 0 };
        directory.children.set(names[index], created);
        directory = created;
      } else if (child.kind === 'directory') {
        directory = child;
      } else {
        throw new CartiError('EXT2_NOT_A_DIRECTORY', this.inputName, JSON.stringify(path), `${joinPath(names.slice(0, index + 1))} is a ${child.kind}, not a directory`);
      }
    }
    return directory;
  }

  private duplicate(path: string): never {
    throw new CartiError('EXT2_DUPLICATE_PATH', this.inputName, JSON.stringify(path), 'an entry with this path already exists');
  }

  private attributes(path: string, attributes: EntryAttributes | undefined, defaultMode: number): NodeBase {
    const where = JSON.stringify(path);
    const check = (value: number | undefined, max: number, what: string) => {
      if (value === undefined) return;
      if (!Number.isInteger(value) || value < 0 || value > max) {
        throw new CartiError('EXT2_INVALID_ENTRY', this.inputName, where, `${what} ${value} is outside 0..${max}`);
      }
    };
    const { mode, uid, gid, atime, ctime, mtime } = attributes ?? {};
    check(mode, 0o7777, 'mode (permission bits)');
    check(uid, UINT32_MAX, 'uid');
    check(gid, UINT32_MAX, 'gid');
    check(atime, UINT32_MAX, 'atime');
    check(ctime, UINT32_MAX, 'ctime');
    check(mtime, UINT32_MAX, 'mtime');
    const base: NodeBase = { permissions: mode ?? defaultMode, uid: uid ?? 0, gid: gid ?? 0 };
    if (atime !== undefined) base.atime = atime;
    if (ctime !== undefined) base.ctime = ctime;
    if (mtime !== undefined) base.mtime = mtime;
    return base;
  }
}

/** Children of a directory in byte order of their UTF-8 names. */
export function sortedChildren(directory: DirectoryNode): Array<[string, TreeNode, Uint8Array]> {
  const list = [...directory.children].map(([name, node]) => [name, node, nameBytes(name)] as [string, TreeNode, Uint8Array]);
  return list.sort((a, b) => compareNameBytes(a[2], b[2]));
}

function* walkDirectory(directory: DirectoryNode, names: string[]): Generator<TreeEntry> {
  for (const [name, node] of sortedChildren(directory)) {
    const childNames = [...names, name];
    yield { path: joinPath(childNames), node };
    if (node.kind === 'directory') yield* walkDirectory(node, childNames);
  }
}
