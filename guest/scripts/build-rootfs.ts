// guest/scripts/build-rootfs.ts BUSYBOX_DIR XHALT OUTPUT — the default machine's root file system, written with
// lib/ext2 (issue 5: "once lib/ext2 exists, the default machine's rootfs is built with it instead of genext2fs").
// Run through build-rootfs.sh (tsx from the repository's node_modules). Same tree as the genext2fs build had:
// the directories below (0755), busybox and its applet links (relative), xhalt, cartesi-init, flashdrive, the
// /etc files, owners and modes from guest/rootfs/device-table; every time SOURCE_DATE_EPOCH (default 0);
// size = content (estimated as the genext2fs build did) + 8 MiB free, rounded up to 2 MiB (Linux pmem), all of
// it file system.
// Deterministic by lib/ext2's documented allocation order (lib/ext2/README.md).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXT2_WRITER_VERSION } from '../../lib/ext2/constants';
import { FileTree } from '../../lib/ext2/tree';
import { planExt2 } from '../../lib/ext2/writer';
import { fileByteSource, writeExt2ToFile } from '../../lib/ext2/writer.node.ts';

/**
 * The lib/ext2 format version this build was made with. It lives here, in guest/, so that guest/build.sh's cache
 * key (a hash of guest/'s files) changes with it: a writer that changes bytes bumps EXT2_WRITER_VERSION, this
 * script then refuses to run until the constant below is updated, and the cached rootfs is rebuilt.
 */
const EXPECTED_EXT2_WRITER_VERSION = 1;
const MiB = 1024 * 1024;
const FREE_BYTES = 8 * MiB;
const BLOCK_BYTES = 4096;
const ALIGN_BYTES = 2 * MiB;
const DIRECTORIES = ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc', 'dev', 'proc', 'sys', 'tmp', 'run', 'mnt', 'root', 'home/dapp'];
const ETC_FILES = ['passwd', 'group', 'hostname', 'profile'];

function fail(message: string): never {
  process.stderr.write(`build-rootfs: ${message}\n`);
  process.exit(1);
}

function file(tree: FileTree, path: string, source: string, mode: number): void {
  let size: number;
  try {
    size = statSync(source).size;
  } catch {
    fail(`missing input ${source}`);
  }
  tree.addFile(path, fileByteSource(source, size), { mode });
}

/** `<path> <type> <mode> <uid> <gid> ...` lines (the genext2fs device-table format the guest used); `d` and `f` entries. */
function applyDeviceTable(tree: FileTree, tablePath: string): void {
  for (const [index, raw] of readFileSync(tablePath, 'utf8').split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [path, type, mode, uid, gid] = line.split(/\s+/);
    if (type !== 'd' && type !== 'f') fail(`${tablePath}:${index + 1}: type ${type} is not supported (only d and f)`);
    const node = tree.get(path);
    if (!node || (type === 'd') !== (node.kind === 'directory')) fail(`${tablePath}:${index + 1}: ${path} is not a ${type === 'd' ? 'directory' : 'file'} of the tree`);
    Object.assign(node, { permissions: parseInt(mode, 8), uid: Number(uid), gid: Number(gid) });
  }
}

async function main(): Promise<void> {
  const [busyboxDir, xhalt, output] = process.argv.slice(2);
  if (!busyboxDir || !xhalt || !output) fail('usage: build-rootfs.ts BUSYBOX_DIR XHALT OUTPUT');
  if (EXT2_WRITER_VERSION !== EXPECTED_EXT2_WRITER_VERSION) {
    fail(`lib/ext2 is format version ${EXT2_WRITER_VERSION}, this script expects ${EXPECTED_EXT2_WRITER_VERSION}: update EXPECTED_EXT2_WRITER_VERSION (the rootfs bytes change)`);
  }
  const guestDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  const epoch = Number(process.env.SOURCE_DATE_EPOCH ?? '0');
  if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch > 0xffffffff) fail(`SOURCE_DATE_EPOCH ${process.env.SOURCE_DATE_EPOCH} is not a 32-bit time`);

  const tree = new FileTree({ inputName: 'default rootfs' });
  for (const directory of DIRECTORIES) tree.addDirectory(directory, { mode: 0o755 });
  file(tree, '/bin/busybox', join(busyboxDir, 'busybox'), 0o755);
  // Applet links, relative so that the image works wherever it is mounted.
  let linksText: string;
  try {
    linksText = readFileSync(join(busyboxDir, 'busybox.links'), 'utf8');
  } catch {
    fail(`missing input ${join(busyboxDir, 'busybox.links')}`);
  }
  for (const raw of linksText.split('\n')) {
    const applet = raw.trim().replace(/^\/+/, '');
    if (applet === '' || applet === 'bin/busybox' || !applet.includes('/')) continue;
    const depth = applet.split('/').length - 1;
    if (depth > 2) continue;
    const path = `/${applet}`;
    if (tree.get(path)) tree.remove(path);
    tree.addSymlink(path, `${'../'.repeat(depth)}bin/busybox`);
  }
  file(tree, '/usr/sbin/xhalt', xhalt, 0o755);
  file(tree, '/usr/sbin/cartesi-init', join(guestDir, 'rootfs/files/usr/sbin/cartesi-init'), 0o755);
  file(tree, '/usr/bin/flashdrive', join(guestDir, 'rootfs/files/usr/bin/flashdrive'), 0o755);
  for (const name of ETC_FILES) file(tree, `/etc/${name}`, join(guestDir, 'rootfs/files/etc', name), 0o644);
  applyDeviceTable(tree, join(guestDir, 'rootfs/device-table'));

  // Inodes: everything in the image plus room for as many new files again (and at least 1024).
  const entries = [...tree.entries()].length;
  const freeInodes = Math.max(entries, 1024);
  const common = { freeInodes, timestampSeconds: epoch, volumeName: 'root', inputName: output };
  // The size rule of the genext2fs build, kept so the drive keeps its length (12 MiB; packages and tests record
  // it): whole blocks of every file plus one block per directory and symlink, plus 8 MiB, rounded up to 2 MiB.
  // lib/ext2 needs less than that estimate, so the free space is at least 8 MiB; never less than its own minimum.
  let estimateBlocks = 0;
  for (const { node } of tree.entries()) estimateBlocks += node.kind === 'file' ? Math.ceil(node.content.sizeBytes / BLOCK_BYTES) : 1;
  const minimum = planExt2(tree, { ...common, freeBytes: FREE_BYTES }).imageSizeBytes;
  const sizeBytes = Math.ceil(Math.max(estimateBlocks * BLOCK_BYTES + FREE_BYTES, minimum) / ALIGN_BYTES) * ALIGN_BYTES;
  const written = await writeExt2ToFile(tree, output, { ...common, sizeBytes });
  if (written !== sizeBytes) fail(`${output} is ${written} bytes, expected ${sizeBytes}`);
}

await main();
