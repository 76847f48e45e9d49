// Unit tests of the layout helpers: block-map slots, directory blocks, group geometry, device numbers.
import { describe, expect, it } from 'vitest';
import { blockPointerSlots, indirectBlockCount, maxDataBlocks, slotRuns } from './block-map';
import { buildDirectoryBlocks, directoryBlockCount } from './dir-blocks';
import { encodeDeviceNumber } from './encode';
import { DataArea, baseGeometry, hasSuperblockCopy } from './geometry';

describe('block map', () => {
  it('needs no indirect block up to 12 data blocks and one from 13', () => {
    expect(indirectBlockCount(12, 1024)).toBe(0);
    expect(indirectBlockCount(13, 1024)).toBe(1);
  });

  it('counts the double-indirect block and its children', () => {
    // 12 direct + 1024 single + 1025 more: IND, DIND and two indirect children.
    expect(indirectBlockCount(12 + 1024 + 1025, 1024)).toBe(1 + 1 + 2);
  });

  it('counts a triple-indirect subtree', () => {
    const p = 4;
    expect(indirectBlockCount(12 + p + p * p + 1, p)).toBe(1 + (1 + p) + (1 + 1 + 1));
    expect(maxDataBlocks(p)).toBe(12 + 4 + 16 + 64);
  });

  it('places each indirect block before the data it maps', () => {
    const p = 4;
    const runs = slotRuns(12 + p + 5, p);
    expect(runs).toEqual([
      { kind: 'data', slot: 0, dataIndex: 0, count: 12 },
      { kind: 'indirect', slot: 12, childSlots: [13, 14, 15, 16] },
      { kind: 'data', slot: 13, dataIndex: 12, count: 4 },
      // Double indirect: two single-indirect children (4 + 1 data blocks).
      { kind: 'indirect', slot: 17, childSlots: [18, 23] },
      { kind: 'indirect', slot: 18, childSlots: [19, 20, 21, 22] },
      { kind: 'data', slot: 19, dataIndex: 16, count: 4 },
      { kind: 'indirect', slot: 23, childSlots: [24] },
      { kind: 'data', slot: 24, dataIndex: 20, count: 1 },
    ]);
    expect(blockPointerSlots(12 + p + 5, p)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, -1]);
  });
});

describe('directory blocks', () => {
  const name = (text: string) => new TextEncoder().encode(text);

  it('starts with . and .. and stretches the last entry to the end of the block', () => {
    const bytes = buildDirectoryBlocks(12, 2, [{ inode: 13, fileType: 1, name: name('abc') }], 1024, 1, 2);
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(0, true), view.getUint16(4, true), bytes[6], bytes[7], bytes[8]]).toEqual([12, 12, 1, 2, 0x2e]);
    expect([view.getUint32(12, true), view.getUint16(16, true), bytes[18]]).toEqual([2, 12, 2]);
    expect([view.getUint32(24, true), view.getUint16(28, true), bytes[30], bytes[31]]).toEqual([13, 1024 - 24, 3, 1]);
  });

  it('moves an entry that does not fit to the next block', () => {
    // ".", ".." and the first 208-byte entry fill 232 bytes of the 256-byte block; the second goes to block 1.
    const entries = [{ inode: 13, fileType: 1, name: name('x'.repeat(200)) }, { inode: 14, fileType: 1, name: name('y'.repeat(200)) }];
    expect(directoryBlockCount(entries, 256)).toBe(2);
    const bytes = buildDirectoryBlocks(12, 2, entries, 256, 2, 2);
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(24, true), view.getUint16(28, true)]).toEqual([13, 256 - 24]); // stretched to the block end
    expect([view.getUint32(256, true), view.getUint16(260, true)]).toEqual([14, 256]);
  });

  it('fills extra blocks with one empty entry each', () => {
    const bytes = buildDirectoryBlocks(11, 2, [], 1024, 3, 2);
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(1024, true), view.getUint16(1028, true), view.getUint16(2052, true)]).toEqual([0, 1024, 1024]);
  });
});

describe('geometry', () => {
  it('keeps superblock copies in groups 0, 1 and powers of 3, 5 and 7 only', () => {
    const groups = Array.from({ length: 50 }, (_, group) => group).filter(hasSuperblockCopy);
    expect(groups).toEqual([0, 1, 3, 5, 7, 9, 25, 27, 49]);
  });

  it('rounds inodes per group up to whole inode-table blocks', () => {
    expect(baseGeometry(4096, 2, 100).inodesPerGroup).toBe(64);
    expect(baseGeometry(1024, 1, 1).inodesPerGroup).toBe(8);
  });

  it('maps data positions across groups, skipping each group\'s metadata', () => {
    const geometry = { ...baseGeometry(1024, 3, 48), blocksCount: 1 + 2 * 8192 + 100 };
    const area = new DataArea(geometry);
    // Group 0: superblock, 1 descriptor block, 2 bitmaps, 2 inode-table blocks before data at block 7.
    expect(area.blockAt(0)).toBe(7);
    const [, group0End] = area.groupRange(0);
    expect(area.blockAt(group0End)).toBe(8193 + 6); // group 1 has a backup superblock too
    expect(area.blockAt(area.groupRange(2)[0])).toBe(1 + 2 * 8192 + 4); // group 2: no backup
    expect(area.capacityBlocks).toBe(8192 - 6 + 8192 - 6 + 100 - 4);
  });
});

describe('device numbers', () => {
  it('uses the old 8:8 encoding when both fit a byte, else the new one', () => {
    expect(encodeDeviceNumber(1, 3)).toEqual([0x0103, 0]);
    expect(encodeDeviceNumber(300, 70_000)).toEqual([0, (70_000 & 0xff) | (300 << 8) | ((70_000 & ~0xff) << 12)]);
  });
});
