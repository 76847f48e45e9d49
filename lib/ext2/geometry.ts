/**
 * Block-group geometry (spec §5.1): where each group's superblock copy, descriptor table copy, bitmaps, inode
 * table and data area lie. Shared by the size computation, the writer and (for checks) the tests.
 */
import { GROUP_DESCRIPTOR_SIZE_BYTES, INODE_SIZE_BYTES } from './constants';

export interface Geometry {
  blockSizeBytes: number;
  firstDataBlock: number;
  blocksPerGroup: number;
  inodesPerGroup: number;
  groupCount: number;
  blocksCount: number;
  descriptorTableBlocks: number;
  inodeTableBlocks: number;
}

/** With SPARSE_SUPER, groups 0, 1 and powers of 3, 5 and 7 hold superblock and descriptor copies (§5.1). */
export function hasSuperblockCopy(group: number): boolean {
  if (group <= 1) return true;
  for (const base of [3, 5, 7]) {
    let power = base;
    while (power < group) power *= base;
    if (power === group) return true;
  }
  return false;
}

export function groupStartBlock(geometry: Geometry, group: number): number {
  return geometry.firstDataBlock + group * geometry.blocksPerGroup;
}

export function blocksInGroup(geometry: Geometry, group: number): number {
  const start = groupStartBlock(geometry, group);
  return Math.min(geometry.blocksPerGroup, geometry.blocksCount - start);
}

/** Blocks before the data area: superblock and descriptor copies (where present), two bitmaps, the inode table. */
export function groupOverheadBlocks(geometry: Geometry, group: number): number {
  const copies = hasSuperblockCopy(group) ? 1 + geometry.descriptorTableBlocks : 0;
  return copies + 2 + geometry.inodeTableBlocks;
}

export function blockBitmapBlock(geometry: Geometry, group: number): number {
  return groupStartBlock(geometry, group) + (hasSuperblockCopy(group) ? 1 + geometry.descriptorTableBlocks : 0);
}

export function inodeTableBlock(geometry: Geometry, group: number): number {
  return blockBitmapBlock(geometry, group) + 2;
}

export function dataStartBlock(geometry: Geometry, group: number): number {
  return groupStartBlock(geometry, group) + groupOverheadBlocks(geometry, group);
}

/** Geometry for a group count and inode count, with `blocksCount` left for the caller to set. */
export function baseGeometry(blockSizeBytes: number, groupCount: number, inodesWanted: number): Geometry {
  const inodesPerBlock = blockSizeBytes / INODE_SIZE_BYTES;
  const perGroup = Math.ceil(inodesWanted / groupCount);
  const inodesPerGroup = Math.max(inodesPerBlock, Math.ceil(perGroup / inodesPerBlock) * inodesPerBlock);
  return {
    blockSizeBytes,
    firstDataBlock: blockSizeBytes === 1024 ? 1 : 0,
    blocksPerGroup: 8 * blockSizeBytes,
    inodesPerGroup,
    groupCount,
    blocksCount: 0,
    descriptorTableBlocks: Math.ceil((groupCount * GROUP_DESCRIPTOR_SIZE_BYTES) / blockSizeBytes),
    inodeTableBlocks: inodesPerGroup / inodesPerBlock,
  };
}

export function totalOverheadBlocks(geometry: Geometry): number {
  let total = 0;
  for (let group = 0; group < geometry.groupCount; group++) total += groupOverheadBlocks(geometry, group);
  return total;
}

/** Maps data-area positions (0, 1, 2… across every group's data area in order) to block numbers. */
export class DataArea {
  private readonly starts: number[] = [];
  private readonly firstPosition: number[] = [];
  readonly capacityBlocks: number;

  constructor(geometry: Geometry) {
    let position = 0;
    for (let group = 0; group < geometry.groupCount; group++) {
      this.starts.push(dataStartBlock(geometry, group));
      this.firstPosition.push(position);
      position += blocksInGroup(geometry, group) - groupOverheadBlocks(geometry, group);
    }
    this.capacityBlocks = position;
  }

  blockAt(position: number): number {
    let low = 0;
    let high = this.firstPosition.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.firstPosition[middle] <= position) low = middle;
      else high = middle - 1;
    }
    return this.starts[low] + (position - this.firstPosition[low]);
  }

  /** Data positions `[first, end)` of a group. */
  groupRange(group: number): [number, number] {
    const first = this.firstPosition[group];
    const end = group + 1 < this.firstPosition.length ? this.firstPosition[group + 1] : this.capacityBlocks;
    return [first, end];
  }
}
