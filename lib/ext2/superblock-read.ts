/** Parses and checks the superblock (§5.2) and group descriptors (§5.3) of an image before anything trusts them. */
import { CartiError } from '../machine/errors';
import {
  EXT2_SUPER_MAGIC, GROUP_DESCRIPTOR_SIZE_BYTES, INCOMPAT_FILETYPE, SUPERBLOCK_OFFSET_BYTES, SUPERBLOCK_SIZE_BYTES,
} from './constants';
import type { ImageSource } from './image-source';

/** FLEX_BG only moves bitmaps and inode tables, which the reader takes from the descriptors anyway. */
const INCOMPAT_FLEX_BG = 0x200;
const SUPPORTED_INCOMPAT = INCOMPAT_FILETYPE | INCOMPAT_FLEX_BG;
const INCOMPAT_NAMES: Record<number, string> = {
  0x1: 'compression', 0x4: 'needs journal recovery', 0x8: 'journal device', 0x10: 'meta_bg', 0x40: 'extents',
  0x80: '64bit', 0x100: 'mmp', 0x400: 'ea_inode', 0x1000: 'dirdata', 0x2000: 'csum_seed', 0x4000: 'largedir',
  0x8000: 'inline_data', 0x10000: 'encrypt', 0x20000: 'casefold',
};

export interface Superblock {
  inodesCount: number;
  blocksCount: number;
  freeBlocksCount: number;
  freeInodesCount: number;
  firstDataBlock: number;
  blockSizeBytes: number;
  blocksPerGroup: number;
  inodesPerGroup: number;
  revLevel: number;
  inodeSizeBytes: number;
  firstInode: number;
  featureCompat: number;
  featureIncompat: number;
  featureRoCompat: number;
  uuid: Uint8Array;
  volumeName: string;
  groupCount: number;
  hasFileType: boolean;
}

export interface GroupDescriptor {
  blockBitmap: number;
  inodeBitmap: number;
  inodeTable: number;
}

export async function readSuperblock(image: ImageSource): Promise<Superblock> {
  const bytes = await image.read(SUPERBLOCK_OFFSET_BYTES, SUPERBLOCK_SIZE_BYTES, 'the superblock');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (offset: number) => view.getUint32(offset, true);
  const u16 = (offset: number) => view.getUint16(offset, true);
  const fail = (field: string, offset: number, reason: string): never => {
    const code = field === 's_magic' ? 'EXT2_BAD_MAGIC' : 'EXT2_BAD_SUPERBLOCK';
    throw new CartiError(code, image.inputName, `byte ${SUPERBLOCK_OFFSET_BYTES + offset} (superblock ${field})`, reason);
  };
  if (u16(56) !== EXT2_SUPER_MAGIC) fail('s_magic', 56, `0x${u16(56).toString(16)} is not the ext2 magic 0xef53: not an ext2/3/4 image`);
  const logBlockSize = u32(24);
  if (logBlockSize > 6) fail('s_log_block_size', 24, `${logBlockSize} gives a block size over 64 KiB`);
  const blockSizeBytes = 1024 << logBlockSize;
  const revLevel = u32(76);
  if (revLevel > 1) fail('s_rev_level', 76, `revision ${revLevel} is unknown (0 and 1 exist)`);
  const inodeSizeBytes = revLevel === 0 ? 128 : u16(88);
  if (inodeSizeBytes < 128 || inodeSizeBytes > blockSizeBytes || (inodeSizeBytes & (inodeSizeBytes - 1)) !== 0) {
    fail('s_inode_size', 88, `${inodeSizeBytes} is not a power of two between 128 and the block size ${blockSizeBytes}`);
  }
  const featureIncompat = revLevel === 0 ? 0 : u32(96);
  const unsupported = featureIncompat & ~SUPPORTED_INCOMPAT;
  if (unsupported !== 0) {
    const names = Object.entries(INCOMPAT_NAMES).filter(([bit]) => unsupported & Number(bit)).map(([, name]) => name);
    throw new CartiError('EXT2_UNSUPPORTED_FEATURE', image.inputName, `byte ${SUPERBLOCK_OFFSET_BYTES + 96} (s_feature_incompat)`,
      `incompatible features 0x${unsupported.toString(16)} (${names.join(', ') || 'unknown'}) are not supported by this ext2 reader`);
  }
  const blocksCount = u32(4);
  const firstDataBlock = u32(20);
  const blocksPerGroup = u32(32);
  const inodesPerGroup = u32(40);
  const inodesCount = u32(0);
  if (firstDataBlock !== (blockSizeBytes === 1024 ? 1 : 0)) fail('s_first_data_block', 20, `${firstDataBlock} is wrong for ${blockSizeBytes}-byte blocks`);
  if (blocksCount <= firstDataBlock) fail('s_blocks_count', 4, `${blocksCount} blocks is too few`);
  if (blocksPerGroup < 1 || blocksPerGroup > 8 * blockSizeBytes) fail('s_blocks_per_group', 32, `${blocksPerGroup} is outside 1..${8 * blockSizeBytes}`);
  if (inodesPerGroup < 1 || inodesPerGroup > 8 * blockSizeBytes) fail('s_inodes_per_group', 40, `${inodesPerGroup} is outside 1..${8 * blockSizeBytes}`);
  const groupCount = Math.ceil((blocksCount - firstDataBlock) / blocksPerGroup);
  if (inodesCount < 11 || inodesCount > groupCount * inodesPerGroup) {
    fail('s_inodes_count', 0, `${inodesCount} does not agree with ${groupCount} groups of ${inodesPerGroup} inodes`);
  }
  const firstInode = revLevel === 0 ? 11 : u32(84);
  return {
    inodesCount, blocksCount, freeBlocksCount: u32(12), freeInodesCount: u32(16), firstDataBlock, blockSizeBytes,
    blocksPerGroup, inodesPerGroup, revLevel, inodeSizeBytes, firstInode,
    featureCompat: u32(92), featureIncompat, featureRoCompat: u32(100),
    uuid: bytes.slice(104, 120),
    volumeName: new TextDecoder().decode(bytes.subarray(120, 136)).replace(/\0+$/, ''),
    groupCount,
    hasFileType: (featureIncompat & INCOMPAT_FILETYPE) !== 0,
  };
}

export async function readGroupDescriptors(image: ImageSource, superblock: Superblock): Promise<GroupDescriptor[]> {
  const { blockSizeBytes, groupCount, blocksCount } = superblock;
  const tableOffset = (superblock.firstDataBlock + 1) * blockSizeBytes;
  const bytes = await image.read(tableOffset, groupCount * GROUP_DESCRIPTOR_SIZE_BYTES, 'the group descriptor table');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const inodeTableBlocks = Math.ceil((superblock.inodesPerGroup * superblock.inodeSizeBytes) / blockSizeBytes);
  const descriptors: GroupDescriptor[] = [];
  for (let group = 0; group < groupCount; group++) {
    const base = group * GROUP_DESCRIPTOR_SIZE_BYTES;
    const descriptor = { blockBitmap: view.getUint32(base, true), inodeBitmap: view.getUint32(base + 4, true), inodeTable: view.getUint32(base + 8, true) };
    if (descriptor.inodeTable === 0 || descriptor.inodeTable + inodeTableBlocks > blocksCount) {
      throw new CartiError('EXT2_BAD_GROUP_DESCRIPTOR', image.inputName, `byte ${tableOffset + base + 8} (group ${group} bg_inode_table)`,
        `inode table at block ${descriptor.inodeTable} (${inodeTableBlocks} blocks) lies outside the ${blocksCount} blocks of the filesystem`);
    }
    descriptors.push(descriptor);
  }
  return descriptors;
}
