/**
 * A composition source as a FileTree: an ext2 image (read lazily with lib/ext2) or a tar archive (plain or gzip,
 * lib/tar). The kind is detected from the bytes: the ext2 magic 0xEF53 at byte 1080 (spec §5.2), else tar.
 */
import { bytesSource, type ByteSource, type FileTree } from '../ext2/tree';
import { readExt2Tree } from '../ext2/reader';
import { tarToTree } from './tar-tree';

export type SourceKind = 'ext2' | 'tar';

const EXT2_MAGIC_OFFSET = 1080;

export async function sourceKind(source: ByteSource): Promise<SourceKind> {
  if (source.sizeBytes < EXT2_MAGIC_OFFSET + 2) return 'tar';
  const magic = await source.read(EXT2_MAGIC_OFFSET, 2);
  return magic[0] === 0x53 && magic[1] === 0xef ? 'ext2' : 'tar';
}

export async function sourceTree(input: Uint8Array | ByteSource, inputName: string): Promise<{ kind: SourceKind; tree: FileTree }> {
  const source = input instanceof Uint8Array ? bytesSource(input) : input;
  const kind = await sourceKind(source);
  const tree = kind === 'ext2' ? await readExt2Tree(source, { inputName }) : await tarToTree(source, { inputName });
  return { kind, tree };
}
