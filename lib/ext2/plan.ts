/**
 * The writer's plan: inode numbers, block counts, directory contents and the filesystem size, all fixed before a
 * byte is written (spec §6.5 "determinism recipe"; README "Allocation order").
 *
 * - Inode 2 is the root, inode 11 is `lost+found` (mode 0700 unless the tree has its own `/lost+found`
 *   directory), then numbers from 12 on follow a depth-first walk from the root: when the walk reaches a
 *   directory, all its entries get the next numbers in byte order of their UTF-8 names, then the walk enters
 *   its subdirectories in that same order. A hard-linked node is numbered where it is first met.
 * - Data blocks are handed out in inode-number order from one cursor that runs through every group's data area,
 *   so each inode's blocks are contiguous except where they step over a group's metadata.
 */
import { CartiError } from '../machine/errors';
import { indirectBlockCount, maxDataBlocks } from './block-map';
import {
  EXT2_FIRST_INO, EXT2_ROOT_INO, FAST_SYMLINK_MAX_BYTES, FT_BLKDEV, FT_CHRDEV, FT_DIR, FT_FIFO, FT_REG_FILE,
  FT_SOCK, FT_SYMLINK, INCOMPAT_FILETYPE, LARGE_FILE_THRESHOLD_BYTES, RO_COMPAT_LARGE_FILE, RO_COMPAT_SPARSE_SUPER,
} from './constants';
import { buildDirectoryBlocks, directoryBlockCount, type DirectoryEntryInput } from './dir-blocks';
import { type Geometry, baseGeometry, blocksInGroup, groupOverheadBlocks, totalOverheadBlocks } from './geometry';
import { nameBytes } from './paths';
import { type DirectoryNode, type FileTree, type TreeNode, sortedChildren } from './tree';

export interface Ext2WriteOptions {
  /** 1024, 2048 or 4096 (default 4096, as Cartesi tools use: spec §5.1). */
  blockSizeBytes?: number;
  /** Fixed filesystem size; when absent the size is computed from the content plus the free space below. */
  sizeBytes?: number;
  /** Free space to leave, in bytes (computed size only). */
  freeBytes?: number;
  /** Free inodes to leave. Default 0 for a computed size; for a fixed size, enough for one inode per 16 KiB. */
  freeInodes?: number;
  /** Pad the image length up to a multiple of this many bytes (Linux pmem needs 2 MiB). */
  padToMultipleOfBytes?: number;
  /** Filesystem times and the default for entries without times (default 0). */
  timestampSeconds?: number;
  /** Up to 16 bytes of UTF-8. */
  volumeName?: string;
  /** 16 bytes; default all zero. */
  uuid?: Uint8Array;
  /** Names the image in error messages. */
  inputName?: string;
}

export interface InodePlan {
  number: number;
  node: TreeNode;
  linkCount: number;
  /** File, directory or symlink data blocks, without indirect blocks. */
  dataBlocks: number;
  /** Data blocks plus indirect blocks. */
  slotCount: number;
  /** Data-area position of the first slot. */
  firstPosition: number;
  sizeBytes: number;
  directoryBytes?: Uint8Array;
  symlinkBytes?: Uint8Array;
}

export interface Ext2Plan {
  inputName: string;
  geometry: Geometry;
  /** By inode number, ascending (2, 11, 12, 13…). */
  inodes: InodePlan[];
  lastInode: number;
  dataBlocksUsed: number;
  imageSizeBytes: number;
  featureIncompat: number;
  featureRoCompat: number;
  timestampSeconds: number;
  volumeName: Uint8Array;
  uuid: Uint8Array;
}

export const LOST_AND_FOUND = 'lost+found';
const INODE_RATIO_BYTES = 16384;
/** Linux ext2's EXT2_LINK_MAX: the kernel refuses more links to one inode. */
const EXT2_LINK_MAX = 32000;
const MAX_BLOCKS = 0xffffffff;

export function fileTypeOf(node: TreeNode): number {
  switch (node.kind) {
    case 'directory': return FT_DIR;
    case 'file': return FT_REG_FILE;
    case 'symlink': return FT_SYMLINK;
    case 'char-device': return FT_CHRDEV;
    case 'block-device': return FT_BLKDEV;
    case 'fifo': return FT_FIFO;
    case 'socket': return FT_SOCK;
  }
}

export function planExt2(tree: FileTree, options: Ext2WriteOptions = {}): Ext2Plan {
  const inputName = options.inputName ?? 'ext2 image';
  const blockSizeBytes = checkOptions(options, inputName);
  const pointersPerBlock = blockSizeBytes / 4;
  const rootChildren = rootChildrenWithLostAndFound(tree, inputName);
  const lostAndFound = rootChildren.find(([name]) => name === LOST_AND_FOUND)![1] as DirectoryNode;

  // Pass 1: numbers, link counts, parents.
  const numbers = new Map<TreeNode, number>([[tree.root, EXT2_ROOT_INO], [lostAndFound, EXT2_FIRST_INO]]);
  const linkCounts = new Map<TreeNode, number>();
  const parents = new Map<DirectoryNode, DirectoryNode>([[tree.root, tree.root], [lostAndFound, tree.root]]);
  const childLists = new Map<DirectoryNode, Array<[string, TreeNode, Uint8Array]>>([[tree.root, rootChildren]]);
  const order: TreeNode[] = [tree.root, lostAndFound];
  let nextInode = EXT2_FIRST_INO + 1;
  // Iterative depth-first walk (deep trees must not overflow the call stack).
  const visit = (directory: DirectoryNode) => {
    const children = childLists.get(directory) ?? sortedChildren(directory);
    childLists.set(directory, children);
    let subdirectories = 0;
    const pending: DirectoryNode[] = [];
    for (const [, node] of children) {
      linkCounts.set(node, (linkCounts.get(node) ?? 0) + 1);
      if (!numbers.has(node)) {
        numbers.set(node, nextInode++);
        order.push(node);
      }
      if (node.kind === 'directory') {
        subdirectories++;
        parents.set(node, directory);
        pending.push(node);
      }
    }
    linkCounts.set(directory, 2 + subdirectories);
    return pending;
  };
  // A directory's entries are numbered together when it is reached, then its subdirectories are entered.
  const walk = (start: DirectoryNode) => {
    // A stack of sibling lists, each with the index of the next directory to enter.
    const work: Array<{ directories: DirectoryNode[]; next: number }> = [{ directories: [start], next: 0 }];
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top.next === top.directories.length) {
        work.pop();
        continue;
      }
      work.push({ directories: visit(top.directories[top.next++]), next: 0 });
    }
  };
  walk(tree.root);

  // Pass 2: blocks per inode, directory bytes, positions.
  let position = 0;
  let largeFile = false;
  const inodes: InodePlan[] = [];
  const sortedOrder = [...order].sort((a, b) => numbers.get(a)! - numbers.get(b)!);
  for (const node of sortedOrder) {
    const number = numbers.get(node)!;
    const plan: InodePlan = { number, node, linkCount: linkCounts.get(node) ?? 1, dataBlocks: 0, slotCount: 0, firstPosition: position, sizeBytes: 0 };
    if (node.kind === 'directory') {
      const entries: DirectoryEntryInput[] = childLists.get(node)!.map(([, child, name]) => ({ inode: numbers.get(child)!, fileType: fileTypeOf(child), name }));
      const minimum = node === lostAndFound ? Math.max(2, Math.ceil(16384 / blockSizeBytes)) : 1;
      const blockCount = Math.max(minimum, directoryBlockCount(entries, blockSizeBytes));
      plan.directoryBytes = buildDirectoryBlocks(number, numbers.get(parents.get(node)!)!, entries, blockSizeBytes, blockCount, FT_DIR);
      plan.dataBlocks = blockCount;
      plan.sizeBytes = blockCount * blockSizeBytes;
    } else if (node.kind === 'file') {
      plan.sizeBytes = node.content.sizeBytes;
      plan.dataBlocks = Math.ceil(plan.sizeBytes / blockSizeBytes);
      if (plan.sizeBytes >= LARGE_FILE_THRESHOLD_BYTES) largeFile = true;
    } else if (node.kind === 'symlink') {
      plan.symlinkBytes = nameBytes(node.target);
      plan.sizeBytes = plan.symlinkBytes.length;
      if (plan.symlinkBytes.length >= blockSizeBytes) {
        throw new CartiError('EXT2_INVALID_SYMLINK', inputName, `inode ${number}`, `symlink target of ${plan.symlinkBytes.length} bytes does not fit one ${blockSizeBytes}-byte block`);
      }
      plan.dataBlocks = plan.symlinkBytes.length > FAST_SYMLINK_MAX_BYTES ? 1 : 0;
    }
    if (plan.linkCount > EXT2_LINK_MAX) {
      throw new CartiError('EXT2_TOO_LARGE', inputName, `inode ${number}`, `${plan.linkCount} links (hard links, or subdirectories + 2) is more than ext2's ${EXT2_LINK_MAX}`);
    }
    if (plan.dataBlocks > maxDataBlocks(pointersPerBlock)) {
      throw new CartiError('EXT2_TOO_LARGE', inputName, `inode ${number}`, `${plan.sizeBytes} bytes is more than an ext2 file can hold with ${blockSizeBytes}-byte blocks`);
    }
    plan.slotCount = plan.dataBlocks + indirectBlockCount(plan.dataBlocks, pointersPerBlock);
    position += plan.slotCount;
    inodes.push(plan);
  }

  const lastInode = nextInode - 1;
  const dataBlocksUsed = position;
  const geometry = chooseGeometry(options, blockSizeBytes, dataBlocksUsed, lastInode, inputName);
  checkGeometry(geometry, dataBlocksUsed, inputName);
  const blocksBytes = geometry.blocksCount * blockSizeBytes;
  const fixedBytes = options.sizeBytes ?? blocksBytes;
  const pad = options.padToMultipleOfBytes ?? 1;
  const imageSizeBytes = Math.ceil(Math.max(fixedBytes, blocksBytes) / pad) * pad;
  const volumeName = nameBytes(options.volumeName ?? '');
  return {
    inputName,
    geometry,
    inodes,
    lastInode,
    dataBlocksUsed,
    imageSizeBytes,
    featureIncompat: INCOMPAT_FILETYPE,
    featureRoCompat: RO_COMPAT_SPARSE_SUPER | (largeFile ? RO_COMPAT_LARGE_FILE : 0),
    timestampSeconds: options.timestampSeconds ?? 0,
    volumeName,
    uuid: options.uuid ?? new Uint8Array(16),
  };
}

function checkOptions(options: Ext2WriteOptions, inputName: string): number {
  const bad = (field: string, reason: string): never => {
    throw new CartiError('EXT2_BAD_OPTION', inputName, field, reason);
  };
  const blockSizeBytes = options.blockSizeBytes ?? 4096;
  if (![1024, 2048, 4096].includes(blockSizeBytes)) bad('blockSizeBytes', `${blockSizeBytes} is not 1024, 2048 or 4096`);
  const count = (field: keyof Ext2WriteOptions, value: unknown, minimum: number) => {
    if (value !== undefined && (!Number.isSafeInteger(value) || (value as number) < minimum)) bad(field, `${String(value)} is not an integer ≥ ${minimum}`);
  };
  count('sizeBytes', options.sizeBytes, 1);
  count('freeBytes', options.freeBytes, 0);
  count('freeInodes', options.freeInodes, 0);
  count('padToMultipleOfBytes', options.padToMultipleOfBytes, 1);
  count('timestampSeconds', options.timestampSeconds, 0);
  if ((options.timestampSeconds ?? 0) > 0xffffffff) bad('timestampSeconds', 'does not fit 32 bits');
  if (options.sizeBytes !== undefined && options.freeBytes !== undefined) bad('freeBytes', 'give either sizeBytes (fixed) or freeBytes (computed size), not both');
  if (options.volumeName !== undefined && nameBytes(options.volumeName).length > 16) bad('volumeName', 'is longer than 16 bytes');
  if (options.uuid !== undefined && options.uuid.length !== 16) bad('uuid', 'must be 16 bytes');
  return blockSizeBytes;
}

/** Root's children plus a synthetic `lost+found` (mode 0700, owner 0:0) when the tree has none. */
function rootChildrenWithLostAndFound(tree: FileTree, inputName: string): Array<[string, TreeNode, Uint8Array]> {
  const children = sortedChildren(tree.root);
  const existing = tree.root.children.get(LOST_AND_FOUND);
  if (existing) {
    if (existing.kind !== 'directory') {
      throw new CartiError('EXT2_INVALID_ENTRY', tree.inputName, '"/lost+found"', `is a ${existing.kind}; ext2 needs it to be a directory`);
    }
    return children;
  }
  const synthetic: DirectoryNode = { kind: 'directory', children: new Map(), implicit: false, permissions: 0o700, uid: 0, gid: 0 };
  const entry: [string, TreeNode, Uint8Array] = [LOST_AND_FOUND, synthetic, nameBytes(LOST_AND_FOUND)];
  const withEntry = [...children, entry];
  const key = (item: [string, TreeNode, Uint8Array]) => item[2];
  return withEntry.sort((a, b) => compareBytes(key(a), key(b)));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return a[index] - b[index];
  return a.length - b.length;
}

function chooseGeometry(options: Ext2WriteOptions, blockSizeBytes: number, dataBlocks: number, lastInode: number, inputName: string): Geometry {
  if (options.sizeBytes === undefined) {
    const freeBlocks = Math.ceil((options.freeBytes ?? 0) / blockSizeBytes);
    return computedGeometry(blockSizeBytes, dataBlocks + freeBlocks, lastInode + (options.freeInodes ?? 0), inputName);
  }
  const totalBlocks = Math.min(Math.floor(options.sizeBytes / blockSizeBytes), MAX_BLOCKS);
  const wanted = options.freeInodes !== undefined
    ? [lastInode + options.freeInodes]
    : [Math.max(lastInode, Math.floor(options.sizeBytes / INODE_RATIO_BYTES)), lastInode];
  for (const inodes of wanted) {
    const geometry = fixedGeometry(blockSizeBytes, totalBlocks, inodes);
    if (geometry && capacity(geometry) >= dataBlocks) return geometry;
  }
  const needed = computedGeometry(blockSizeBytes, dataBlocks, wanted[wanted.length - 1], inputName);
  throw new CartiError(
    'EXT2_DOES_NOT_FIT', inputName, 'sizeBytes',
    `the content needs at least ${needed.blocksCount * blockSizeBytes} bytes (${dataBlocks} data blocks and ${wanted[wanted.length - 1]} inodes of ${blockSizeBytes}-byte blocks), but the fixed size is ${options.sizeBytes} bytes`,
  );
}

/** Invariants the writer relies on; a failure here is a writer bug, reported as a typed error all the same. */
function checkGeometry(geometry: Geometry, dataBlocks: number, inputName: string): void {
  const groups = Math.ceil((geometry.blocksCount - geometry.firstDataBlock) / geometry.blocksPerGroup);
  const last = geometry.groupCount - 1;
  if (groups !== geometry.groupCount || blocksInGroup(geometry, last) <= groupOverheadBlocks(geometry, last) || capacity(geometry) < dataBlocks) {
    throw new CartiError('EXT2_WRITER_BUG', inputName, 'geometry', `inconsistent layout: ${JSON.stringify(geometry)} for ${dataBlocks} data blocks`);
  }
}

function capacity(geometry: Geometry): number {
  return geometry.blocksCount - geometry.firstDataBlock - totalOverheadBlocks(geometry);
}

/** Smallest geometry holding `dataBlocks` and `inodes`: the fewest groups whose bitmaps do not overflow (§6.2). */
function computedGeometry(blockSizeBytes: number, dataBlocks: number, inodes: number, inputName: string): Geometry {
  const bitsPerBitmap = 8 * blockSizeBytes;
  for (let groups = Math.max(1, Math.ceil(inodes / bitsPerBitmap)); ; groups++) {
    const geometry = baseGeometry(blockSizeBytes, groups, inodes);
    // Every group but the last is full, and the last must hold its own metadata: when inodes force more
    // groups than the blocks need, the filesystem grows to give those groups real blocks.
    const lastGroupStart = geometry.firstDataBlock + (groups - 1) * geometry.blocksPerGroup;
    const total = Math.max(geometry.firstDataBlock + totalOverheadBlocks(geometry) + dataBlocks, lastGroupStart + groupOverheadBlocks(geometry, groups - 1) + 1);
    if (total > MAX_BLOCKS) {
      throw new CartiError('EXT2_TOO_LARGE', inputName, 'content', `needs more than 2^32 blocks of ${blockSizeBytes} bytes`);
    }
    if (geometry.inodesPerGroup <= bitsPerBitmap && total - geometry.firstDataBlock <= groups * geometry.blocksPerGroup) {
      geometry.blocksCount = total;
      return geometry;
    }
  }
}

/** Geometry for a fixed block count, or null when the inodes or the metadata do not fit. */
function fixedGeometry(blockSizeBytes: number, totalBlocks: number, inodes: number): Geometry | null {
  const firstDataBlock = blockSizeBytes === 1024 ? 1 : 0;
  let groups = Math.ceil((totalBlocks - firstDataBlock) / (8 * blockSizeBytes));
  let blocksCount = totalBlocks;
  while (groups > 0) {
    const geometry = baseGeometry(blockSizeBytes, groups, inodes);
    geometry.blocksCount = blocksCount;
    if (geometry.inodesPerGroup > 8 * blockSizeBytes) return null;
    const last = groups - 1;
    // A last group too small for its own metadata is dropped, as mke2fs does.
    if (blocksInGroup(geometry, last) > groupOverheadBlocks(geometry, last)) return geometry;
    groups--;
    blocksCount = firstDataBlock + groups * geometry.blocksPerGroup;
  }
  return null;
}
