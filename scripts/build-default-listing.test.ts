import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { idOfBytes } from '../lib/carti/id';
import { parseListingText } from '../lib/carti/listing';
import { parsePackageText } from '../lib/carti/package';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const script = resolve(here, 'build-default-listing.ts');
const tsx = resolve(here, '..', 'node_modules', '.bin', 'tsx');

async function buildListing(guestFiles?: { kernel: Uint8Array; rootfs: Uint8Array }) {
  const base = await mkdtemp(join(tmpdir(), 'default-listing-'));
  const outDir = join(base, 'public-default');
  const guestOut = join(base, 'guest-out');
  await mkdir(guestOut);
  if (guestFiles) {
    await writeFile(join(guestOut, 'linux.bin'), guestFiles.kernel);
    await writeFile(join(guestOut, 'rootfs.ext2'), guestFiles.rootfs);
  }
  await run(tsx, [script, outDir, guestOut]);
  const listing = parseListingText(await readFile(join(outDir, 'bundles.json'), 'utf8'));
  return { outDir, listing };
}

describe('build-default-listing', () => {
  it('lists sample bundles whose ids match the files written beside the listing', async () => {
    const { outDir, listing } = await buildListing();
    expect(listing.errors).toEqual([]);
    expect(listing.value.bundles.length).toBeGreaterThanOrEqual(2);
    for (const bundle of listing.value.bundles) {
      expect(bundle.uri).toBe(bundle.fileName);
      expect(await idOfBytes(await readFile(join(outDir, bundle.fileName)))).toBe(bundle.id);
    }
    expect(existsSync(join(outDir, 'carti-machine-package.json'))).toBe(false);
  });

  it('lists the built guest images as default-linux and default-rootfs with a v0.21 package', async () => {
    const kernel = new Uint8Array(8192).fill(0x13);
    const rootfs = new Uint8Array(3 << 20).fill(0xef);
    const { outDir, listing } = await buildListing({ kernel, rootfs });
    const byName = new Map(listing.value.bundles.map((b) => [b.name, b]));
    expect(byName.get('default-linux')).toMatchObject({ bundleType: 'ram', fileName: 'linux.bin', uri: 'linux.bin', id: await idOfBytes(kernel) });
    expect(byName.get('default-rootfs')).toMatchObject({ bundleType: 'flashdrive', fileName: 'rootfs.ext2', uri: 'rootfs.ext2', id: await idOfBytes(rootfs) });

    const pkg = parsePackageText(await readFile(join(outDir, 'carti-machine-package.json'), 'utf8'));
    expect(pkg.errors).toEqual([]);
    const config = pkg.value!.machineConfig;
    expect(config.ram).toMatchObject({ length: 128n << 20n, cid: await idOfBytes(kernel) });
    expect(config.flash_drive[0]).toMatchObject({ label: 'root', cid: await idOfBytes(rootfs) });
    expect(config.flash_drive[0].length).toBeGreaterThanOrEqual(BigInt(rootfs.length));
  });
});
