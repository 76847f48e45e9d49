/**
 * Test helpers: image containers built from layer tars, in the shapes lib/oci reads (spec §1.1, §2.2):
 * legacy `docker save`, Docker 25+ `docker save` (OCI layout plus manifest.json), and an OCI layout whose
 * index nests a per-platform index with an attestation manifest. Also a FileTree → tar writer.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { FileTree } from '../ext2/tree';
import { buildTar, type TestMember } from '../tar/test-tar';

export interface TestImageConfig {
  architecture?: string;
  os?: string;
  Entrypoint?: string[];
  Cmd?: string[];
  Env?: string[];
  WorkingDir?: string;
  User?: string;
}

export type ImageShape = 'legacy' | 'docker25' | 'oci-nested';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;
const isZstd = (bytes: Uint8Array) => bytes[0] === 0x28 && bytes[1] === 0xb5 && bytes[2] === 0x2f && bytes[3] === 0xfd;

/** zstd with the `zstd` CLI (Debian package zstd): test layers are made and checked apart from fzstd. */
export function zstdCompress(bytes: Uint8Array, level = 3): Uint8Array {
  return new Uint8Array(execFileSync('zstd', [`-${level}`, '-q', '-c'], { input: bytes, maxBuffer: 1 << 30 }));
}

function uncompressed(layer: Uint8Array): Uint8Array {
  if (isGzip(layer)) return gunzipSync(layer);
  if (isZstd(layer)) {
    try {
      return new Uint8Array(execFileSync('zstd', ['-d', '-q', '-c'], { input: layer, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] }));
    } catch {
      // A deliberately broken test layer: its DiffID is then just its own hash (the importer must fail on it).
      return layer;
    }
  }
  return layer;
}

function layerMediaType(layer: Uint8Array): string {
  return `application/vnd.oci.image.layer.v1.tar${isGzip(layer) ? '+gzip' : isZstd(layer) ? '+zstd' : ''}`;
}

function configOf(layers: Uint8Array[], config: TestImageConfig, architecture = config.architecture ?? 'riscv64'): Uint8Array {
  const { os = 'linux', architecture: _, ...settings } = config;
  const diffIds = layers.map((layer) => `sha256:${sha256(uncompressed(layer))}`);
  return json({ architecture, os, config: settings, rootfs: { type: 'layers', diff_ids: diffIds } });
}

function manifestOf(configBytes: Uint8Array, layers: Uint8Array[]): Uint8Array {
  return json({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha256(configBytes)}`, size: configBytes.length },
    layers: layers.map((layer) => ({ mediaType: layerMediaType(layer), digest: `sha256:${sha256(layer)}`, size: layer.length })),
  });
}

function descriptor(bytes: Uint8Array, mediaType: string, extra: Record<string, unknown> = {}) {
  return { mediaType, digest: `sha256:${sha256(bytes)}`, size: bytes.length, ...extra };
}

/** The files of the container, path → bytes. */
export function imageFiles(layers: Uint8Array[], config: TestImageConfig, shape: ImageShape): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const blob = (bytes: Uint8Array) => {
    files.set(`blobs/sha256/${sha256(bytes)}`, bytes);
    return bytes;
  };
  const configBytes = configOf(layers, config);
  if (shape === 'legacy') {
    files.set(`${sha256(configBytes)}.json`, configBytes);
    const layerPaths = layers.map((layer, index) => {
      const path = `${sha256(new TextEncoder().encode(`layer-${index}`))}/layer.tar`;
      files.set(path, uncompressed(layer));
      return path;
    });
    files.set('manifest.json', json([{ Config: `${sha256(configBytes)}.json`, RepoTags: ['test:latest'], Layers: layerPaths }]));
    files.set('repositories', json({ test: { latest: 'x' } }));
    return files;
  }
  files.set('oci-layout', json({ imageLayoutVersion: '1.0.0' }));
  layers.forEach(blob);
  blob(configBytes);
  const manifest = blob(manifestOf(configBytes, layers));
  const manifestType = 'application/vnd.oci.image.manifest.v1+json';
  if (shape === 'docker25') {
    files.set('index.json', json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [descriptor(manifest, manifestType, { annotations: { 'io.containerd.image.name': 'docker.io/library/test:latest' } })] }));
    files.set('manifest.json', json([{ Config: `blobs/sha256/${sha256(configBytes)}`, RepoTags: ['test:latest'], Layers: layers.map((layer) => `blobs/sha256/${sha256(layer)}`) }]));
    return files;
  }
  // oci-nested: top index → per-platform index with an amd64 image, the riscv64 image and an attestation.
  const amdConfig = blob(configOf(layers, config, 'amd64'));
  const amdManifest = blob(manifestOf(amdConfig, layers));
  const attestation = blob(json({ schemaVersion: 2, mediaType: manifestType, config: descriptor(blob(json({})), 'application/vnd.in-toto+json'), layers: [] }));
  const inner = blob(json({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [
      descriptor(amdManifest, manifestType, { platform: { architecture: 'amd64', os: 'linux' } }),
      descriptor(attestation, manifestType, { platform: { architecture: 'unknown', os: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }),
      descriptor(manifest, manifestType, { platform: { architecture: config.architecture ?? 'riscv64', os: 'linux' } }),
    ],
  }));
  files.set('index.json', json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [descriptor(inner, 'application/vnd.oci.image.index.v1+json')] }));
  return files;
}

/** The container as a tarball (what `docker save` writes). */
export function imageTar(layers: Uint8Array[], config: TestImageConfig, shape: ImageShape = 'legacy'): Uint8Array {
  const members: TestMember[] = [...imageFiles(layers, config, shape)].map(([name, content]) => ({ name, content }));
  return buildTar(members);
}

/** A FileTree as an uncompressed layer tar (contents read into memory; times 0). */
export async function treeToLayer(tree: FileTree): Promise<Uint8Array> {
  const members: TestMember[] = [];
  const first = new Map<unknown, string>();
  for (const { path, node } of tree.entries()) {
    if (path === '/') continue;
    const name = path.slice(1);
    const base = { name, mode: node.permissions, uid: node.uid, gid: node.gid };
    if (node.kind !== 'directory' && first.has(node)) {
      members.push({ ...base, type: '1', linkname: first.get(node)!, gnuLongNames: name.length > 99 });
      continue;
    }
    first.set(node, name);
    switch (node.kind) {
      case 'directory': members.push({ ...base, name: `${name}/`, type: '5' }); break;
      case 'file': members.push({ ...base, content: await node.content.read(0, node.content.sizeBytes) }); break;
      case 'symlink': members.push({ ...base, type: '2', linkname: node.target }); break;
      case 'char-device': case 'block-device': members.push({ ...base, type: node.kind === 'char-device' ? '3' : '4', devMajor: node.major, devMinor: node.minor }); break;
      case 'fifo': members.push({ ...base, type: '6' }); break;
      case 'socket': break; // tar cannot hold sockets
    }
  }
  return buildTar(members.map((member) => (member.name.length > 99 ? { ...member, gnuLongNames: true } : member)));
}
