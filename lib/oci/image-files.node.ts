/** An OCI image layout directory on disk as ImageFiles (spec §1.1); paths never leave the directory. */
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileByteSource } from '../ext2/writer.node.ts';
import { normalizeMemberPath } from '../tar/paths';
import type { ImageFiles } from './image-files';

export function imageFilesFromDirectory(directory: string): ImageFiles {
  const root = resolve(directory);
  return {
    inputName: directory,
    async get(path) {
      const relative = normalizeMemberPath(path, directory, JSON.stringify(path));
      const full = join(root, relative);
      if (!full.startsWith(root + sep)) return undefined;
      const info = await stat(full).catch(() => undefined);
      return info?.isFile() ? fileByteSource(full, info.size) : undefined;
    },
  };
}
