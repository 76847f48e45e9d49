// npm run bench:drives — ext2 writer and reader speed in Node: a 64 MiB tree (4 large files and 4096 small ones)
// written to memory, to a file and through a discarding sink, then listed and extracted; drive composition
// (three drives of 64 MiB in total, lib/drives) and OCI import (a 50 MiB docker save tarball, lib/oci); issue 5
// goals: compose under 2 s, import under 3 s, both at least 100 MB/s. Prints MB/s and peak RSS; never fails on time.
// Then the same composition and import in headless Chromium through the composer's drive worker
// (scripts/bench/drives-chromium.ts). BENCH_DRIVES_ONLY=node or =chromium runs one half.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ext2Reader } from '../lib/ext2/reader';
import { FileTree } from '../lib/ext2/tree';
import { planExt2, writeExt2, writeExt2ToBytes } from '../lib/ext2/writer';
import { writeExt2ToFile } from '../lib/ext2/writer.node.ts';
import { idOfBytes } from '../lib/carti/id';
import { composeDrives } from '../lib/drives/compose';
import { importOciImage } from '../lib/oci/import';
import { imageFilesFromTar } from '../lib/oci/image-files';
import { benchDrives, benchImage } from './bench/drive-inputs';
import { benchDrivesInChromium } from './bench/drives-chromium';

const MiB = 1 << 20;

function benchTree(): { tree: FileTree; contentBytes: number } {
  const tree = new FileTree();
  let contentBytes = 0;
  for (let index = 0; index < 4; index++) {
    const bytes = new Uint8Array(12 * MiB);
    for (let offset = 0; offset < bytes.length; offset += 4096) bytes[offset] = index + offset / 4096;
    tree.addFile(`/large/blob-${index}`, bytes);
    contentBytes += bytes.length;
  }
  for (let index = 0; index < 4096; index++) {
    const bytes = new Uint8Array(4096).fill(index & 0xff);
    tree.addFile(`/small/d${index % 64}/f${index}`, bytes, { mode: 0o644, uid: 1000, gid: 1000 });
    contentBytes += bytes.length;
  }
  return { tree, contentBytes };
}

async function timed(label: string, bytes: number, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${(bytes / MiB).toFixed(1)} MiB in ${seconds.toFixed(3)} s = ${(bytes / 1e6 / seconds).toFixed(0)} MB/s`);
}

/** 256 MiB of content generated on demand (nothing retained), streamed to a file: memory stays flat. */
async function streamingLargeImage(): Promise<void> {
  const tree = new FileTree();
  const fileBytes = 32 * MiB;
  for (let index = 0; index < 8; index++) {
    tree.addFile(`/stream/blob-${index}`, {
      sizeBytes: fileBytes,
      read: (offset, length) => new Uint8Array(length).fill((offset / 4096 + index) & 0xff),
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-drives-'));
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  try {
    let size = 0;
    await timed('stream 256 MiB of lazy content to a file', 8 * fileBytes, async () => { size = await writeExt2ToFile(tree, join(dir, 'large.ext2')); });
    console.log(`  image ${(size / MiB).toFixed(1)} MiB; peak RSS ${rssBefore.toFixed(0)} MiB before, ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB after`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Three ext2 drives (one ext2 image per ~21 MiB: two large files and 512 small ones each) composed into one. */
async function composeThreeDrives(): Promise<void> {
  const drives = await benchDrives();
  const total = drives.reduce((sum, drive) => sum + drive.length, 0);
  let imageSize = 0;
  await timed('compose three ext2 drives into one (lib/drives, discarding sink, id computed)', total, async () => {
    const result = await composeDrives(drives.map((bytes, index) => ({ name: `drive-${index}.ext2`, bytes })), { policy: 'error' }, () => undefined);
    imageSize = result.imageSizeBytes;
  });
  console.log(`  sources ${(total / MiB).toFixed(1)} MiB in total; composed image ${(imageSize / MiB).toFixed(1)} MiB`);
  // Most of the time above is Keccak (source ids and the output id); with the source ids known (a store has them):
  const ids = await Promise.all(drives.map((bytes) => idOfBytes(bytes)));
  await timed('  the same with the source ids given (only the output id computed)', total, () =>
    composeDrives(drives.map((bytes, index) => ({ name: `drive-${index}.ext2`, bytes, id: ids[index] })), { policy: 'error' }, () => undefined));
  await timed('  Keccak id of the same bytes alone (lib/carti idOfBytes)', total, () => Promise.all(drives.map((bytes) => idOfBytes(bytes))));
  // A second run, as the composer's next composition in the same worker would be (JIT warm, Keccak compiled).
  await timed('  again, source ids given (warm)', total, () =>
    composeDrives(drives.map((bytes, index) => ({ name: `drive-${index}.ext2`, bytes, id: ids[index] })), { policy: 'error' }, () => undefined));
}

/** A 50 MiB docker save tarball (two layers, one with a whiteout) imported into a root drive. */
async function importFiftyMiBImage(): Promise<void> {
  const tar = benchImage();
  let imageSize = 0;
  await timed('import a docker save tarball into a root drive (lib/oci, discarding sink, id computed)', tar.length, async () => {
    const result = await importOciImage(await imageFilesFromTar(tar, 'bench-image.tar'), {}, () => undefined);
    imageSize = result.imageSizeBytes;
  });
  console.log(`  tarball ${(tar.length / MiB).toFixed(1)} MiB; root drive ${(imageSize / MiB).toFixed(1)} MiB`);
  await timed('  again (warm)', tar.length, async () => importOciImage(await imageFilesFromTar(tar, 'bench-image.tar'), {}, () => undefined));
}

async function main(): Promise<void> {
  if (process.env.BENCH_DRIVES_ONLY === 'chromium') return benchDrivesInChromium(await benchDrives(), benchImage());
  await streamingLargeImage();
  await composeThreeDrives();
  await importFiftyMiBImage();
  const { tree, contentBytes } = benchTree();
  const plan = planExt2(tree);
  console.log(`tree: ${(contentBytes / MiB).toFixed(1)} MiB of content in 4100 files; image ${(plan.imageSizeBytes / MiB).toFixed(1)} MiB`);
  await timed('plan + write to a discarding sink', plan.imageSizeBytes, async () => writeExt2(planExt2(tree), () => undefined));
  let image: Uint8Array = new Uint8Array(0);
  await timed('plan + write to memory (writeExt2ToBytes)', plan.imageSizeBytes, async () => { image = await writeExt2ToBytes(tree); });
  const dir = mkdtempSync(join(tmpdir(), 'bench-drives-'));
  try {
    await timed('plan + write to a file (writeExt2ToFile)', plan.imageSizeBytes, () => writeExt2ToFile(tree, join(dir, 'bench.ext2')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await timed('read: list and extract every file', contentBytes, async () => {
    const reader = await Ext2Reader.open(image);
    for (const entry of await reader.entries()) {
      if (entry.inode.kind === 'file') await reader.readFile(entry.inode);
    }
  });
  await timed('compose: read tree from the image and write it again', plan.imageSizeBytes, async () => {
    const copy = await (await Ext2Reader.open(image)).toTree();
    await writeExt2(planExt2(copy), () => undefined);
  });
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (the tree's content itself is ${(contentBytes / MiB).toFixed(0)} MiB in memory)`);
  if (process.env.BENCH_DRIVES_ONLY !== 'node') await benchDrivesInChromium(await benchDrives(), benchImage());
}

await main();
