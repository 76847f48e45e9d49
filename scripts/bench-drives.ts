// npm run bench:drives — ext2 writer and reader speed in Node: a 64 MiB tree (4 large files and 4096 small ones)
// written to memory, to a file and through a discarding sink, then listed and extracted. Prints MB/s and peak
// RSS; never fails on time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ext2Reader } from '../lib/ext2/reader';
import { FileTree } from '../lib/ext2/tree';
import { planExt2, writeExt2, writeExt2ToBytes } from '../lib/ext2/writer';
import { writeExt2ToFile } from '../lib/ext2/writer.node.ts';

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

async function main(): Promise<void> {
  await streamingLargeImage();
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
}

await main();
