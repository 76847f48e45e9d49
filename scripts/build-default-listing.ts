/**
 * Builds the embedded default listing served at /default/bundles.json (public/default/, gitignored).
 *
 * - Always: a few tiny sample bundles generated here, so a fresh offline install has something to browse.
 * - When the default machine has been built (guest/out/linux.bin and guest/out/rootfs.ext2): copies both
 *   images next to the listing and lists them as `default-linux` (ram) and `default-rootfs` (flashdrive),
 *   and writes public/default/carti-machine-package.json, the v0.21 default package that boots them.
 *
 * `uri`s are relative to the listing's URL (a documented Carti Studio extension, carti-formats.md §10.2), so
 * the listing works on any host the app is served from. Ids are computed with lib/carti (§2), streaming.
 * Run: npx tsx scripts/build-default-listing.ts [outDir] [guestOutDir]
 */
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { idOfFile } from '../lib/carti/id.node.js';
import { serializeListing } from '../lib/carti/listing';
import type { Bundle, BundleType } from '../lib/carti/types';
import { CALCULATOR_EXPRESSION, writeCalculatorPackage, writeDefaultPackage } from './default-package';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const outDir = resolve(process.argv[2] ?? join(repoRoot, 'public', 'default'));
const guestOut = resolve(process.argv[3] ?? join(repoRoot, 'guest', 'out'));

interface SampleFile {
  readonly name: string;
  readonly bundleType: BundleType;
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** Deterministic sample contents: the same bytes (hence the same ids) on every machine. */
function sampleFiles(): SampleFile[] {
  const greeting = new TextEncoder().encode('Hello from the Carti Studio sample listing.\n');
  const input = new Uint8Array(4096);
  input.set(new TextEncoder().encode('2+2*3\n'));
  const counter = new Uint8Array(4096);
  for (let i = 0; i < counter.length; i += 1) counter[i] = i & 0xff;
  return [
    { name: 'sample-greeting', bundleType: 'raw', fileName: 'greeting.txt', bytes: greeting },
    { name: 'sample-input', bundleType: 'flashdrive', fileName: 'sample-input.bin', bytes: input },
    { name: 'sample-pattern', bundleType: 'flashdrive', fileName: 'sample-pattern.bin', bytes: counter },
  ];
}

async function projectVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Copies `from` unless the target already has the same size and is not older (setup must stay quick). */
async function copyIfChanged(from: string, to: string): Promise<void> {
  if (existsSync(to)) {
    const [a, b] = await Promise.all([stat(from), stat(to)]);
    if (a.size === b.size && b.mtimeMs >= a.mtimeMs) return;
  }
  await copyFile(from, to);
}

async function main(): Promise<void> {
  const version = await projectVersion();
  await mkdir(outDir, { recursive: true });
  const bundles: Bundle[] = [];

  for (const sample of sampleFiles()) {
    const path = join(outDir, sample.fileName);
    await writeFile(path, sample.bytes);
    const id = await idOfFile(path);
    bundles.push({ bundleType: sample.bundleType, name: sample.name, fileName: sample.fileName, id, version, uri: sample.fileName });
  }

  const kernelPath = join(guestOut, 'linux.bin');
  const rootfsPath = join(guestOut, 'rootfs.ext2');
  const packagePath = join(outDir, 'carti-machine-package.json');
  if (existsSync(kernelPath) && existsSync(rootfsPath)) {
    await copyIfChanged(kernelPath, join(outDir, 'linux.bin'));
    await copyIfChanged(rootfsPath, join(outDir, 'rootfs.ext2'));
    // The Debian package versions the images were built from travel with the listing (their ids depend on them).
    const versionsPath = join(guestOut, 'versions.json');
    if (await stat(versionsPath).then(() => true, () => false)) await copyIfChanged(versionsPath, join(outDir, 'versions.json'));
    const kernel: Bundle = { bundleType: 'ram', name: 'default-linux', fileName: 'linux.bin', id: await idOfFile(kernelPath), version, uri: 'linux.bin' };
    const rootfs: Bundle = { bundleType: 'flashdrive', name: 'default-rootfs', fileName: 'rootfs.ext2', id: await idOfFile(rootfsPath), version, uri: 'rootfs.ext2' };
    bundles.unshift(kernel, rootfs);
    await writeDefaultPackage(packagePath, kernel, rootfs, (await stat(rootfsPath)).size);
    // The calculator example: its input drive is a bundle; its package sits beside the default one.
    const inputPath = join(outDir, 'calculator-input.raw');
    await writeFile(inputPath, CALCULATOR_EXPRESSION);
    const input: Bundle = { bundleType: 'flashdrive', name: 'calculator-input', fileName: 'calculator-input.raw', id: await idOfFile(inputPath), version, uri: 'calculator-input.raw' };
    bundles.push(input);
    await writeCalculatorPackage(join(outDir, 'calculator-machine-package.json'), kernel, rootfs, (await stat(rootfsPath)).size, input, CALCULATOR_EXPRESSION.length);
  } else {
    await rm(packagePath, { force: true });
    console.log(`${guestOut} has no linux.bin and rootfs.ext2 yet: listing the sample bundles only`);
  }

  await writeFile(join(outDir, 'bundles.json'), serializeListing({ bundles }));
  console.log(`wrote ${join(outDir, 'bundles.json')} with ${bundles.length} bundles`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
