/**
 * The deterministic ext2 writer (issue 5, "lib/ext2"; spec §5, §6.5). `planExt2` fixes every number; this module
 * emits the image front to back through a sink, reading file contents as it goes, so memory stays at the plan
 * (directory blocks and one inode table at a time) plus a 1 MiB chunk and a 1 MiB read-ahead per file.
 */
import { CartiError } from '../machine/errors';
import { blockPointerSlots, slotRuns } from './block-map';
import { SUPERBLOCK_OFFSET_BYTES } from './constants';
import { encodeGroupDescriptor, encodeInode, encodeSuperblock } from './encode';
import {
  DataArea, blockBitmapBlock, blocksInGroup, groupOverheadBlocks, groupStartBlock, hasSuperblockCopy,
  inodeTableBlock,
} from './geometry';
import { CHUNK_BYTES, OrderedOutput, type Ext2Sink } from './output';
import { type Ext2Plan, type Ext2WriteOptions, type InodePlan, planExt2 } from './plan';
import type { ByteSource, FileTree } from './tree';

export { EXT2_WRITER_VERSION } from './constants';
export type { Ext2Sink } from './output';
export { planExt2, type Ext2Plan, type Ext2WriteOptions } from './plan';

const READ_AHEAD_BYTES = 1 << 20;

/** Writes the image planned by `planExt2` through `sink`; the tree must not change in between. */
export async function writeExt2(plan: Ext2Plan, sink: Ext2Sink): Promise<void> {
  await new ImageEmitter(plan, sink).run();
}

/** Plans and writes a whole image into memory (for small images; large ones should stream to a sink). */
export async function writeExt2ToBytes(tree: FileTree, options: Ext2WriteOptions = {}): Promise<Uint8Array> {
  const plan = planExt2(tree, options);
  const image = new Uint8Array(plan.imageSizeBytes);
  await writeExt2(plan, (offset, bytes) => image.set(bytes, offset));
  return image;
}

class ImageEmitter {
  private readonly output: OrderedOutput;
  private readonly area: DataArea;
  private readonly blockSize: number;
  private readonly descriptorTable: Uint8Array;
  private readonly superblockCounts: Parameters<typeof encodeSuperblock>[1];
  private groupsEmitted = 0;
  private inodeCursor = 0;

  constructor(private readonly plan: Ext2Plan, sink: Ext2Sink) {
    this.output = new OrderedOutput(sink);
    this.area = new DataArea(plan.geometry);
    this.blockSize = plan.geometry.blockSizeBytes;
    const { table, freeBlocks, freeInodes } = this.buildDescriptorTable();
    this.descriptorTable = table;
    this.superblockCounts = {
      freeBlocks, freeInodes, blockGroupNumber: 0, featureCompat: 0,
      featureIncompat: plan.featureIncompat, featureRoCompat: plan.featureRoCompat,
      timestampSeconds: plan.timestampSeconds, uuid: plan.uuid, volumeName: plan.volumeName,
    };
  }

  async run(): Promise<void> {
    await this.emitGroupMetadata();
    for (const inode of this.plan.inodes) {
      if (inode.slotCount > 0) await this.emitInodeData(inode);
    }
    while (this.groupsEmitted < this.plan.geometry.groupCount) await this.emitGroupMetadata();
    await this.output.zerosUntil(this.plan.imageSizeBytes);
    await this.output.flush();
  }

  private usedDataInGroup(group: number): number {
    const [first, end] = this.area.groupRange(group);
    return Math.max(0, Math.min(end, this.plan.dataBlocksUsed) - first);
  }

  private usedInodesInGroup(group: number): number {
    const perGroup = this.plan.geometry.inodesPerGroup;
    return Math.max(0, Math.min(perGroup, this.plan.lastInode - group * perGroup));
  }

  private buildDescriptorTable(): { table: Uint8Array; freeBlocks: number; freeInodes: number } {
    const geometry = this.plan.geometry;
    const table = new Uint8Array(geometry.descriptorTableBlocks * this.blockSize);
    const directories = new Array<number>(geometry.groupCount).fill(0);
    for (const inode of this.plan.inodes) {
      if (inode.node.kind === 'directory') directories[Math.floor((inode.number - 1) / geometry.inodesPerGroup)]++;
    }
    let freeBlocks = 0;
    let freeInodes = 0;
    for (let group = 0; group < geometry.groupCount; group++) {
      const groupFreeBlocks = blocksInGroup(geometry, group) - groupOverheadBlocks(geometry, group) - this.usedDataInGroup(group);
      const groupFreeInodes = geometry.inodesPerGroup - this.usedInodesInGroup(group);
      freeBlocks += groupFreeBlocks;
      freeInodes += groupFreeInodes;
      encodeGroupDescriptor(table, group * 32, {
        blockBitmap: blockBitmapBlock(geometry, group),
        inodeBitmap: blockBitmapBlock(geometry, group) + 1,
        inodeTable: inodeTableBlock(geometry, group),
        freeBlocks: groupFreeBlocks,
        freeInodes: groupFreeInodes,
        usedDirectories: directories[group],
      });
    }
    return { table, freeBlocks, freeInodes };
  }

  /** Superblock and descriptor copies (groups with SPARSE_SUPER copies), bitmaps and the inode table. */
  private async emitGroupMetadata(): Promise<void> {
    const group = this.groupsEmitted++;
    const geometry = this.plan.geometry;
    const start = groupStartBlock(geometry, group);
    if (hasSuperblockCopy(group)) {
      // The primary superblock sits at byte 1024; backups at the first byte of their group (§5.1).
      await this.output.zerosUntil(group === 0 ? SUPERBLOCK_OFFSET_BYTES : start * this.blockSize);
      await this.output.write(encodeSuperblock(geometry, { ...this.superblockCounts, blockGroupNumber: group }));
      await this.output.zerosUntil((start + 1) * this.blockSize);
      await this.output.write(this.descriptorTable);
    }
    await this.output.zerosUntil(blockBitmapBlock(geometry, group) * this.blockSize);
    await this.output.write(this.blockBitmap(group));
    await this.output.write(this.inodeBitmap(group));
    await this.output.write(this.inodeTable(group));
  }

  private blockBitmap(group: number): Uint8Array {
    const geometry = this.plan.geometry;
    const bitmap = new Uint8Array(this.blockSize);
    const used = groupOverheadBlocks(geometry, group) + this.usedDataInGroup(group);
    setBits(bitmap, 0, used);
    // Bits past the end of the last group are set (§5.1 "bitmap padding").
    setBits(bitmap, blocksInGroup(geometry, group), 8 * this.blockSize);
    return bitmap;
  }

  private inodeBitmap(group: number): Uint8Array {
    const bitmap = new Uint8Array(this.blockSize);
    setBits(bitmap, 0, this.usedInodesInGroup(group));
    setBits(bitmap, this.plan.geometry.inodesPerGroup, 8 * this.blockSize);
    return bitmap;
  }

  private inodeTable(group: number): Uint8Array {
    const geometry = this.plan.geometry;
    const table = new Uint8Array(geometry.inodeTableBlocks * this.blockSize);
    const first = group * geometry.inodesPerGroup + 1;
    const end = first + geometry.inodesPerGroup;
    const pointersPerBlock = this.blockSize / 4;
    const inodes = this.plan.inodes;
    while (this.inodeCursor < inodes.length && inodes[this.inodeCursor].number < end) {
      const inode = inodes[this.inodeCursor++];
      const slots = blockPointerSlots(inode.dataBlocks, pointersPerBlock);
      encodeInode(table, (inode.number - first) * 128, {
        node: inode.node,
        sizeBytes: inode.sizeBytes,
        linkCount: inode.linkCount,
        allocatedBlocks: inode.slotCount,
        blockSizeBytes: this.blockSize,
        blockPointers: slots.map((slot) => (slot < 0 ? 0 : this.area.blockAt(inode.firstPosition + slot))),
        fastSymlink: inode.symlinkBytes && inode.dataBlocks === 0 ? inode.symlinkBytes : undefined,
        defaultTimeSeconds: this.plan.timestampSeconds,
      });
    }
    return table;
  }

  /** Emits the metadata of every group up to the one holding data position `position`; returns its data end. */
  private async enterGroupOf(position: number): Promise<number> {
    let end = this.area.groupRange(this.groupsEmitted - 1)[1];
    while (position >= end) {
      await this.emitGroupMetadata();
      end = this.area.groupRange(this.groupsEmitted - 1)[1];
    }
    return end;
  }

  /** Output space for `count` blocks at data position `position` (all in one group's data area). */
  private async reserveBlocksAt(position: number, count: number): Promise<Uint8Array> {
    await this.output.zerosUntil(this.area.blockAt(position) * this.blockSize);
    return this.output.reserve(count * this.blockSize, false);
  }

  private async emitInodeData(inode: InodePlan): Promise<void> {
    const content = new ContentReader(inode, this.blockSize, this.plan.inputName);
    const spanLimit = CHUNK_BYTES / this.blockSize;
    for (const run of slotRuns(inode.dataBlocks, this.blockSize / 4)) {
      if (run.kind === 'indirect') {
        const position = inode.firstPosition + run.slot;
        await this.enterGroupOf(position);
        const block = await this.reserveBlocksAt(position, 1);
        block.fill(0);
        const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
        run.childSlots.forEach((slot, index) => view.setUint32(4 * index, this.area.blockAt(inode.firstPosition + slot), true));
        continue;
      }
      // Contiguous spans of data blocks: as many as fit the rest of the run, the group and one output chunk.
      for (let index = 0; index < run.count; ) {
        const position = inode.firstPosition + run.slot + index;
        const groupEnd = await this.enterGroupOf(position);
        const span = Math.min(run.count - index, groupEnd - position, spanLimit);
        const bytes = await content.blocks(run.dataIndex + index, span);
        const region = await this.reserveBlocksAt(position, span);
        region.set(bytes);
        region.fill(0, bytes.length);
        index += span;
      }
    }
  }
}

function setBits(bitmap: Uint8Array, from: number, to: number): void {
  for (let bit = from; bit < to; bit++) {
    if ((bit & 7) === 0 && bit + 8 <= to) {
      bitmap[bit >> 3] = 0xff;
      bit += 7;
    } else {
      bitmap[bit >> 3] |= 1 << (bit & 7);
    }
  }
}

/** Block-sized views of an inode's data: directory or symlink bytes, or file content read ahead 1 MiB at a time. */
class ContentReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private bufferStart = 0;

  constructor(private readonly inode: InodePlan, private readonly blockSize: number, private readonly inputName: string) {}

  /** The bytes of `count` data blocks from `dataIndex` (shorter at the end of the content; count ≤ 1 MiB of blocks). */
  async blocks(dataIndex: number, count: number): Promise<Uint8Array> {
    const start = dataIndex * this.blockSize;
    const { node } = this.inode;
    if (this.inode.directoryBytes) return this.inode.directoryBytes.subarray(start, start + count * this.blockSize);
    if (this.inode.symlinkBytes) return this.inode.symlinkBytes;
    if (node.kind !== 'file') return new Uint8Array(0);
    const end = Math.min(start + count * this.blockSize, this.inode.sizeBytes);
    const direct = (node.content as ByteSource & { bytes?: Uint8Array }).bytes;
    if (direct) return direct.subarray(start, end);
    if (start < this.bufferStart || end > this.bufferStart + this.buffer.length) {
      const length = Math.min(Math.max(READ_AHEAD_BYTES, end - start), this.inode.sizeBytes - start);
      this.buffer = await readSource(node.content, start, length, this.inode.number, this.inputName);
      this.bufferStart = start;
    }
    return this.buffer.subarray(start - this.bufferStart, end - this.bufferStart);
  }
}

async function readSource(source: ByteSource, offset: number, length: number, inodeNumber: number, inputName: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(offset, length);
  } catch (error) {
    if (error instanceof CartiError) throw error;
    throw new CartiError('EXT2_SOURCE_READ', inputName, `inode ${inodeNumber}, byte ${offset}`, `reading the file content failed: ${(error as Error).message}`);
  }
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new CartiError('EXT2_SOURCE_READ', inputName, `inode ${inodeNumber}, byte ${offset}`, `the content source returned ${bytes?.length} bytes instead of ${length} (did the file change size?)`);
  }
  return bytes;
}
