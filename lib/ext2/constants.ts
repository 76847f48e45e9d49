/**
 * ext2 on-disk constants (spec/oci-ext2-ipfs.md §5). Names follow e2fsprogs' `ext2_fs.h` so the code can be
 * checked against the spec table by name.
 */

/** Version of the writer's output format; composition records store it (issue 5). Bump on any byte change. */
export const EXT2_WRITER_VERSION = 1;

export const EXT2_SUPER_MAGIC = 0xef53;
/** The primary superblock always starts at byte 1024, whatever the block size (§5.1). */
export const SUPERBLOCK_OFFSET_BYTES = 1024;
export const SUPERBLOCK_SIZE_BYTES = 1024;
export const GROUP_DESCRIPTOR_SIZE_BYTES = 32;
export const INODE_SIZE_BYTES = 128;

export const EXT2_BAD_INO = 1;
export const EXT2_ROOT_INO = 2;
/** First non-reserved inode in revision 1 (§5.1); the writer gives it to `lost+found`, as mke2fs does. */
export const EXT2_FIRST_INO = 11;
export const EXT2_DYNAMIC_REV = 1;

/** i_block slots: 12 direct, then single, double and triple indirect (§5.4). */
export const EXT2_NDIR_BLOCKS = 12;
export const EXT2_IND_BLOCK = 12;
export const EXT2_DIND_BLOCK = 13;
export const EXT2_TIND_BLOCK = 14;
export const EXT2_N_BLOCKS = 15;
/** Symlink targets shorter than this live inline in i_block (§5.4). */
export const FAST_SYMLINK_MAX_BYTES = 59;
export const EXT2_NAME_LEN = 255;

export const COMPAT_DIR_PREALLOC = 0x1;
export const COMPAT_EXT_ATTR = 0x8;
export const COMPAT_RESIZE_INODE = 0x10;
export const COMPAT_DIR_INDEX = 0x20;
export const INCOMPAT_FILETYPE = 0x2;
export const INCOMPAT_RECOVER = 0x4;
export const RO_COMPAT_SPARSE_SUPER = 0x1;
export const RO_COMPAT_LARGE_FILE = 0x2;

/** i_mode file-type bits (§5.4). */
export const S_IFIFO = 0x1000;
export const S_IFCHR = 0x2000;
export const S_IFDIR = 0x4000;
export const S_IFBLK = 0x6000;
export const S_IFREG = 0x8000;
export const S_IFLNK = 0xa000;
export const S_IFSOCK = 0xc000;
export const S_IFMT = 0xf000;

/** Directory-entry file_type byte (§5.5). */
export const FT_REG_FILE = 1;
export const FT_DIR = 2;
export const FT_CHRDEV = 3;
export const FT_BLKDEV = 4;
export const FT_FIFO = 5;
export const FT_SOCK = 6;
export const FT_SYMLINK = 7;

/** Files of this size or more need RO_COMPAT_LARGE_FILE (§6.1). */
export const LARGE_FILE_THRESHOLD_BYTES = 2 ** 31;
