/** Node helpers for OCI import: open an image (tarball or layout directory), the default tools tree, file output. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CartiError } from '../machine/errors';
import { readExt2Tree } from '../ext2/reader';
import { fileByteSource } from '../ext2/writer.node.ts';
import type { FileTree } from '../ext2/tree';
import { fileSink } from '../store/file-sink.node.ts';
import { imageFilesFromTar, type ImageFiles } from './image-files';
import { imageFilesFromDirectory } from './image-files.node.ts';
import { importOciImage, type OciFlattenOptions, type OciImportResult } from './import';
import type { Ext2WriteOptions } from '../ext2/writer';

export async function openImage(path: string): Promise<ImageFiles> {
  const info = await stat(path).catch((cause: Error) => {
    throw new CartiError('io', path, '(file)', cause.message);
  });
  return info.isDirectory() ? imageFilesFromDirectory(path) : imageFilesFromTar(fileByteSource(path, info.size), path);
}

/** The default machine's root file system (guest/out/rootfs.ext2), the source of the tools layer. */
export async function defaultToolsTree(imagesDir: string): Promise<FileTree> {
  const path = join(imagesDir, 'rootfs.ext2');
  const info = await stat(path).catch(() => {
    throw new CartiError('OCI_TOOLS_MISSING', path, '(file)', 'the default machine is not built (run: npm run setup)');
  });
  return readExt2Tree(fileByteSource(path, info.size), { inputName: path });
}

/** Imports into `outputPath` atomically (a failure leaves nothing). */
export async function importOciImageToFile(files: ImageFiles, outputPath: string, options: OciFlattenOptions & { drive?: Ext2WriteOptions } = {}): Promise<OciImportResult> {
  const sink = fileSink(outputPath);
  try {
    const result = await importOciImage(files, options, (_, bytes) => sink.write(bytes));
    await sink.commit();
    return result;
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
