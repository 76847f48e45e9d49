/** lib/oci: docker save / OCI image layout import into an ext2 root drive, with whiteouts (issue 5; spec §1–§3). */
export { importOciImage, flattenImage, ociMetadata, DEFAULT_ROOT_DRIVE_OPTIONS, type OciImportResult, type FlattenedImage, type OciFlattenOptions, type OciImportProgress } from './import';
export { imageFilesFromTar, type ImageFiles } from './image-files';
export { resolveImage, parsePlatform, platformName, DEFAULT_PLATFORM, type Platform, type ResolvedImage } from './select';
export { imageSettings, runArgsOf, type OciImageSettings } from './config';
export { applyLayer } from './flatten';
export { addToolsLayer, type ToolsAdded } from './tools';
export { withImportedImage } from './package-settings';
export { ociInitLines } from '../carti/oci-init';
