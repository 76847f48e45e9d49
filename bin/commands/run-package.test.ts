// run --package: the machine comes from a carti-machine-package.json, its assets from the store, verified.
import { beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { appendFileSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultImagesDir } from '../../emulator-wasm/src/boot.node.ts';
import { DiskStore } from '../../lib/store/disk-store.node.ts';
import { serializePackage } from '../../lib/carti/package.ts';
import { emptyDraft } from '../../lib/compose/draft.ts';
import { addBundleDrive, addEmptyDrive, setDriveReadOnly, setRamBundle, setRootBundle } from '../../lib/compose/drive-edits.ts';
import { setEntrypoint } from '../../lib/compose/entrypoint.ts';
import { packageToRunConfig } from './run-package.ts';
import { runConfig } from './run.ts';

const images = defaultImagesDir();
const haveImages = existsSync(join(images, 'linux.bin')) && existsSync(join(images, 'rootfs.ext2'));

async function storeDefaultMachine(dir: string): Promise<{ store: DiskStore; ramId: string; rootId: string; rootPath: string }> {
  const store = new DiskStore(join(dir, 'carti_bundles'), 'local');
  const ram = await store.addFile(join(images, 'linux.bin'), { bundleType: 'ram', name: 'default-linux', version: '1', fileName: 'linux.bin' });
  const root = await store.addFile(join(images, 'rootfs.ext2'), { bundleType: 'flashdrive', name: 'default-rootfs', version: '1', fileName: 'rootfs.ext2' });
  return { store, ramId: ram.bundle.id, rootId: root.bundle.id, rootPath: root.path };
}

function writePackage(dir: string, ramId: string, rootId: string, args: string): string {
  const pkg = {
    machineConfig: {
      boot: { args },
      ram: { length: '0x4000000', cid: ramId },
      rom: { cid: ramId },
      flash_drive: [{ start: '0x90000000', length: '0x4000000', shared: false, label: 'root', cid: rootId }],
    },
    assets: [
      { name: 'default-linux', fileName: 'linux.bin', cid: ramId },
      { name: 'default-rootfs', fileName: 'rootfs.ext2', cid: rootId },
    ],
    version: '0.0.0-development',
  };
  const path = join(dir, 'carti-machine-package.json');
  writeFileSync(path, JSON.stringify(pkg, null, 2));
  return path;
}

/** The default images are built by setup (npm run setup); their absence is a failure, not a skip. */
function requireImages(): void {
  if (!haveImages) throw new Error(`default machine images missing in ${defaultImagesDir()}: run npm run setup`);
}

describe('run --package', () => {
  beforeAll(requireImages);
  it('boots the package with its RAM length and entrypoint, assets verified from the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carti-pkg-'));
    const { store, ramId, rootId } = await storeDefaultMachine(dir);
    const path = writePackage(dir, ramId, rootId, 'grep MemTotal /proc/meminfo');
    const config = await packageToRunConfig(path, [store]);
    expect(config.ram.length).toBe(0x4000000n);
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (c: Buffer) => { text += c.toString(); });
    const code = await runConfig(config, 1n << 40n, true, { stdout, stderr: new PassThrough(), stdin: new PassThrough() });
    expect(code).toBe(0);
    const kib = Number(/MemTotal:\s+(\d+) kB/.exec(text)?.[1]);
    expect(kib).toBeGreaterThan(50_000); // 64 MiB machine, minus the kernel and reserved memory
    expect(kib).toBeLessThan(65_536);
  });

  it('refuses a stored asset whose bytes no longer match its id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carti-pkg-'));
    const { store, ramId, rootId, rootPath } = await storeDefaultMachine(dir);
    appendFileSync(rootPath, 'tampered');
    const path = writePackage(dir, ramId, rootId, 'true');
    await expect(packageToRunConfig(path, [store])).rejects.toThrow(/not .*refusing to run it/);
  });

  it('names the missing asset and how to install it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carti-pkg-'));
    const store = new DiskStore(join(dir, 'empty'), 'local');
    const path = writePackage(dir, 'baenrwic5gakagfyum5usyghneve4rza6bq7xiuougvkdephvzun62zfsxm', 'baenrwic5gakagfyum5usyghneve4rza6bq7xiuougvkdephvzun62zfsxm', 'true');
    await expect(packageToRunConfig(path, [store])).rejects.toThrow(/not in the local or global store .*package install/);
  });
});

describe('read-only drives (metadata.cartiStudio.readOnlyDrives)', () => {
  beforeAll(requireImages);
  it('boots with root mounted ro and a read-only data drive mounted ro by init', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carti-ro-'));
    const { store, ramId, rootId } = await storeDefaultMachine(dir);
    const bundle = (id: string, name: string, fileName: string) => ({ id, name, fileName });
    const rootSize = BigInt(statSync(join(images, 'rootfs.ext2')).size);
    let pkg = setRootBundle(setRamBundle(emptyDraft(), bundle(ramId, 'default-linux', 'linux.bin')), bundle(rootId, 'default-rootfs', 'rootfs.ext2'), rootSize);
    // The same image again as a data drive, so init has an ext2 drive to mount read-only.
    pkg = addBundleDrive(pkg, bundle(rootId, 'data', 'rootfs.ext2'), rootSize);
    pkg = addEmptyDrive(pkg, 'scratch', 2n << 20n);
    pkg = setDriveReadOnly(setDriveReadOnly(pkg, 0, true), 1, true);
    pkg = setEntrypoint(pkg, "grep -E ' / | /mnt/' /proc/mounts");
    const path = join(dir, 'carti-machine-package.json');
    writeFileSync(path, serializePackage(pkg));
    const config = await packageToRunConfig(path, [store], dir);
    expect(config.flash_drive.map((d) => d.read_only)).toEqual([true, true, false]);
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (c: Buffer) => { text += c.toString(); });
    const code = await runConfig(config, 1n << 40n, true, { stdout, stderr: new PassThrough(), stdin: new PassThrough() });
    expect(code, text).toBe(0);
    const options = (mountPoint: string) => new RegExp(`^\\S+ ${mountPoint} ext2 (\\S+)`, 'm').exec(text)?.[1]?.split(',');
    expect(options('/'), text).toContain('ro');
    expect(options('/mnt/data'), text).toContain('ro');
    expect(options('/mnt/data'), text).not.toContain('rw');
  });
});

describe('the calculator example of the embedded listing', () => {
  beforeAll(requireImages);
  it('reads the expression from its input drive and leaves the answer in its output drive', async () => {
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const listingDir = fileURLToPath(new URL('../../public/default/', import.meta.url));
    const listing = JSON.parse(readFileSync(join(listingDir, 'bundles.json'), 'utf8')) as { bundles: Array<{ id: string; name: string; fileName: string; bundleType: string; version: string }> };
    const dir = mkdtempSync(join(tmpdir(), 'carti-calc-'));
    const store = new DiskStore(join(dir, 'carti_bundles'), 'local');
    for (const bundle of listing.bundles) {
      if (['default-linux', 'default-rootfs', 'calculator-input'].includes(bundle.name)) {
        await store.installFromPath(bundle as never, join(listingDir, bundle.fileName));
      }
    }
    const config = await packageToRunConfig(join(listingDir, 'calculator-machine-package.json'), [store], dir);
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (c: Buffer) => { text += c.toString(); });
    const code = await runConfig(config, 1n << 40n, true, { stdout, stderr: new PassThrough(), stdin: new PassThrough() });
    expect(text).toContain('(6*7)+(100/4)-1 = 66');
    expect(code).toBe(0);
    const output = readFileSync(join(dir, 'output.drive'));
    expect(output.length).toBe(2 << 20);
    expect(output.subarray(0, 3).toString()).toBe('66\n');
  });
});
