import { beforeAll, describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { validatePackage } from '../carti/package';
import { emptyDraft } from './draft';
import {
  addBundleDrive, addEmptyDrive, labelFromName, moveDrive, removeDriveAt, renameDrive, replaceDriveBundle, setDriveLength,
  setDriveReadOnly, setDriveShared, setRamBundle, setRamLength, setRootBundle, uniqueLabel,
} from './drive-edits';
import { readOnlyLabels } from '../carti/studio-metadata';
import { toMachineConfig, v021Bootargs } from '../carti/exports';
import { toCartesiMachineCommand } from '../carti/cli-command';
import { testBundles, type TestBundles } from './test-bundles';

let b: TestBundles;
beforeAll(async () => { b = await testBundles(); });
const MiB = 1n << 20n;

const defaultMachine = () => setRootBundle(setRamBundle(emptyDraft(), b.kernel), b.rootfs, 12n * MiB);

describe('composing the default machine', () => {
  it('gives a valid v0.21 package with the root drive right after RAM', () => {
    const pkg = defaultMachine();
    expect(pkg.machineConfig.ram).toEqual({ length: 128n * MiB, cid: b.kernel.id });
    expect(pkg.machineConfig.flash_drive).toEqual([{ start: 0x88000000n, length: 12n * MiB, shared: false, label: 'root', cid: b.rootfs.id }]);
    expect(validatePackage(pkg)).toEqual([]);
  });
  it('keeps root first when it is dropped after a data drive', () => {
    const pkg = setRootBundle(addBundleDrive(setRamBundle(emptyDraft(), b.kernel), b.data, 4096n), b.rootfs, 12n * MiB);
    expect(pkg.machineConfig.flash_drive.map((d) => d.label)).toEqual(['root', 'sample-input']);
    expect(validatePackage(pkg)).toEqual([]);
  });
  it('gives an unknown-size bundle a 2 MiB drive until its size is known', () => {
    const pkg = addBundleDrive(defaultMachine(), b.data);
    expect(pkg.machineConfig.flash_drive[1]!.length).toBe(2n * MiB);
  });
});

describe('drive edits', () => {
  it('labels a dropped drive after its bundle, uniquely', () => {
    const pkg = addBundleDrive(addBundleDrive(defaultMachine(), b.data, 4096n), b.data, 4096n);
    expect(pkg.machineConfig.flash_drive.map((d) => d.label)).toEqual(['root', 'sample-input', 'sample-input-2']);
  });
  it('renames a drive in place, even to a duplicate the rules then report', () => {
    const pkg = renameDrive(addBundleDrive(defaultMachine(), b.data, 4096n), 1, 'root');
    expect(pkg.machineConfig.flash_drive[1]!.label).toBe('root');
    expect(validatePackage(pkg).some((p) => p.code === 'duplicate-label')).toBe(true);
  });
  it('toggles shared', () => {
    expect(setDriveShared(defaultMachine(), 0, true).machineConfig.flash_drive[0]!.shared).toBe(true);
  });
  it('moves later drives when a drive grows', () => {
    const pkg = setDriveLength(addEmptyDrive(defaultMachine(), 'out', 2n * MiB), 0, 64n * MiB);
    expect(pkg.machineConfig.flash_drive.map((d) => d.start)).toEqual([0x88000000n, 0x8c000000n]);
    expect(validatePackage(pkg)).toEqual([]);
  });
  it('refuses a length that is not a multiple of 4096', () => {
    expect(() => setDriveLength(defaultMachine(), 0, 1000n)).toThrow(CartiError);
  });
  it('reorders drives and places them again in the new order', () => {
    const pkg = moveDrive(addEmptyDrive(addEmptyDrive(defaultMachine(), 'a', 2n * MiB), 'b', 4n * MiB), 2, 1);
    expect(pkg.machineConfig.flash_drive.map((d) => d.label)).toEqual(['root', 'b', 'a']);
    expect(validatePackage(pkg)).toEqual([]);
  });
  it('removes a drive and its now unused asset', () => {
    const pkg = removeDriveAt(addBundleDrive(defaultMachine(), b.data, 4096n), 1);
    expect(pkg.assets.map((a) => a.cid)).toEqual([b.kernel.id, b.rootfs.id]);
  });
  it('replaces the bundle behind a drive and keeps its label', () => {
    const pkg = replaceDriveBundle(addEmptyDrive(defaultMachine(), 'input', 2n * MiB), 1, b.data, 4096n);
    expect(pkg.machineConfig.flash_drive[1]).toMatchObject({ label: 'input', cid: b.data.id, length: 2n * MiB });
  });
  it('adds a bundleless output drive of a chosen size', () => {
    const pkg = addEmptyDrive(defaultMachine(), 'output', 8n * MiB);
    expect(pkg.machineConfig.flash_drive[1]).toEqual({ start: 0x89000000n, length: 8n * MiB, shared: false, label: 'output' });
  });
  it('refuses a ninth drive', () => {
    let pkg = defaultMachine();
    for (let i = 1; i < 8; i += 1) pkg = addEmptyDrive(pkg, `d${i}`, 2n * MiB);
    expect(() => addEmptyDrive(pkg, 'd8', 2n * MiB)).toThrow(/already has 8 flash drives/);
  });
  it('moves drives when RAM grows over them', () => {
    const pkg = setRamLength(defaultMachine(), 256n * MiB);
    expect(pkg.machineConfig.flash_drive[0]!.start).toBe(0x90000000n);
  });
});

describe('read-only drives', () => {
  const withData = () => addBundleDrive(defaultMachine(), b.data, 4096n);
  it('records the mark by label in metadata.cartiStudio and the package stays valid', () => {
    const pkg = setDriveReadOnly(withData(), 1, true);
    expect([...readOnlyLabels(pkg)]).toEqual(['sample-input']);
    expect(validatePackage(pkg)).toEqual([]);
    expect(readOnlyLabels(setDriveReadOnly(pkg, 1, false)).size).toBe(0);
  });
  it('maps the drive without write permission, mounts it ro and keeps root rw', () => {
    const { config } = toMachineConfig(setDriveReadOnly(withData(), 1, true), { base: '' });
    expect(config.flash_drive.map((d) => d.read_only)).toEqual([false, true]);
    expect(config.dtb.init).toContain('busybox mount -o ro "$dev" "/mnt/sample-input"');
    expect(config.dtb.bootargs.split(' ')).toContain('rw');
  });
  it('turns rw into ro in the bootargs for a read-only root, as cartesi-machine does', () => {
    const pkg = setDriveReadOnly(withData(), 0, true);
    expect(v021Bootargs(pkg).split(' ')).toContain('ro');
    expect(v021Bootargs(pkg).split(' ')).not.toContain('rw');
    expect(toMachineConfig(pkg, { base: '' }).config.flash_drive[0]!.read_only).toBe(true);
  });
  it('writes read_only on the cartesi-machine command line', () => {
    const { line } = toCartesiMachineCommand(setDriveReadOnly(withData(), 1, true), { base: '/s' });
    expect(line).toMatch(/label:sample-input,[^ ]*read_only/);
    expect(line).not.toMatch(/label:root,[^ ]*read_only/);
  });
  it('follows the drive through rename, reorder and removal', () => {
    let pkg = setDriveReadOnly(addEmptyDrive(withData(), 'out', 2n * MiB), 1, true);
    pkg = renameDrive(pkg, 1, 'input');
    expect([...readOnlyLabels(pkg)]).toEqual(['input']);
    pkg = moveDrive(pkg, 1, 2);
    expect(toMachineConfig(pkg, { base: '' }).config.flash_drive.map((d) => [d.label, d.read_only])).toEqual([['root', false], ['out', false], ['input', true]]);
    pkg = removeDriveAt(pkg, 2);
    expect(readOnlyLabels(pkg).size).toBe(0);
    expect(pkg.metadata?.cartiStudio).not.toHaveProperty('readOnlyDrives');
  });
});

describe('labels', () => {
  it('turns a bundle name into a v0.21 label', () => {
    expect(labelFromName('Sample Input_v2')).toBe('sample-input-v2');
    expect(labelFromName('42')).toBe('drive');
  });
  it('adds a number when the label is taken', () => {
    expect(uniqueLabel('data', ['data', 'data-2'])).toBe('data-3');
  });
});
