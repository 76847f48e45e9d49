/**
 * A tar archive (plain or gzip) as a FileTree, for composing tar bundles into an ext2 drive (issue 5). Times are
 * not kept: composed drives have every time 0, like `xgenext2fs --faketime` (spec §6.4), so the drive depends
 * only on names, contents, modes and owners. Tree errors are re-raised naming the archive member.
 */
import { CartiError } from '../machine/errors';
import { FileTree } from '../ext2/tree';
import { readTar, type TarEntry, type TarReadOptions } from '../tar/reader';
import type { TarInput } from '../tar/input';

export function entryAttributes(entry: TarEntry): { mode: number; uid: number; gid: number } {
  return { mode: entry.mode, uid: entry.uid, gid: entry.gid };
}

export function entryLocation(entry: TarEntry): string {
  return `${JSON.stringify(entry.path || '.')} (header at byte ${entry.headerOffsetBytes})`;
}

/** Adds one member to `tree` at `path` (default: the member's path); the path must be free. */
export function addTarEntry(tree: FileTree, entry: TarEntry, inputName: string, path = `/${entry.path}`): void {
  const attributes = entryAttributes(entry);
  try {
    switch (entry.kind) {
      case 'directory': tree.addDirectory(path, attributes); break;
      case 'file': tree.addFile(path, entry.content!, attributes); break;
      case 'symlink': tree.addSymlink(path, entry.linkTarget!, attributes); break;
      case 'hardlink': tree.addHardLink(path, `/${entry.linkTarget}`); break;
      case 'char-device': tree.addDevice(path, 'char', entry.devMajor, entry.devMinor, attributes); break;
      case 'block-device': tree.addDevice(path, 'block', entry.devMajor, entry.devMinor, attributes); break;
      case 'fifo': tree.addFifo(path, attributes); break;
    }
  } catch (error) {
    if (error instanceof CartiError) throw new CartiError(error.code, inputName, entryLocation(entry), error.reason);
    throw error;
  }
}

export async function tarToTree(input: TarInput, options: TarReadOptions & { inputName: string }): Promise<FileTree> {
  const tree = new FileTree({ inputName: options.inputName });
  for await (const entry of readTar(input, options)) {
    if (entry.path === '') {
      if (entry.kind !== 'directory') throw new CartiError('TAR_BAD_PATH', options.inputName, entryLocation(entry), 'the archive root must be a directory');
      tree.setRootAttributes(entryAttributes(entry));
      continue;
    }
    addTarEntry(tree, entry, options.inputName);
  }
  return tree;
}
