import { beforeAll, describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { validatePackage } from '../carti/package';
import { decodeBundleTransfer, defaultTarget, dropBundle, encodeBundleTransfer } from './bundle-drop';
import { emptyDraft } from './draft';
import { testBundles, type TestBundles } from './test-bundles';

let b: TestBundles;
beforeAll(async () => { b = await testBundles(); });

describe('bundle transfer (a browse row dragged into a composer)', () => {
  it('carries the listing record unchanged', () => {
    expect(decodeBundleTransfer(encodeBundleTransfer(b.rootfs))).toEqual(b.rootfs);
  });
  it('refuses text that is not a bundle record, naming the field', () => {
    expect(decodeBundleTransfer('{nope')).toBeInstanceOf(CartiError);
    const missing = decodeBundleTransfer(JSON.stringify({ ...b.rootfs, id: undefined })) as CartiError;
    expect(missing).toBeInstanceOf(CartiError);
    expect(missing.message).toMatch(/id/);
  });
});

describe('dropping a bundle without choosing a slot', () => {
  it('builds the default machine: kernel to RAM, first flashdrive to root, the next to a new drive', () => {
    let pkg = emptyDraft();
    for (const bundle of [b.kernel, b.rootfs, b.data]) pkg = dropBundle(pkg, bundle, defaultTarget(pkg, bundle), 4096n);
    expect(pkg.machineConfig.ram.cid).toBe(b.kernel.id);
    expect(pkg.machineConfig.flash_drive.map((d) => [d.label, d.cid])).toEqual([['root', b.rootfs.id], ['sample-input', b.data.id]]);
    expect(validatePackage(pkg)).toEqual([]);
  });
  it('refuses a ROM on a v0.21 machine and says why', () => {
    const pkg = emptyDraft();
    expect(() => dropBundle(pkg, b.rom, defaultTarget(pkg, b.rom))).toThrow(/v0.21 machines have no ROM/);
  });
  it('refuses a kernel on a drive slot and points at the RAM slot', () => {
    expect(() => dropBundle(emptyDraft(), b.kernel, { kind: 'drive', title: 'the drive list' })).toThrow(/drop it on the RAM image/);
  });
});
