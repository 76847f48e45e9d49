/**
 * Merging source trees into one drive tree, in order, with an explicit conflict policy (issue 5, "Drive
 * composition"). Directories merge; an entry already present with the same kind, mode, owner and content is
 * kept; anything else is a conflict: collected (policy `error`) or resolved by replacing the earlier entry and
 * everything below it (policy `later-wins`). Hard links inside one source stay hard links in the result.
 */
import { FileTree, type DirectoryNode, type TreeNode } from '../ext2/tree';
import { differenceOf } from './same-node';

export type ConflictPolicy = 'error' | 'later-wins';

export interface Conflict {
  path: string;
  /** Names of the earlier and the later source. */
  earlier: string;
  later: string;
  reason: string;
}

function attributes(node: TreeNode): { mode: number; uid: number; gid: number } {
  return { mode: node.permissions, uid: node.uid, gid: node.gid };
}

function addCopy(result: FileTree, path: string, node: TreeNode): TreeNode {
  const attrs = attributes(node);
  switch (node.kind) {
    case 'directory': return result.addDirectory(path, attrs);
    case 'file': return result.addFile(path, node.content, attrs);
    case 'symlink': return result.addSymlink(path, node.target, attrs);
    case 'char-device': return result.addDevice(path, 'char', node.major, node.minor, attrs);
    case 'block-device': return result.addDevice(path, 'block', node.major, node.minor, attrs);
    case 'fifo': return result.addFifo(path, attrs);
    case 'socket': return result.addSocket(path, attrs);
  }
}

interface Placed {
  path: string;
  node: TreeNode;
}

export class DriveMerger {
  readonly result = new FileTree({ inputName: 'composed drive' });
  readonly conflicts: Conflict[] = [];
  /** Which source last placed each path (for conflict messages). */
  private readonly owner = new Map<string, string>();

  constructor(private readonly policy: ConflictPolicy) {}

  async add(tree: FileTree, sourceName: string): Promise<void> {
    // Source node → the result path that holds it, so further paths of the same node become hard links.
    const placed = new Map<TreeNode, Placed>();
    let skipBelow: string | undefined;
    for (const { path, node } of tree.entries()) {
      if (skipBelow !== undefined && path.startsWith(`${skipBelow}/`)) continue;
      skipBelow = undefined;
      const existing = this.result.get(path);
      if (!existing) {
        this.place(path, node, sourceName, placed);
        continue;
      }
      if (existing.kind === 'directory' && node.kind === 'directory') {
        await this.mergeDirectory(path, existing, node, sourceName);
        continue;
      }
      const reason = await differenceOf(existing, node);
      if (reason === undefined) {
        if (!placed.has(node)) placed.set(node, { path, node: existing });
        continue;
      }
      this.conflicts.push({ path, earlier: this.owner.get(path) ?? '(unknown)', later: sourceName, reason });
      if (this.policy === 'later-wins') {
        this.result.remove(path);
        this.place(path, node, sourceName, placed);
      } else {
        skipBelow = path;
      }
    }
  }

  private async mergeDirectory(path: string, existing: DirectoryNode, node: DirectoryNode, sourceName: string): Promise<void> {
    const reason = await differenceOf(existing, node);
    if (reason === undefined) return;
    this.conflicts.push({ path, earlier: this.owner.get(path) ?? '(unknown)', later: sourceName, reason });
    if (this.policy === 'later-wins') {
      Object.assign(existing, { permissions: node.permissions, uid: node.uid, gid: node.gid });
      this.owner.set(path, sourceName);
    }
  }

  private place(path: string, node: TreeNode, sourceName: string, placed: Map<TreeNode, Placed>): void {
    const link = node.kind === 'directory' ? undefined : placed.get(node);
    // Link only while the first path still holds the node placed for it (a later conflict may have replaced it).
    if (link !== undefined && this.result.get(link.path) === link.node) this.result.addHardLink(path, link.path);
    else if (node.kind !== 'directory' || !placed.has(node)) placed.set(node, { path, node: addCopy(this.result, path, node) });
    else addCopy(this.result, path, node);
    this.owner.set(path, sourceName);
  }
}
