/** Reading inodes (§5.4) and mapping their logical blocks through the direct and indirect pointers, checked. */
import { CartiError } from '../machine/errors';
import {
  EXT2_DIND_BLOCK, EXT2_IND_BLOCK, EXT2_NDIR_BLOCKS, EXT2_TIND_BLOCK, S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK,
  S_IFMT, S_IFREG, S_IFSOCK,
} from './constants';
import type { ImageSource } from './image-source';
import type { GroupDescriptor, Superblock } from './superblock-read';
import type { NodeKind } from './tree';

const EXTENTS_FLAG = 0x80000;
const INLINE_DATA_FLAG = 0x10000000;

export interface Inode {
  number: number;
  /** Byte offset of the inode in the image (for error locations). */
  offsetBytes: number;
  mode: number;
  kind: NodeKind | 'unknown';
  permissions: number;
  uid: number;
  gid: number;
  sizeBytes: number;
  atime: number;
  ctime: number;
  mtime: number;
  linksCount: number;
  /** i_blocks in 512-byte units. */
  blocks512: number;
  flags: number;
  fileAcl: number;
  block: number[];
  /** The 60 raw bytes of i_block (fast symlink targets live here). */
  blockBytes: Uint8Array;
}

export function kindOfMode(mode: number): NodeKind | 'unknown' {
  switch (mode & S_IFMT) {
    case S_IFDIR: return 'directory';
    case S_IFREG: return 'file';
    case S_IFLNK: return 'symlink';
    case S_IFCHR: return 'char-device';
    case S_IFBLK: return 'block-device';
    case S_IFIFO: return 'fifo';
    case S_IFSOCK: return 'socket';
    default: return 'unknown';
  }
}

export async function readInode(image: ImageSource, superblock: Superblock, groups: GroupDescriptor[], number: number): Promise<Inode> {
  if (!Number.isInteger(number) || number < 1 || number > superblock.inodesCount) {
    throw new CartiError('EXT2_BAD_INODE', image.inputName, `inode ${number}`, `inode number is outside 1..${superblock.inodesCount}`);
  }
  const group = Math.floor((number - 1) / superblock.inodesPerGroup);
  const index = (number - 1) % superblock.inodesPerGroup;
  const { blockSizeBytes, inodeSizeBytes } = superblock;
  const offsetBytes = groups[group].inodeTable * blockSizeBytes + index * inodeSizeBytes;
  const block = await image.block(Math.floor(offsetBytes / blockSizeBytes), blockSizeBytes, `inode ${number}`);
  const start = offsetBytes % blockSizeBytes;
  const view = new DataView(block.buffer, block.byteOffset + start, 128);
  const u32 = (offset: number) => view.getUint32(offset, true);
  const u16 = (offset: number) => view.getUint16(offset, true);
  const mode = u16(0);
  const kind = kindOfMode(mode);
  const sizeHigh = kind === 'file' && superblock.revLevel > 0 ? u32(108) : 0;
  return {
    number, offsetBytes, mode, kind,
    permissions: mode & 0o7777,
    uid: (u16(2) | (u16(120) << 16)) >>> 0,
    gid: (u16(24) | (u16(122) << 16)) >>> 0,
    sizeBytes: u32(4) + sizeHigh * 2 ** 32,
    atime: u32(8), ctime: u32(12), mtime: u32(16),
    linksCount: u16(26),
    blocks512: u32(28),
    flags: u32(32),
    fileAcl: u32(104),
    block: Array.from({ length: 15 }, (_, slot) => u32(40 + 4 * slot)),
    blockBytes: block.slice(start + 40, start + 100),
  };
}

/** Logical → physical block numbers for one inode; 0 means a hole. */
export class BlockMap {
  private readonly pointersPerBlock: number;

  constructor(private readonly image: ImageSource, private readonly superblock: Superblock, private readonly inode: Inode) {
    this.pointersPerBlock = superblock.blockSizeBytes / 4;
    if (inode.flags & (EXTENTS_FLAG | INLINE_DATA_FLAG)) {
      throw new CartiError('EXT2_UNSUPPORTED_FEATURE', image.inputName, `inode ${inode.number} (byte ${inode.offsetBytes + 32}, i_flags)`,
        'the inode uses ext4 extents or inline data, which this ext2 reader does not read');
    }
  }

  /** Largest logical block count the map can address. */
  get capacityBlocks(): number {
    const p = this.pointersPerBlock;
    return EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
  }

  async physical(logical: number): Promise<number> {
    const p = this.pointersPerBlock;
    const slots = this.inode.block;
    if (logical < EXT2_NDIR_BLOCKS) return this.checked(slots[logical], `i_block[${logical}]`);
    let rest = logical - EXT2_NDIR_BLOCKS;
    if (rest < p) return this.follow(slots[EXT2_IND_BLOCK], [rest], 'i_block[12]');
    rest -= p;
    if (rest < p * p) return this.follow(slots[EXT2_DIND_BLOCK], [Math.floor(rest / p), rest % p], 'i_block[13]');
    rest -= p * p;
    if (rest < p * p * p) return this.follow(slots[EXT2_TIND_BLOCK], [Math.floor(rest / (p * p)), Math.floor(rest / p) % p, rest % p], 'i_block[14]');
    throw new CartiError('EXT2_BAD_INODE', this.image.inputName, `inode ${this.inode.number}`, `logical block ${logical} is beyond what the block map can address`);
  }

  /** Walks a fixed number of indirection levels (so pointer loops cannot recur). */
  private async follow(top: number, indexes: number[], slotName: string): Promise<number> {
    let block = this.checked(top, slotName);
    let where = slotName;
    for (const index of indexes) {
      if (block === 0) return 0;
      const bytes = await this.image.block(block, this.superblock.blockSizeBytes, `an indirect block of inode ${this.inode.number}`);
      where = `indirect block ${block}[${index}]`;
      block = this.checked(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4 * index, true), where);
    }
    return block;
  }

  private checked(block: number, where: string): number {
    if (block !== 0 && (block < this.superblock.firstDataBlock || block >= this.superblock.blocksCount)) {
      throw new CartiError('EXT2_BAD_BLOCK_POINTER', this.image.inputName, `inode ${this.inode.number} (byte ${this.inode.offsetBytes}), ${where}`,
        `block ${block} lies outside the filesystem's blocks ${this.superblock.firstDataBlock}..${this.superblock.blocksCount - 1}`);
    }
    return block;
  }
}
