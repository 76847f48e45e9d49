import { beforeAll, describe, expect, it } from 'vitest';
import { parsePackage, parsePackageText, serializePackage, validatePackage } from './package';
import { idsOf } from './test-ids';

let rom: string;
let ram: string;
let root: string;
beforeAll(async () => { [rom, ram, root] = await idsOf('rom', 'ram', 'root'); });

/** The package `carti machine init` writes (§5), with real ids. */
function cartiInit(): Record<string, any> {
  return {
    machineConfig: {
      boot: { args: 'ls' },
      ram: { length: '0x4000000', cid: ram },
      rom: { cid: rom },
      flash_drive: [{ start: '0x8000000000000000', length: '0x3c00000', shared: false, label: 'root', cid: root }],
    },
    assets: [
      { name: 'default-rom', fileName: 'rom.bin', cid: rom },
      { name: 'default-ram', fileName: 'linux-5.5.19-ctsi-2.bin', cid: ram },
      { name: 'default-root', fileName: 'rootfs.ext2', cid: root },
    ],
    version: '0.0.0-development',
    repos: ['https://github.com/createdreamtech/carti-default'],
  };
}

describe('carti-machine-package.json', () => {
  it('reads carti\'s default package without problems', () => {
    const result = parsePackage(cartiInit());
    expect(result.errors).toEqual([]);
    expect(result.value?.machineConfig.flash_drive[0]?.start).toBe(1n << 63n);
    expect(result.value?.machineConfig.ram.length).toBe(0x4000000n);
  });

  it('reports a cid that has no asset', () => {
    const pkg = cartiInit();
    pkg.assets.pop();
    const result = parsePackage(pkg);
    expect(result.errors.map((e) => [e.code, e.location])).toEqual([['missing-asset', 'machineConfig.flash_drive[0].cid']]);
  });

  it('reports a duplicate label', () => {
    const pkg = cartiInit();
    pkg.machineConfig.flash_drive.push({ start: '0x9000000000000000', length: '0x1000', shared: false, label: 'root' });
    expect(parsePackage(pkg).errors.some((e) => e.code === 'duplicate-label' && e.location === 'machineConfig.flash_drive[1].label')).toBe(true);
  });

  it('reports a root drive that is not first', () => {
    const pkg = cartiInit();
    pkg.machineConfig.flash_drive.unshift({ start: '0x9000000000000000', length: '0x1000', shared: false, label: 'data' });
    expect(parsePackage(pkg).errors.map((e) => e.code)).toContain('root-not-first');
  });

  it('reports a bad HexNumber with its path', () => {
    const pkg = cartiInit();
    pkg.machineConfig.ram.length = '64MiB';
    const result = parsePackage(pkg, 'my.json');
    expect(result.value).toBeUndefined();
    expect(result.errors[0]?.message).toMatch(/^my\.json: machineConfig\.ram\.length: "64MiB" is not a HexNumber/);
  });

  it('reports a start that is not a multiple of 4096', () => {
    const pkg = cartiInit();
    pkg.machineConfig.flash_drive[0].start = '0x8000000000000001';
    expect(parsePackage(pkg).errors.map((e) => e.code)).toContain('bad-alignment');
  });

  it('reports overlapping drives', () => {
    const pkg = cartiInit();
    pkg.machineConfig.flash_drive.push({ start: '0x8000000000001000', length: '0x1000', shared: false, label: 'data' });
    expect(parsePackage(pkg).errors.map((e) => e.code)).toContain('overlap');
  });

  it('reports a bad processor register with its array index', () => {
    const pkg = cartiInit();
    pkg.machineConfig.processor = { x: ['0x1', 'nope'] };
    expect(parsePackage(pkg).errors[0]?.location).toBe('machineConfig.processor.x[1]');
  });

  it('rejects unknown keys in machineConfig (additionalProperties: false)', () => {
    const pkg = cartiInit();
    pkg.machineConfig.entrypoint = 'x';
    expect(parsePackage(pkg).errors[0]?.location).toBe('machineConfig.entrypoint');
  });

  it('accepts a bundleless drive without cid', () => {
    const pkg = cartiInit();
    pkg.machineConfig.flash_drive.push({ start: '0x9000000000000000', length: '0x1000', shared: true, label: 'output' });
    expect(parsePackage(pkg).errors).toEqual([]);
  });

  it('requires a rom for a legacy target', () => {
    const pkg = cartiInit();
    delete pkg.machineConfig.rom;
    pkg.metadata = { cartiStudio: { version: 1, targetMachine: 'legacy' } };
    expect(parsePackage(pkg).errors.map((e) => e.code)).toContain('no-rom');
  });

  it('applies v0.21 label and alignment rules to v0.21 packages', () => {
    const pkg = cartiInit();
    delete pkg.machineConfig.rom;
    pkg.assets.shift();
    const parsed = parsePackage(pkg).value!;
    const problems = validatePackage(parsed, { target: 'v0.21' });
    expect(problems.some((p) => p.reason.includes('2^56'))).toBe(true);
  });

  it('reports a drive shorter than its file', () => {
    const parsed = parsePackage(cartiInit()).value!;
    const problems = validatePackage(parsed, { fileSizes: new Map([[root, 0x4000000n]]) });
    expect(problems.map((p) => p.code)).toContain('too-large');
  });

  it('serializes HexNumbers lower-case, 2-space, no trailing newline, and round-trips', () => {
    const text = serializePackage(parsePackage(cartiInit()).value!);
    expect(text.endsWith('}')).toBe(true);
    expect(text).toContain('"start": "0x8000000000000000"');
    expect(JSON.parse(text)).toEqual(cartiInit());
  });

  it('keeps extra asset fields and metadata', () => {
    const pkg = cartiInit();
    pkg.assets[0].note = 'x';
    pkg.metadata = { projectName: 'p', other: { a: 1 } };
    expect(JSON.parse(serializePackage(parsePackage(pkg).value!))).toEqual(pkg);
  });

  it('reports malformed JSON text', () => {
    expect(parsePackageText('{"machineConfig": }', 'p.json').errors[0]?.code).toBe('bad-json');
  });
});
