import { describe, expect, it } from 'vitest';
import { initPackage, addFlashDrive } from '../../lib/carti/package-ops';
import type { Bundle } from '../../lib/carti/types';
import { packageBootPlan } from './boot-plan';

const ID_A = 'baenrwic5gakagfyum5usyghneve4rza6bq7xiuougvkdephvzun62zfsxm';
const ID_B = 'baenrwidtczc4tr6ep5az5ktozfbanjcicykgdqc3gh36yi7nzzdippve34';
const ID_C = 'baenrwiasyph536uifove6hlxslavgt7ebrumaspx7js6kqqbj5325e247q';

function bundle(name: string, fileName: string, id: string, bundleType: Bundle['bundleType']): Bundle {
  return { name, fileName, id, bundleType, version: '1.0.0' };
}

function defaultPackage() {
  return initPackage({
    defaults: {
      ram: { bundle: bundle('default-linux', 'linux.bin', ID_A, 'ram') },
      root: { bundle: bundle('default-rootfs', 'rootfs.ext2', ID_B, 'flashdrive'), sizeBytes: 12n << 20n },
    },
  });
}

describe('packageBootPlan', () => {
  it('names the RAM image and the root drive by their asset file names', () => {
    const { config, assets } = packageBootPlan(defaultPackage(), { interactive: false });
    expect(config.ram.image).toBe('linux.bin');
    expect(config.flash_drive[0].backing_store.data_filename).toBe('rootfs.ext2');
    expect(assets.map((a) => [a.key, a.id, a.role])).toEqual([
      ['linux.bin', ID_A, 'ram'], ['rootfs.ext2', ID_B, 'flash_drive[0] (root)'],
    ]);
  });

  it('keeps the package RAM length and drive placement', () => {
    const pkg = defaultPackage();
    const { config } = packageBootPlan(pkg, { interactive: false });
    expect(config.ram.length).toBe(pkg.machineConfig.ram.length);
    expect(config.flash_drive[0].start).toBe(pkg.machineConfig.flash_drive[0].start);
    expect(config.flash_drive[0].length).toBe(pkg.machineConfig.flash_drive[0].length);
  });

  it('an interactive plan enables console getchar and marks the machine unreproducible', () => {
    const { config } = packageBootPlan(defaultPackage(), { interactive: true });
    expect(config.htif.iconsole).toBe(3n);
    expect(config.processor?.registers.iunrep).toBe(1n);
  });

  it('a reproducible plan has console output only', () => {
    const { config } = packageBootPlan(defaultPackage(), { interactive: false });
    expect(config.htif.iconsole).toBe(2n);
    expect(config.processor?.registers.iunrep).toBeUndefined();
  });

  it('replaces the entrypoint when one is given, and keeps the package one otherwise', () => {
    expect(packageBootPlan(defaultPackage(), { interactive: false, entrypoint: 'echo same' }).config.dtb.entrypoint).toBe('echo same');
    expect(packageBootPlan(defaultPackage(), { interactive: false }).config.dtb.entrypoint).toBe('');
  });

  it('lists an asset used by two drives once', () => {
    const pkg = addFlashDrive(defaultPackage(), { label: 'copy', bundle: { bundle: bundle('default-rootfs', 'rootfs.ext2', ID_B, 'flashdrive'), sizeBytes: 12n << 20n } });
    const { config, assets } = packageBootPlan(pkg, { interactive: false });
    expect(assets).toHaveLength(2);
    expect(config.flash_drive[1].backing_store.data_filename).toBe('rootfs.ext2');
  });

  it('gives two assets with the same file name distinct keys', () => {
    const pkg = addFlashDrive(defaultPackage(), { label: 'other', bundle: { bundle: bundle('other-rootfs', 'rootfs.ext2', ID_C, 'flashdrive'), sizeBytes: 4096n } });
    const { config, assets } = packageBootPlan(pkg, { interactive: false });
    expect(new Set(assets.map((a) => a.key)).size).toBe(3);
    expect(config.flash_drive[1].backing_store.data_filename).toBe(`${ID_C}-rootfs.ext2`);
  });

  it('leaves a bundleless drive without an image (it starts zero-filled)', () => {
    const pkg = addFlashDrive(defaultPackage(), { label: 'output', length: 4096n });
    const { config, assets } = packageBootPlan(pkg, { interactive: false });
    expect(config.flash_drive[1].backing_store.data_filename).toBe('');
    expect(assets).toHaveLength(2);
  });
});
