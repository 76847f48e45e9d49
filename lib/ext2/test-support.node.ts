/** Test helpers for lib/ext2: real e2fsprogs runs on temp files, tree snapshots for comparisons, a seeded PRNG. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileTree, TreeNode } from './tree';

export function makeTempDir(prefix = 'ext2-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ToolResult {
  status: number | null;
  output: string;
}

export function run(command: string, args: string[], env: Record<string, string> = {}): ToolResult {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `e2fsck -fn` on the image (written to a temp file when given as bytes). */
export function e2fsck(image: Uint8Array | string): ToolResult {
  if (typeof image === 'string') return run('e2fsck', ['-fn', image]);
  const temp = makeTempDir();
  try {
    const path = join(temp.dir, 'image.ext2');
    writeFileSync(path, image);
    return run('e2fsck', ['-fn', path]);
  } finally {
    temp.cleanup();
  }
}

export function debugfs(imagePath: string, request: string): string {
  const result = run('debugfs', ['-R', request, imagePath]);
  if (result.status !== 0) throw new Error(`debugfs failed: ${result.output}`);
  return result.output;
}

export interface SnapshotEntry {
  kind: string;
  mode: number;
  uid: number;
  gid: number;
  atime: number;
  ctime: number;
  mtime: number;
  sizeBytes?: number;
  sha256?: string;
  target?: string;
  major?: number;
  minor?: number;
  /** The first path (in walk order) naming the same node: equal for hard links. */
  linkGroup: string;
}

/** Everything the ext2 round trip must keep, by path; absent times count as 0 (the writer's default). */
export async function snapshot(tree: FileTree): Promise<Record<string, SnapshotEntry>> {
  const result: Record<string, SnapshotEntry> = {};
  const firstPath = new Map<TreeNode, string>();
  for (const { path, node } of tree.entries()) {
    if (!firstPath.has(node)) firstPath.set(node, path);
    const entry: SnapshotEntry = {
      kind: node.kind, mode: node.permissions, uid: node.uid, gid: node.gid,
      atime: node.atime ?? 0, ctime: node.ctime ?? 0, mtime: node.mtime ?? 0, linkGroup: firstPath.get(node)!,
    };
    if (node.kind === 'file') {
      entry.sizeBytes = node.content.sizeBytes;
      const hash = createHash('sha256');
      for (let offset = 0; offset < node.content.sizeBytes; offset += 1 << 20) {
        hash.update(await node.content.read(offset, Math.min(1 << 20, node.content.sizeBytes - offset)));
      }
      entry.sha256 = hash.digest('hex');
    }
    if (node.kind === 'symlink') entry.target = node.target;
    if (node.kind === 'char-device' || node.kind === 'block-device') Object.assign(entry, { major: node.major, minor: node.minor });
    result[path] = entry;
  }
  return result;
}

/** mulberry32: a small seeded PRNG so fuzz cases are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Deterministic pseudo-random bytes. */
export function patternBytes(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) bytes[index] = (random() * 256) | 0;
  return bytes;
}

/** Byte equality without vitest's element-by-element diffing (slow for megabytes). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
