/**
 * Whether two tree entries are the same for composition (issue 5: "the same path with different content is an
 * error"): same kind, permission bits, owner, and content (file bytes, symlink target, device numbers). Times
 * are not compared (composed drives carry none).
 */
import type { ByteSource, TreeNode } from '../ext2/tree';

const COMPARE_CHUNK_BYTES = 1 << 20;

/** A reason the entries differ, or undefined when they are the same. */
export async function differenceOf(earlier: TreeNode, later: TreeNode): Promise<string | undefined> {
  if (earlier.kind !== later.kind) return `a ${earlier.kind} is replaced by a ${later.kind}`;
  if (earlier.permissions !== later.permissions) return `mode 0${earlier.permissions.toString(8)} vs 0${later.permissions.toString(8)}`;
  if (earlier.uid !== later.uid || earlier.gid !== later.gid) return `owner ${earlier.uid}:${earlier.gid} vs ${later.uid}:${later.gid}`;
  if (earlier.kind === 'symlink' && later.kind === 'symlink' && earlier.target !== later.target) {
    return `symlink target ${JSON.stringify(earlier.target)} vs ${JSON.stringify(later.target)}`;
  }
  if ((earlier.kind === 'char-device' || earlier.kind === 'block-device') && (later.kind === 'char-device' || later.kind === 'block-device')) {
    if (earlier.major !== later.major || earlier.minor !== later.minor) return `device ${earlier.major}:${earlier.minor} vs ${later.major}:${later.minor}`;
  }
  if (earlier.kind === 'file' && later.kind === 'file') {
    if (earlier.content.sizeBytes !== later.content.sizeBytes) return `${earlier.content.sizeBytes} bytes vs ${later.content.sizeBytes} bytes`;
    const offset = await firstDifference(earlier.content, later.content);
    if (offset !== undefined) return `contents differ from byte ${offset}`;
  }
  return undefined;
}

async function firstDifference(a: ByteSource, b: ByteSource): Promise<number | undefined> {
  if (a === b) return undefined;
  for (let offset = 0; offset < a.sizeBytes; offset += COMPARE_CHUNK_BYTES) {
    const length = Math.min(COMPARE_CHUNK_BYTES, a.sizeBytes - offset);
    const [left, right] = await Promise.all([a.read(offset, length), b.read(offset, length)]);
    for (let index = 0; index < length; index++) if (left[index] !== right[index]) return offset + index;
  }
  return undefined;
}
