import { beforeAll, describe, expect, it } from 'vitest';
import { CartiError } from './errors';
import { decodeLuaStringBody } from './lua-string';
import { validatePackage } from './package';
import {
  addFlashDrive, addRepo, initPackage, removeFlashDrive, removeRam, removeRepo, removeRom, setBootText, setRam, setRom,
  type BundleRef,
} from './package-ops';
import { targetOf } from './studio-metadata';
import { idsOf } from './test-ids';

let rom: BundleRef;
let ram: BundleRef;
let root: BundleRef;
let data: BundleRef;
let kernel2: BundleRef;
beforeAll(async () => {
  const [r, k, f, d, k2] = await idsOf('rom', 'ram', 'root', 'data', 'kernel2');
  rom = { bundle: { name: 'default-rom', fileName: 'rom.bin', id: r! } };
  ram = { bundle: { name: 'default-ram', fileName: 'linux.bin', id: k! } };
  root = { bundle: { name: 'default-root', fileName: 'rootfs.ext2', id: f! }, sizeBytes: 0x3c00000n };
  data = { bundle: { name: 'data', fileName: 'data.ext2', id: d! }, sizeBytes: 5000n };
  kernel2 = { bundle: { name: 'kernel2', fileName: 'linux2.bin', id: k2! } };
});

const legacy = () => initPackage({ legacy: true, defaults: { rom, ram, root } });
const v021 = () => initPackage({ defaults: { ram, root } });

describe('initPackage', () => {
  it('writes carti\'s ROM-era default with --legacy', () => {
    const pkg = legacy();
    expect(pkg.machineConfig.ram.length).toBe(0x4000000n);
    expect(pkg.machineConfig.flash_drive).toEqual([{ start: 1n << 63n, length: 0x3c00000n, shared: false, label: 'root', cid: root.bundle.id }]);
    expect(pkg.machineConfig.boot.args).toBe('ls');
    expect(pkg.version).toBe('0.0.0-development');
    expect(pkg.repos).toEqual(['https://github.com/createdreamtech/carti-default']);
    expect(pkg.assets.map((a) => a.cid)).toEqual([rom.bundle.id, ram.bundle.id, root.bundle.id]);
    expect(targetOf(pkg)).toBe('legacy');
    expect(validatePackage(pkg)).toEqual([]);
  });

  it('writes a v0.21 default with 128 MiB RAM and root placed after RAM', () => {
    const pkg = v021();
    expect(pkg.machineConfig.rom).toBeUndefined();
    expect(pkg.machineConfig.ram.length).toBe(128n << 20n);
    // 0x80000000 + 128 MiB = 0x88000000, aligned to bit_ceil(60 MiB) = 64 MiB.
    expect(pkg.machineConfig.flash_drive[0]).toMatchObject({ label: 'root', start: 0x88000000n, length: 0x3c00000n });
    expect(targetOf(pkg)).toBe('v0.21');
    expect(validatePackage(pkg)).toEqual([]);
  });
});

describe('flash drives', () => {
  it('places legacy drives by carti\'s max start + 2^60 rule', () => {
    const pkg = addFlashDrive(legacy(), { label: 'data', bundle: data });
    expect(pkg.machineConfig.flash_drive[1]?.start).toBe(0x9000000000000000n);
  });

  it('places the next legacy drive after the largest start even if an explicit lower one exists', () => {
    let pkg = addFlashDrive(legacy(), { label: 'hi', length: 0x1000n, start: 0xb000000000000000n });
    pkg = addFlashDrive(pkg, { label: 'next', length: 0x1000n });
    expect(pkg.machineConfig.flash_drive.at(-1)?.start).toBe(0xc000000000000000n);
  });

  it('places v0.21 drives aligned to their rounded length after the previous ones (cartesi-machine.md §8)', () => {
    // 128 MiB RAM, 4 MiB root then 1 MiB data → 0x88000000 and 0x88400000, the observed v0.21 layout.
    const base = initPackage({ defaults: { ram, root: { ...root, sizeBytes: 4n << 20n } } });
    const pkg = addFlashDrive(base, { label: 'data', length: 1n << 20n });
    expect(pkg.machineConfig.flash_drive.map((d) => d.start)).toEqual([0x88000000n, 0x88400000n]);
  });

  it('rounds a v0.21 bundle drive length up to 2 MiB and a legacy one to 4 KiB', () => {
    expect(addFlashDrive(v021(), { label: 'data', bundle: data }).machineConfig.flash_drive[1]?.length).toBe(2n << 20n);
    expect(addFlashDrive(legacy(), { label: 'data', bundle: data }).machineConfig.flash_drive[1]?.length).toBe(0x2000n);
  });

  it('keeps root at index 0 when root is added last', () => {
    let pkg = removeFlashDrive(legacy(), 'root');
    pkg = addFlashDrive(pkg, { label: 'data', bundle: data });
    pkg = addFlashDrive(pkg, { label: 'root', bundle: root });
    expect(pkg.machineConfig.flash_drive.map((d) => d.label)).toEqual(['root', 'data']);
  });

  it('refuses a duplicate label', () => {
    expect(() => addFlashDrive(legacy(), { label: 'root', length: 0x1000n })).toThrow(/already exists/);
  });

  it('replaces the drive with the same label when asked, dropping the old asset', () => {
    const pkg = addFlashDrive(legacy(), { label: 'root', bundle: data, replace: true });
    expect(pkg.machineConfig.flash_drive).toHaveLength(1);
    expect(pkg.assets.map((a) => a.cid)).not.toContain(root.bundle.id);
  });

  it('mounts one bundle twice under two labels', () => {
    let pkg = addFlashDrive(legacy(), { label: 'a', bundle: data });
    pkg = addFlashDrive(pkg, { label: 'b', bundle: data });
    expect(pkg.machineConfig.flash_drive.filter((d) => d.cid === data.bundle.id)).toHaveLength(2);
    expect(pkg.assets.filter((a) => a.cid === data.bundle.id)).toHaveLength(1);
  });

  it('keeps two bundleless drives (carti deleted the first, §12.4)', () => {
    let pkg = addFlashDrive(legacy(), { label: 'scratch', length: 0x1000n });
    pkg = addFlashDrive(pkg, { label: 'output', length: 0x1000n, shared: true });
    expect(pkg.machineConfig.flash_drive.map((d) => d.label)).toEqual(['root', 'scratch', 'output']);
  });

  it('requires a length for a bundleless drive', () => {
    expect(() => addFlashDrive(legacy(), { label: 'x' })).toThrow(CartiError);
  });

  it('refuses a length that is not a multiple of 4096', () => {
    expect(() => addFlashDrive(legacy(), { label: 'x', length: 5000n })).toThrow(/multiple of 4096/);
  });

  it('refuses a length shorter than the bundle', () => {
    expect(() => addFlashDrive(legacy(), { label: 'x', bundle: data, length: 0x1000n })).toThrow(/shorter than the bundle/);
  });

  it('keeps resolvedPath (carti ignored it, §12.6)', () => {
    const pkg = addFlashDrive(legacy(), { label: 'x', bundle: data, resolvedPath: '/tmp/d.ext2' });
    expect(pkg.machineConfig.flash_drive[1]?.resolvedPath).toBe('/tmp/d.ext2');
  });

  it('removes a drive and its asset', () => {
    const pkg = removeFlashDrive(addFlashDrive(legacy(), { label: 'x', bundle: data }), 'x');
    expect(pkg.assets.map((a) => a.cid)).not.toContain(data.bundle.id);
  });

  it('reports removing an unknown label', () => {
    expect(() => removeFlashDrive(legacy(), 'nope')).toThrow(/no drive labelled "nope"/);
  });

  it('does not modify its input', () => {
    const pkg = legacy();
    const before = JSON.stringify(pkg, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
    addFlashDrive(pkg, { label: 'x', length: 0x1000n });
    expect(JSON.stringify(pkg, (_, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(before);
  });
});

describe('ram and rom', () => {
  it('replacing ram drops the old ram asset (§12.11)', () => {
    const pkg = setRam(legacy(), { bundle: kernel2 });
    expect(pkg.machineConfig.ram).toEqual({ length: 0x4000000n, cid: kernel2.bundle.id });
    expect(pkg.assets.map((a) => a.cid)).toEqual([rom.bundle.id, root.bundle.id, kernel2.bundle.id]);
  });

  it('uses 128 MiB as the v0.21 default ram length', () => {
    expect(setRam(v021(), { bundle: kernel2 }).machineConfig.ram.length).toBe(128n << 20n);
  });

  it('moves v0.21 drives that a larger RAM would cover', () => {
    const pkg = setRam(v021(), { bundle: kernel2, length: 256n << 20n });
    expect(pkg.machineConfig.flash_drive[0]?.start).toBe(0x90000000n);
    expect(validatePackage(pkg)).toEqual([]);
  });

  it('removing ram drops the ram asset, not the rom one (carti\'s bug, §12.5)', () => {
    const pkg = removeRam(legacy());
    expect(pkg.assets.map((a) => a.cid)).toEqual([rom.bundle.id, root.bundle.id]);
    expect(validatePackage(pkg).map((e) => e.location)).toContain('machineConfig.ram.cid');
  });

  it('sets a rom on a legacy package only', () => {
    expect(setRom(legacy(), kernel2).machineConfig.rom?.cid).toBe(kernel2.bundle.id);
    expect(() => setRom(v021(), kernel2)).toThrow(/v0.21 machines have no ROM/);
  });

  it('removes the rom and its asset', () => {
    const pkg = removeRom(legacy());
    expect(pkg.machineConfig.rom).toBeUndefined();
    expect(pkg.assets.map((a) => a.cid)).not.toContain(rom.bundle.id);
  });
});

describe('boot args and repos', () => {
  it('escapes user text before storing it and decodes back to it', () => {
    const text = 'echo "hi" \\ there\nls';
    const pkg = setBootText(legacy(), text);
    expect(pkg.machineConfig.boot.args).toBe('echo \\"hi\\" \\\\ there\\nls');
    expect(decodeLuaStringBody(pkg.machineConfig.boot.args)).toBe(text);
  });

  it('clears an earlier prefix when args are set without one (carti §7.1)', () => {
    const withPrefix = setBootText(legacy(), 'ls', 'console=hvc0');
    expect(withPrefix.machineConfig.boot.bootPrefix).toBe('console=hvc0');
    expect(setBootText(withPrefix, 'ls').machineConfig.boot.bootPrefix).toBeUndefined();
  });

  it('adds repos once and removes them', () => {
    let pkg = addRepo(legacy(), 'https://github.com/a/b');
    pkg = addRepo(pkg, 'https://github.com/a/b');
    expect(pkg.repos).toEqual(['https://github.com/createdreamtech/carti-default', 'https://github.com/a/b']);
    expect(removeRepo(pkg, 'https://github.com/a/b').repos).toEqual(['https://github.com/createdreamtech/carti-default']);
  });
});
