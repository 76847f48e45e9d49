/** lib/ext2: deterministic ext2 writer and robust reader (README.md). Node-only helpers are in writer.node.ts. */
export { EXT2_WRITER_VERSION } from './constants';
export { FileTree, bytesSource, type ByteSource, type EntryAttributes, type NodeKind, type TreeEntry, type TreeNode } from './tree';
export { planExt2, writeExt2, writeExt2ToBytes, type Ext2Plan, type Ext2Sink, type Ext2WriteOptions } from './writer';
export { Ext2Reader, readExt2Tree, decodeDevice, type Ext2Entry, type Ext2ReadOptions, type DirectoryEntry } from './reader';
