/**
 * Finding the image's manifest, config and layers (spec §1.2, §2.2): an OCI layout's `index.json` (nested
 * indexes followed; attestation manifests skipped; the platform chosen, linux/riscv64 by default), else the
 * `docker save` `manifest.json` (legacy shape, and the fallback for Docker defects such as `"manifests": null`).
 * Every blob named by a digest is verified; legacy config files are checked against their file name and legacy
 * uncompressed layers against the config's DiffIDs.
 */
import { CartiError } from '../machine/errors';
import type { ByteSource } from '../ext2/tree';
import { blobPath, sha256Hex, verifyDigest } from './digest';
import type { ImageFiles } from './image-files';
import { isObject, parseJsonSource, readJsonFile, stringsOf, type JsonObject } from './json';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ImageLayer {
  /** For messages and progress: the blob digest or the legacy path. */
  name: string;
  source: ByteSource;
}

export interface ResolvedImage {
  shape: 'oci-layout' | 'docker-save';
  manifestDigest?: string;
  config: JsonObject;
  configDigest?: string;
  layers: ImageLayer[];
}

export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'riscv64' };

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const MAX_INDEX_DEPTH = 4;

export function platformName(platform: Partial<Platform>): string {
  return `${platform.os ?? '?'}/${platform.architecture ?? '?'}${platform.variant ? `/${platform.variant}` : ''}`;
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, ...rest] = text.split('/');
  if (!os || !architecture || rest.length > 0) throw new CartiError('OCI_BAD_PLATFORM', '--platform', text, 'expected os/architecture[/variant], e.g. linux/riscv64');
  return { os, architecture, ...(variant ? { variant } : {}) };
}

function matches(candidate: Partial<Platform>, wanted: Platform): boolean {
  return candidate.os === wanted.os && candidate.architecture === wanted.architecture && (!wanted.variant || candidate.variant === wanted.variant);
}

function isAttestation(descriptor: JsonObject): boolean {
  const platform = isObject(descriptor.platform) ? descriptor.platform : undefined;
  const annotations = isObject(descriptor.annotations) ? descriptor.annotations : {};
  return annotations['vnd.docker.reference.type'] === 'attestation-manifest' || (platform?.os === 'unknown' && platform?.architecture === 'unknown');
}

async function verifiedBlob(files: ImageFiles, digest: unknown, where: string): Promise<ByteSource> {
  const path = blobPath(digest, files.inputName, where);
  const source = await files.get(path);
  if (!source) throw new CartiError('OCI_MISSING_BLOB', files.inputName, where, `blob ${String(digest)} (${path}) is not in the image`);
  await verifyDigest(source, digest as string, files.inputName, path);
  return source;
}

async function verifiedJson(files: ImageFiles, digest: unknown, where: string): Promise<JsonObject> {
  const value = await parseJsonSource(await verifiedBlob(files, digest, where), files.inputName, String(digest));
  if (!isObject(value)) throw new CartiError('OCI_BAD_JSON', files.inputName, String(digest), 'expected a JSON object');
  return value;
}

/** Manifests found under an index, depth first, with the platform their descriptor (or config) declares. */
async function collectManifests(files: ImageFiles, index: JsonObject, where: string, depth: number, found: Array<{ digest: string; manifest: JsonObject; platform: Partial<Platform> }>): Promise<void> {
  if (depth > MAX_INDEX_DEPTH) throw new CartiError('OCI_BAD_INDEX', files.inputName, where, `indexes nested more than ${MAX_INDEX_DEPTH} deep`);
  const manifests = Array.isArray(index.manifests) ? index.manifests : [];
  for (const [position, descriptor] of manifests.entries()) {
    const at = `${where}.manifests[${position}]`;
    if (!isObject(descriptor) || isAttestation(descriptor)) continue;
    const value = await verifiedJson(files, descriptor.digest, at);
    if (INDEX_TYPES.has(String(descriptor.mediaType)) || INDEX_TYPES.has(String(value.mediaType)) || Array.isArray(value.manifests)) {
      await collectManifests(files, value, String(descriptor.digest), depth + 1, found);
      continue;
    }
    let platform: Partial<Platform> = isObject(descriptor.platform) ? (descriptor.platform as Partial<Platform>) : {};
    if (!platform.architecture && isObject(value.config)) {
      // Docker 25+ `docker save` index entries carry no platform: the config says it.
      const config = await verifiedJson(files, value.config.digest, `${String(descriptor.digest)}.config`);
      platform = { os: String(config.os), architecture: String(config.architecture), ...(config.variant ? { variant: String(config.variant) } : {}) };
    }
    found.push({ digest: String(descriptor.digest), manifest: value, platform });
  }
}

async function fromIndex(files: ImageFiles, index: JsonObject, wanted: Platform): Promise<ResolvedImage | undefined> {
  const found: Array<{ digest: string; manifest: JsonObject; platform: Partial<Platform> }> = [];
  await collectManifests(files, index, 'index.json', 0, found);
  if (found.length === 0) return undefined;
  const chosen = found.find((candidate) => matches(candidate.platform, wanted));
  if (!chosen) {
    const names = [...new Set(found.map((candidate) => platformName(candidate.platform)))].join(', ');
    throw new CartiError('OCI_WRONG_PLATFORM', files.inputName, 'index.json', `the image is for ${names}, not ${platformName(wanted)}; Cartesi machines run riscv64 images (build with --platform linux/riscv64)`);
  }
  const { manifest } = chosen;
  if (!isObject(manifest.config) || !Array.isArray(manifest.layers)) {
    throw new CartiError('OCI_BAD_MANIFEST', files.inputName, chosen.digest, 'a manifest needs "config" and "layers"');
  }
  const config = await verifiedJson(files, manifest.config.digest, `${chosen.digest}.config`);
  const layers: ImageLayer[] = [];
  for (const [position, layer] of manifest.layers.entries()) {
    const at = `${chosen.digest}.layers[${position}]`;
    if (!isObject(layer)) throw new CartiError('OCI_BAD_MANIFEST', files.inputName, at, 'a layer descriptor must be an object');
    layers.push({ name: String(layer.digest), source: await verifiedBlob(files, layer.digest, at) });
  }
  return { shape: 'oci-layout', manifestDigest: chosen.digest, config, configDigest: String(manifest.config.digest), layers };
}

const BLOB_PATH = /^blobs\/sha256\/([0-9a-f]{64})$/;
const LEGACY_CONFIG = /^([0-9a-f]{64})\.json$/;

async function legacyFile(files: ImageFiles, path: string, where: string, expectedDigest?: string): Promise<ByteSource> {
  const source = await files.get(path);
  if (!source) throw new CartiError('OCI_MISSING_BLOB', files.inputName, where, `${path} is not in the image`);
  const named = BLOB_PATH.exec(path) ?? LEGACY_CONFIG.exec(path);
  const digest = named ? `sha256:${named[1]}` : expectedDigest;
  if (digest) await verifyDigest(source, digest, files.inputName, path);
  return source;
}

async function fromDockerManifest(files: ImageFiles, list: unknown): Promise<ResolvedImage> {
  if (!Array.isArray(list) || list.length === 0 || !isObject(list[0])) {
    throw new CartiError('OCI_BAD_MANIFEST', files.inputName, 'manifest.json', 'expected a non-empty array of {Config, Layers}');
  }
  const entry = list[0];
  const layerPaths = stringsOf(entry.Layers);
  if (typeof entry.Config !== 'string' || !layerPaths) throw new CartiError('OCI_BAD_MANIFEST', files.inputName, 'manifest.json[0]', 'needs a "Config" path and a "Layers" array of paths');
  const config = await parseJsonSource(await legacyFile(files, entry.Config, 'manifest.json[0].Config'), files.inputName, entry.Config);
  if (!isObject(config)) throw new CartiError('OCI_BAD_JSON', files.inputName, entry.Config, 'expected a JSON object');
  const diffIds = isObject(config.rootfs) ? stringsOf(config.rootfs.diff_ids) ?? [] : [];
  const layers: ImageLayer[] = [];
  for (const [position, path] of layerPaths.entries()) {
    const source = await files.get(path);
    // A legacy layer.tar is the uncompressed layer: its SHA-256 is the DiffID (spec §1.3).
    const expected = source && !BLOB_PATH.test(path) && source.sizeBytes > 2 && (await source.read(0, 2))[0] !== 0x1f ? diffIds[position] : undefined;
    layers.push({ name: path, source: await legacyFile(files, path, `manifest.json[0].Layers[${position}]`, expected) });
  }
  return { shape: 'docker-save', config, layers };
}

/** The image to import: from `index.json` when it yields a manifest, else from `manifest.json` (spec §2.2). */
export async function resolveImage(files: ImageFiles, wanted: Platform = DEFAULT_PLATFORM): Promise<ResolvedImage> {
  const index = await readJsonFile(files, 'index.json');
  if (isObject(index)) {
    const resolved = await fromIndex(files, index, wanted);
    if (resolved && resolved.layers.length > 0) return resolved;
  }
  const manifest = await readJsonFile(files, 'manifest.json');
  if (manifest !== undefined) return fromDockerManifest(files, manifest);
  throw new CartiError('OCI_NOT_AN_IMAGE', files.inputName, '(root)', 'neither an OCI image layout (index.json) nor a docker save tarball (manifest.json)');
}

export { sha256Hex };
