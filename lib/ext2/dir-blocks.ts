/**
 * Directory blocks (spec §5.5) with INCOMPAT_FILETYPE entries: inode u32, rec_len u16, name_len u8, file_type
 * u8, name. `.` and `..` first, then the given entries in the given order; an entry never crosses a block, and
 * the last entry of each block stretches to its end. Extra blocks (for `lost+found`) hold one empty entry.
 */
export interface DirectoryEntryInput {
  inode: number;
  fileType: number;
  name: Uint8Array;
}

const DOT = new Uint8Array([0x2e]);
const DOT_DOT = new Uint8Array([0x2e, 0x2e]);

function recordLength(nameLength: number): number {
  return (8 + nameLength + 3) & ~3;
}

/** Number of blocks the entries need (at least 1). */
export function directoryBlockCount(entries: readonly DirectoryEntryInput[], blockSizeBytes: number): number {
  let blocks = 1;
  let used = recordLength(1) + recordLength(2);
  for (const entry of entries) {
    const length = recordLength(entry.name.length);
    if (used + length > blockSizeBytes) {
      blocks++;
      used = 0;
    }
    used += length;
  }
  return blocks;
}

/** The directory's bytes: `blockCount` blocks (at least what the entries need). */
export function buildDirectoryBlocks(
  selfInode: number,
  parentInode: number,
  entries: readonly DirectoryEntryInput[],
  blockSizeBytes: number,
  blockCount: number,
  directoryFileType: number,
): Uint8Array {
  const bytes = new Uint8Array(blockCount * blockSizeBytes);
  const view = new DataView(bytes.buffer);
  let blockStart = 0;
  let offset = 0;
  let previous = -1;
  const put = (entry: DirectoryEntryInput) => {
    const length = recordLength(entry.name.length);
    if (offset + length > blockStart + blockSizeBytes) {
      view.setUint16(previous + 4, blockStart + blockSizeBytes - previous, true);
      blockStart += blockSizeBytes;
      offset = blockStart;
    }
    view.setUint32(offset, entry.inode, true);
    view.setUint16(offset + 4, length, true);
    bytes[offset + 6] = entry.name.length;
    bytes[offset + 7] = entry.fileType;
    bytes.set(entry.name, offset + 8);
    previous = offset;
    offset += length;
  };
  put({ inode: selfInode, fileType: directoryFileType, name: DOT });
  put({ inode: parentInode, fileType: directoryFileType, name: DOT_DOT });
  for (const entry of entries) put(entry);
  view.setUint16(previous + 4, blockStart + blockSizeBytes - previous, true);
  for (let extra = blockStart + blockSizeBytes; extra < bytes.length; extra += blockSizeBytes) {
    view.setUint16(extra + 4, blockSizeBytes, true);
  }
  return bytes;
}
