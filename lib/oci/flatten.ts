/**
 * Applying layers (spec §3.1 rules, §3.2 algorithm): per layer, read the whole entry list, then (1) clear the
 * lower-layer children of every directory with an opaque marker `.wh..wh..opq`, (2) delete the lower-layer
 * `<name>` of every whiteout `.wh.<name>`, (3) add the other entries in tar order (directory over directory
 * takes the entry's attributes; anything else replaces the existing path and everything below it), (4) resolve
 * hard links against the tree as it stands after this layer. Times are dropped (the drive gets zero times,
 * like `xgenext2fs --faketime`, §6.4). Errors name the layer, the member and its header offset.
 */
import { CartiError } from '../machine/errors';
import type { FileTree } from '../ext2/tree';
import { readTarEntries, type TarEntry } from '../tar/reader';
import { addTarEntry, entryAttributes, entryLocation } from '../drives/tar-tree';
import type { ImageLayer } from './select';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

function split(path: string): { directory: string; name: string } {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? { directory: '', name: path } : { directory: path.slice(0, slash), name: path.slice(slash + 1) };
}

export interface LayerStats {
  entries: number;
  whiteouts: number;
  opaqueDirectories: number;
}

export async function applyLayer(tree: FileTree, layer: ImageLayer, inputName: string): Promise<LayerStats> {
  const layerName = `${inputName}: layer ${layer.name}`;
  const entries = await readTarEntries(layer.source, { inputName: layerName });
  const fail = (entry: TarEntry, code: string, reason: string): never => {
    throw new CartiError(code, layerName, entryLocation(entry), reason);
  };
  const stats: LayerStats = { entries: entries.length, whiteouts: 0, opaqueDirectories: 0 };
  const ordinary: TarEntry[] = [];
  const hardLinks: TarEntry[] = [];
  const whiteouts: TarEntry[] = [];
  for (const entry of entries) {
    const { name } = split(entry.path);
    if (name === OPAQUE_MARKER) {
      const { directory } = split(entry.path);
      const node = wrapTreeErrors(entry, layerName, () => tree.get(`/${directory}`));
      if (node?.kind === 'directory') node.children.clear();
      stats.opaqueDirectories++;
    } else if (name.startsWith(WHITEOUT_PREFIX)) {
      if (name === WHITEOUT_PREFIX) fail(entry, 'OCI_BAD_WHITEOUT', 'a whiteout must name what it deletes (".wh." alone is invalid)');
      whiteouts.push(entry);
    } else if (entry.kind === 'hardlink') hardLinks.push(entry);
    else ordinary.push(entry);
  }
  for (const entry of whiteouts) {
    const { directory, name } = split(entry.path);
    wrapTreeErrors(entry, layerName, () => tree.remove(`/${directory ? `${directory}/` : ''}${name.slice(WHITEOUT_PREFIX.length)}`));
    stats.whiteouts++;
  }
  for (const entry of ordinary) {
    if (entry.path === '') {
      if (entry.kind !== 'directory') fail(entry, 'OCI_BAD_LAYER', 'the layer root must be a directory');
      tree.setRootAttributes(entryAttributes(entry));
      continue;
    }
    const path = `/${entry.path}`;
    const existing = wrapTreeErrors(entry, layerName, () => tree.get(path));
    if (existing?.kind === 'directory' && entry.kind === 'directory') {
      const { mode, uid, gid } = entryAttributes(entry);
      Object.assign(existing, { permissions: mode, uid, gid, implicit: false });
      continue;
    }
    if (existing) tree.remove(path);
    addTarEntry(tree, entry, layerName);
  }
  for (const entry of hardLinks) {
    const path = `/${entry.path}`;
    const target = wrapTreeErrors(entry, layerName, () => tree.get(`/${entry.linkTarget}`));
    if (!target) return fail(entry, 'OCI_BAD_LAYER', `hard link target ${JSON.stringify(entry.linkTarget)} does not exist after this layer`);
    if (target.kind === 'directory') fail(entry, 'OCI_BAD_LAYER', `hard link target ${JSON.stringify(entry.linkTarget)} is a directory`);
    const existing = wrapTreeErrors(entry, layerName, () => tree.get(path));
    if (existing === target) continue;
    if (existing) tree.remove(path);
    addTarEntry(tree, entry, layerName);
  }
  return stats;
}

function wrapTreeErrors<T>(entry: TarEntry, layerName: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CartiError) throw new CartiError(error.code, layerName, entryLocation(entry), error.reason);
    throw error;
  }
}
