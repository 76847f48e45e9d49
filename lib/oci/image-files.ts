/**
 * The files of an image container, by path: a `docker save` tarball, an OCI image layout as a tar, or (Node,
 * `image-files.node.ts`) an OCI layout directory (spec §1.1, §2.2). Symlinks inside the tarball (legacy
 * `docker save` links repeated `layer.tar` files) are followed within the archive only.
 */
import { CartiError } from '../machine/errors';
import type { ByteSource } from '../ext2/tree';
import { readTar } from '../tar/reader';
import type { TarInput } from '../tar/input';
import { normalizeMemberPath } from '../tar/paths';

export interface ImageFiles {
  readonly inputName: string;
  /** The file at `path` (relative, `/`-separated), or undefined. */
  get(path: string): Promise<ByteSource | undefined>;
}

const MAX_LINK_HOPS = 8;

export async function imageFilesFromTar(input: TarInput, inputName: string): Promise<ImageFiles> {
  const files = new Map<string, ByteSource>();
  const links = new Map<string, string>();
  for await (const entry of readTar(input, { inputName })) {
    if (entry.kind === 'file') files.set(entry.path, entry.content!);
    else if (entry.kind === 'hardlink') links.set(entry.path, entry.linkTarget!);
    else if (entry.kind === 'symlink') {
      const directory = entry.path.includes('/') ? entry.path.slice(0, entry.path.lastIndexOf('/') + 1) : '';
      const where = `${JSON.stringify(entry.path)} (header at byte ${entry.headerOffsetBytes})`;
      links.set(entry.path, normalizeMemberPath(`${directory}${entry.linkTarget}`, inputName, where, 'symlink target'));
    }
  }
  return {
    inputName,
    async get(path) {
      let current = path;
      for (let hops = 0; hops <= MAX_LINK_HOPS; hops++) {
        const file = files.get(current);
        if (file) return file;
        const next = links.get(current);
        if (next === undefined) return undefined;
        current = next;
      }
      throw new CartiError('OCI_BAD_ARCHIVE', inputName, JSON.stringify(path), `more than ${MAX_LINK_HOPS} links to follow`);
    },
  };
}
