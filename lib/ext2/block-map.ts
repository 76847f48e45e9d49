/**
 * The classic ext2 block map (spec §5.4): 12 direct pointers, then single, double and triple indirect blocks.
 *
 * The writer lays each inode's blocks out contiguously in "slot" order: direct data blocks, then the single
 * indirect block followed by the data it maps, then the double indirect block, each of its indirect children
 * followed by its data, and so on (the order Linux's ext2 and mke2fs tend to produce). A slot is a position in
 * that sequence; the caller turns slots into block numbers.
 */
import { EXT2_NDIR_BLOCKS } from './constants';

/** Largest number of data blocks the map can address with `pointersPerBlock` pointers per indirect block. */
export function maxDataBlocks(pointersPerBlock: number): number {
  const p = pointersPerBlock;
  return EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
}

/** Indirect blocks needed by a subtree of `level` (1 single, 2 double, 3 triple) mapping `count` data blocks. */
function indirectBlocksOf(level: number, count: number, p: number): number {
  if (count <= 0) return 0;
  if (level === 1) return 1;
  if (level === 2) return 1 + Math.ceil(count / p);
  return 1 + Math.ceil(count / (p * p)) + Math.ceil(count / p);
}

/** The parts of a file's map: the direct run, then one subtree per indirect level that is used. */
function mapParts(dataBlocks: number, p: number): Array<{ level: number; count: number }> {
  const parts = [{ level: 0, count: Math.min(dataBlocks, EXT2_NDIR_BLOCKS) }];
  let remaining = dataBlocks - EXT2_NDIR_BLOCKS;
  for (let level = 1; level <= 3 && remaining > 0; level++) {
    const capacity = p ** level;
    const count = Math.min(remaining, capacity);
    parts.push({ level, count });
    remaining -= count;
  }
  return parts;
}

export function indirectBlockCount(dataBlocks: number, pointersPerBlock: number): number {
  return mapParts(dataBlocks, pointersPerBlock).reduce((sum, part) => sum + (part.level === 0 ? 0 : indirectBlocksOf(part.level, part.count, pointersPerBlock)), 0);
}

/**
 * i_block[0..14] as slot numbers (−1 for unused pointers). i_block[12], [13], [14] point at the first slot of
 * their subtree, which holds the indirect block itself.
 */
export function blockPointerSlots(dataBlocks: number, pointersPerBlock: number): number[] {
  const slots = new Array<number>(15).fill(-1);
  let slot = 0;
  for (const part of mapParts(dataBlocks, pointersPerBlock)) {
    if (part.level === 0) {
      for (let index = 0; index < part.count; index++) slots[index] = slot + index;
      slot += part.count;
    } else if (part.count > 0) {
      slots[EXT2_NDIR_BLOCKS + part.level - 1] = slot;
      slot += part.count + indirectBlocksOf(part.level, part.count, pointersPerBlock);
    }
  }
  return slots;
}

/** One slot run: `count` data blocks starting at data block `dataIndex`, or one indirect block and its children. */
export type SlotRun =
  | { kind: 'data'; slot: number; dataIndex: number; count: number }
  | { kind: 'indirect'; slot: number; childSlots: number[] };

/** Every slot of a file's map in order; data runs are at most `pointersPerBlock` (or 12) blocks long. */
export function slotRuns(dataBlocks: number, pointersPerBlock: number): SlotRun[] {
  // Most files fit the direct pointers: one run, no walk.
  if (dataBlocks <= EXT2_NDIR_BLOCKS) return dataBlocks === 0 ? [] : [{ kind: 'data', slot: 0, dataIndex: 0, count: dataBlocks }];
  return [...walkSlotRuns(dataBlocks, pointersPerBlock)];
}

function* walkSlotRuns(dataBlocks: number, pointersPerBlock: number): Generator<SlotRun> {
  const p = pointersPerBlock;
  let slot = 0;
  let dataIndex = 0;
  function* subtree(level: number, count: number): Generator<SlotRun> {
    if (level === 1) {
      // A single indirect block maps one run of consecutive data slots right after it.
      yield { kind: 'indirect', slot, childSlots: Array.from({ length: count }, (_, index) => slot + 1 + index) };
      slot += 1;
      yield { kind: 'data', slot, dataIndex, count };
      slot += count;
      dataIndex += count;
      return;
    }
    const childCapacity = p ** (level - 1);
    const childSlots: number[] = [];
    let childSlot = slot + 1;
    for (let covered = 0; covered < count; covered += childCapacity) {
      const childCount = Math.min(childCapacity, count - covered);
      childSlots.push(childSlot);
      childSlot += childCount + indirectBlocksOf(level - 1, childCount, p);
    }
    yield { kind: 'indirect', slot, childSlots };
    slot += 1;
    for (let covered = 0; covered < count; covered += childCapacity) {
      yield* subtree(level - 1, Math.min(childCapacity, count - covered));
    }
  }
  for (const part of mapParts(dataBlocks, p)) {
    if (part.count === 0) continue;
    if (part.level === 0) {
      yield { kind: 'data', slot, dataIndex, count: part.count };
      slot += part.count;
      dataIndex += part.count;
    } else {
      yield* subtree(part.level, part.count);
    }
  }
}
