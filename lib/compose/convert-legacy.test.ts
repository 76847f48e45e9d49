import { beforeAll, describe, expect, it } from 'vitest';
import { validatePackage } from '../carti/package';
import { getStudioMetadata } from '../carti/studio-metadata';
import { initPackage, addFlashDrive } from '../carti/package-ops';
import type { CartiPackage } from '../carti/types';
import { convertLegacyPackage, isLegacyPackage } from './convert-legacy';
import { testBundles, type TestBundles } from './test-bundles';

let b: TestBundles;
let legacy: CartiPackage;
beforeAll(async () => {
  b = await testBundles();
  const ref = (bundle: typeof b.kernel) => ({ bundle });
  const base = initPackage({ legacy: true, defaults: { rom: ref(b.rom), ram: ref(b.oldKernel), root: ref(b.oldRoot) }, args: 'cat /mnt/Data_1/x' });
  legacy = addFlashDrive(base, { label: 'Data_1', bundle: { bundle: b.data, sizeBytes: 5000n }, length: 0x2000n, shared: true });
});
const defaults = () => ({ ram: { bundle: b.kernel }, root: { bundle: b.rootfs, sizeBytes: 12n << 20n } });

describe('convertLegacyPackage', () => {
  it('recognises a ROM-era package', () => {
    expect(isLegacyPackage(legacy)).toBe(true);
  });
  it('gives a valid v0.21 package', () => {
    const { pkg } = convertLegacyPackage(legacy, defaults());
    expect(isLegacyPackage(pkg)).toBe(false);
    expect(validatePackage(pkg)).toEqual([]);
  });
  it('drops the ROM and lists its id', () => {
    const { pkg, changes } = convertLegacyPackage(legacy, defaults());
    expect(pkg.machineConfig.rom).toBeUndefined();
    expect(changes[0]).toContain(b.rom.id);
    expect(pkg.assets.some((a) => a.cid === b.rom.id)).toBe(false);
  });
  it('replaces the ROM-era kernel and root by the default machine', () => {
    const { pkg } = convertLegacyPackage(legacy, defaults());
    expect(pkg.machineConfig.ram.cid).toBe(b.kernel.id);
    expect(pkg.machineConfig.flash_drive[0]).toMatchObject({ label: 'root', cid: b.rootfs.id, start: 0x84000000n, length: 12n << 20n });
    expect(pkg.assets.map((a) => a.cid).sort()).toEqual([b.kernel.id, b.rootfs.id, b.data.id].sort());
  });
  it('keeps the RAM length', () => {
    expect(convertLegacyPackage(legacy, defaults()).pkg.machineConfig.ram.length).toBe(64n << 20n);
  });
  it('keeps data drive bytes, sanitises the label, pads to 2 MiB and places it after root', () => {
    const { pkg, changes } = convertLegacyPackage(legacy, defaults());
    expect(pkg.machineConfig.flash_drive[1]).toEqual({ label: 'data-1', cid: b.data.id, shared: true, length: 2n << 20n, start: 0x85000000n });
    expect(changes).toContain('drive label "Data_1" renamed to "data-1" (v0.21 labels: lower-case letters, digits and -)');
    expect(changes.some((c) => c.includes('padded to 0x200000'))).toBe(true);
  });
  it('replaces mtdparts bootargs and keeps the command as the entrypoint', () => {
    const { pkg, changes } = convertLegacyPackage(legacy, defaults());
    expect(pkg.machineConfig.boot).toEqual({ args: 'cat /mnt/Data_1/x' });
    expect(changes.some((c) => c.startsWith('mtdparts'))).toBe(true);
  });
  it('records every change in metadata.cartiStudio', () => {
    const { pkg, changes } = convertLegacyPackage(legacy, defaults());
    const studio = getStudioMetadata(pkg);
    expect(studio?.targetMachine).toBe('v0.21');
    expect(studio?.conversion?.changes).toEqual(changes);
    expect(studio?.conversion?.from).toContain(b.rom.id);
  });
  it('lists processor overrides that are not carried over', () => {
    const withCpu: CartiPackage = { ...legacy, machineConfig: { ...legacy.machineConfig, processor: { mcycle: 5n } } };
    const { pkg, changes } = convertLegacyPackage(withCpu, defaults());
    expect(pkg.machineConfig.processor).toBeUndefined();
    expect(changes.some((c) => c.startsWith('processor overrides not carried over'))).toBe(true);
  });
  it('refuses a package that is already v0.21', () => {
    const { pkg } = convertLegacyPackage(legacy, defaults());
    expect(() => convertLegacyPackage(pkg, defaults())).toThrow(/already a v0.21 package/);
  });
});
