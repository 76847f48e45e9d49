/**
 * OCI / `docker save` import (issue 5): resolve the image for the platform (select.ts), refuse another
 * platform, apply the layers in order (flatten.ts), add the tools layer (tools.ts), and write an ext2 root drive
 * (lib/ext2) streamed to a sink while its carti id is computed. The image config becomes the machine's
 * settings (config.ts), recorded as `metadata.cartiStudio.oci`.
 */
import { createIdHasher } from '../carti/id';
import type { OciSettings } from '../carti/studio-metadata';
import { FileTree } from '../ext2/tree';
import { planExt2, writeExt2, type Ext2Sink, type Ext2WriteOptions } from '../ext2/writer';
import { checkConfigPlatform, imageSettings, type OciImageSettings } from './config';
import { applyLayer, type LayerStats } from './flatten';
import type { ImageFiles } from './image-files';
import { DEFAULT_PLATFORM, resolveImage, type Platform, type ResolvedImage } from './select';
import { addToolsLayer, type ToolsAdded } from './tools';

export interface OciImportProgress {
  phase: 'layer' | 'write';
  /** 1-based layer number, and the count, during `layer`. */
  layer?: number;
  layers?: number;
  layerName?: string;
  bytesWritten?: number;
  totalBytes?: number;
}

export interface OciFlattenOptions {
  platform?: Platform;
  /** The default machine's root tree, for the tools layer; undefined: no tools layer. */
  tools?: FileTree;
  onProgress?: (progress: OciImportProgress) => void;
}

export interface FlattenedImage {
  tree: FileTree;
  settings: OciImageSettings;
  shape: ResolvedImage['shape'];
  manifestDigest?: string;
  configDigest?: string;
  layers: Array<{ name: string } & LayerStats>;
  toolsAdded: ToolsAdded;
}

/** Root drive defaults: 10 MiB free like the Cartesi CLI's `data_size` (spec §4.3), 2 MiB padding for pmem. */
export const DEFAULT_ROOT_DRIVE_OPTIONS: Ext2WriteOptions = { freeBytes: 10 << 20, freeInodes: 1024, padToMultipleOfBytes: 2 << 20, volumeName: 'root' };

export async function flattenImage(files: ImageFiles, options: OciFlattenOptions = {}): Promise<FlattenedImage> {
  const platform = options.platform ?? DEFAULT_PLATFORM;
  const image = await resolveImage(files, platform);
  checkConfigPlatform(image.config, platform, files.inputName);
  const tree = new FileTree({ inputName: files.inputName });
  const layers: FlattenedImage['layers'] = [];
  for (const [index, layer] of image.layers.entries()) {
    options.onProgress?.({ phase: 'layer', layer: index + 1, layers: image.layers.length, layerName: layer.name });
    layers.push({ name: layer.name, ...(await applyLayer(tree, layer, files.inputName)) });
  }
  const toolsAdded = options.tools ? addToolsLayer(tree, options.tools) : { files: [], links: [], directories: [] };
  return {
    tree, settings: imageSettings(image.config), shape: image.shape, layers, toolsAdded,
    ...(image.manifestDigest ? { manifestDigest: image.manifestDigest } : {}),
    ...(image.configDigest ? { configDigest: image.configDigest } : {}),
  };
}

export interface OciImportResult extends FlattenedImage {
  outputId: string;
  imageSizeBytes: number;
}

/** Flattens the image and writes its root drive through `sink` (optional), returning the drive's id. */
export async function importOciImage(
  files: ImageFiles,
  options: OciFlattenOptions & { drive?: Ext2WriteOptions } = {},
  sink?: Ext2Sink,
): Promise<OciImportResult> {
  const flattened = await flattenImage(files, options);
  const plan = planExt2(flattened.tree, { ...DEFAULT_ROOT_DRIVE_OPTIONS, ...options.drive, inputName: `${files.inputName} (root drive)` });
  const hasher = await createIdHasher();
  await writeExt2(plan, async (offset, chunk) => {
    hasher.update(chunk);
    if (sink) await sink(offset, chunk);
    options.onProgress?.({ phase: 'write', bytesWritten: offset + chunk.length, totalBytes: plan.imageSizeBytes });
  });
  return { ...flattened, outputId: await hasher.finish(), imageSizeBytes: plan.imageSizeBytes };
}

/** The `metadata.cartiStudio.oci` record for the settings. */
export function ociMetadata(settings: OciImageSettings): OciSettings {
  return {
    entrypoint: settings.entrypoint, env: settings.env,
    ...(settings.workdir !== undefined ? { workdir: settings.workdir } : {}),
    ...(settings.user !== undefined ? { user: settings.user } : {}),
  };
}
