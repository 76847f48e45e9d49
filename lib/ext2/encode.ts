/** Encoders for the superblock (§5.2), group descriptors (§5.3) and inodes (§5.4). Little-endian throughout. */
import {
  EXT2_DYNAMIC_REV, EXT2_FIRST_INO, EXT2_SUPER_MAGIC, INODE_SIZE_BYTES, S_IFBLK, S_IFCHR,
  S_IFDIR, S_IFIFO, S_IFLNK, S_IFREG, S_IFSOCK, SUPERBLOCK_SIZE_BYTES,
} from './constants';
import type { Geometry } from './geometry';
import type { TreeNode } from './tree';

export interface SuperblockCounts {
  freeBlocks: number;
  freeInodes: number;
  blockGroupNumber: number;
  featureCompat: number;
  featureIncompat: number;
  featureRoCompat: number;
  timestampSeconds: number;
  uuid: Uint8Array;
  volumeName: Uint8Array;
}

export function encodeSuperblock(geometry: Geometry, counts: SuperblockCounts): Uint8Array {
  const bytes = new Uint8Array(SUPERBLOCK_SIZE_BYTES);
  const view = new DataView(bytes.buffer);
  const logBlockSize = Math.log2(geometry.blockSizeBytes / 1024);
  view.setUint32(0, geometry.inodesPerGroup * geometry.groupCount, true);
  view.setUint32(4, geometry.blocksCount, true);
  view.setUint32(8, 0, true); // s_r_blocks_count: no reserved blocks (README "Format choices")
  view.setUint32(12, counts.freeBlocks, true);
  view.setUint32(16, counts.freeInodes, true);
  view.setUint32(20, geometry.firstDataBlock, true);
  view.setUint32(24, logBlockSize, true);
  view.setUint32(28, logBlockSize, true); // s_log_frag_size = s_log_block_size
  view.setUint32(32, geometry.blocksPerGroup, true);
  view.setUint32(36, geometry.blocksPerGroup, true);
  view.setUint32(40, geometry.inodesPerGroup, true);
  view.setUint32(44, 0, true); // s_mtime: never mounted
  view.setUint32(48, counts.timestampSeconds, true); // s_wtime
  view.setUint16(52, 0, true);
  view.setInt16(54, -1, true); // s_max_mnt_count: no mount-count checks, as current mke2fs
  view.setUint16(56, EXT2_SUPER_MAGIC, true);
  view.setUint16(58, 1, true); // s_state: clean
  view.setUint16(60, 1, true); // s_errors: continue
  view.setUint32(64, counts.timestampSeconds, true); // s_lastcheck
  view.setUint32(72, 0, true); // s_creator_os: Linux
  view.setUint32(76, EXT2_DYNAMIC_REV, true);
  view.setUint32(84, EXT2_FIRST_INO, true);
  view.setUint16(88, INODE_SIZE_BYTES, true);
  view.setUint16(90, counts.blockGroupNumber, true);
  view.setUint32(92, counts.featureCompat, true);
  view.setUint32(96, counts.featureIncompat, true);
  view.setUint32(100, counts.featureRoCompat, true);
  bytes.set(counts.uuid, 104);
  bytes.set(counts.volumeName, 120);
  return bytes;
}

export interface GroupDescriptorFields {
  blockBitmap: number;
  inodeBitmap: number;
  inodeTable: number;
  freeBlocks: number;
  freeInodes: number;
  usedDirectories: number;
}

export function encodeGroupDescriptor(target: Uint8Array, offset: number, fields: GroupDescriptorFields): void {
  const view = new DataView(target.buffer, target.byteOffset + offset, 32);
  view.setUint32(0, fields.blockBitmap, true);
  view.setUint32(4, fields.inodeBitmap, true);
  view.setUint32(8, fields.inodeTable, true);
  view.setUint16(12, fields.freeBlocks, true);
  view.setUint16(14, fields.freeInodes, true);
  view.setUint16(16, fields.usedDirectories, true);
}

export function typeBits(node: TreeNode): number {
  switch (node.kind) {
    case 'directory': return S_IFDIR;
    case 'file': return S_IFREG;
    case 'symlink': return S_IFLNK;
    case 'char-device': return S_IFCHR;
    case 'block-device': return S_IFBLK;
    case 'fifo': return S_IFIFO;
    case 'socket': return S_IFSOCK;
  }
}

export interface InodeFields {
  node: TreeNode;
  sizeBytes: number;
  linkCount: number;
  /** Allocated blocks (data + indirect), counted in 512-byte units by i_blocks. */
  allocatedBlocks: number;
  blockSizeBytes: number;
  /** i_block[0..14] as block numbers (0 = unused); ignored for fast symlinks and devices. */
  blockPointers: number[];
  fastSymlink?: Uint8Array;
  defaultTimeSeconds: number;
}

/** Device numbers (§5.4): old 8:8 encoding in i_block[0] when both fit, else the new one in i_block[1]. */
export function encodeDeviceNumber(major: number, minor: number): [number, number] {
  if (major < 256 && minor < 256) return [(major << 8) | minor, 0];
  return [0, ((minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12)) >>> 0];
}

export function encodeInode(target: Uint8Array, offset: number, fields: InodeFields): void {
  const { node } = fields;
  const view = new DataView(target.buffer, target.byteOffset + offset, INODE_SIZE_BYTES);
  view.setUint16(0, typeBits(node) | node.permissions, true);
  view.setUint16(2, node.uid & 0xffff, true);
  view.setUint32(4, fields.sizeBytes % 2 ** 32, true);
  view.setUint32(8, node.atime ?? fields.defaultTimeSeconds, true);
  view.setUint32(12, node.ctime ?? fields.defaultTimeSeconds, true);
  view.setUint32(16, node.mtime ?? fields.defaultTimeSeconds, true);
  view.setUint16(24, node.gid & 0xffff, true);
  view.setUint16(26, fields.linkCount, true);
  view.setUint32(28, fields.allocatedBlocks * (fields.blockSizeBytes / 512), true);
  if (fields.fastSymlink) {
    target.set(fields.fastSymlink, offset + 40);
  } else if (node.kind === 'char-device' || node.kind === 'block-device') {
    const [old, modern] = encodeDeviceNumber(node.major, node.minor);
    view.setUint32(40, old, true);
    view.setUint32(44, modern, true);
  } else {
    for (let index = 0; index < 15; index++) view.setUint32(40 + 4 * index, fields.blockPointers[index] ?? 0, true);
  }
  view.setUint32(108, node.kind === 'file' ? Math.floor(fields.sizeBytes / 2 ** 32) : 0, true); // i_size_high
  view.setUint16(120, node.uid >>> 16, true);
  view.setUint16(122, node.gid >>> 16, true);
}

