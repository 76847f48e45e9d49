import { beforeAll, describe, expect, it } from 'vitest';
import { legacyBootargs, toCartesiMachineCommand, toLua, toMachineConfig, v021Bootargs } from './exports';
import { addFlashDrive, initPackage, setBoot, setBootText, type BundleRef } from './package-ops';
import { luaStringField, runLuaConfig } from './test-lua.node.js';
import { idsOf } from './test-ids';
import { toV021Json } from '../machine/v021-json';
import type { CartiPackage } from './types';

let rom: BundleRef;
let ram: BundleRef;
let root: BundleRef;
beforeAll(async () => {
  const [r, k, f] = await idsOf('rom', 'ram', 'root');
  rom = { bundle: { name: 'default-rom', fileName: 'rom.bin', id: r! } };
  ram = { bundle: { name: 'default-ram', fileName: 'linux-5.5.19-ctsi-2.bin', id: k! } };
  root = { bundle: { name: 'default-root', fileName: 'rootfs.ext2', id: f! }, sizeBytes: 0x3c00000n };
});
const legacy = () => initPackage({ legacy: true, defaults: { rom, ram, root } });

/** Load with lua5.4 and fail loudly when the file is not valid Lua. */
function load(lua: string) {
  const run = runLuaConfig(lua);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.fields;
}

describe('Lua config export', () => {
  it('reproduces carti 1.7\'s byte layout for the default package (§8.4)', () => {
    const p = '/opt/carti/packages';
    expect(toLua(legacy())).toBe([
      'return {',
      '    ram = {',
      '      length = 0x4000000,',
      `      image_filename = "${p}/${ram.bundle.id}/linux-5.5.19-ctsi-2.bin",`,
      '    },',
      '    rom = {',
      `      image_filename = "${p}/${rom.bundle.id}/rom.bin",`,
      '       bootargs = "console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet mtdparts=flash.0:-(root) -- ls",',
      '    },',
      '    flash_drive = {',
      '      {',
      '        start = 0x8000000000000000,',
      '        length = 0x3c00000,',
      `        image_filename = "${p}/${root.bundle.id}/rootfs.ext2",`,
      '        shared = false,',
      '      },',
      '    },',
      '  }',
      '',
    ].join('\n'));
  });

  it('loads in lua5.4 with the expected values', () => {
    const fields = load(toLua(legacy()));
    expect(fields.get('config.ram.length')).toBe('n:0x4000000');
    // 2^63 wraps to a negative Lua integer but keeps its bit pattern (§8.2).
    expect(fields.get('config.flash_drive.1.start')).toBe('n:0x8000000000000000');
    expect(fields.get('config.flash_drive.1.shared')).toBe('false');
    expect(fields.get('config.rom.bootargs')).toBe(luaStringField('console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet mtdparts=flash.0:-(root) -- ls'));
  });

  it('keeps hostile boot args inside the string (Lua injection)', () => {
    for (const attack of ['"]] os.exit(1) --', '" .. os.exit(3) .. "', '\\" } os.exit(4) --', 'a\nb\r\0c', '\\']) {
      const fields = load(toLua(setBootText(legacy(), attack)));
      expect(fields.get('config.rom.bootargs'), attack).toBe(luaStringField(`console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet mtdparts=flash.0:-(root) -- ${attack}`));
    }
  });

  it('writes stored (already escaped) carti text verbatim', () => {
    const lua = toLua(setBoot(legacy(), 'echo \\"hi\\"'));
    expect(lua).toContain('-- echo \\"hi\\"",');
    expect(load(lua).get('config.rom.bootargs')).toBe(luaStringField('console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet mtdparts=flash.0:-(root) -- echo "hi"'));
  });

  it('refuses stored text that would break the Lua string', () => {
    expect(() => toLua(setBoot(legacy(), 'echo "x'))).toThrow(/unescaped double quote/);
  });

  it('uses the boot prefix in place of the generated one', () => {
    const fields = load(toLua(setBootText(legacy(), 'ls', 'console=hvc0 root=/dev/mtdblock1')));
    expect(fields.get('config.rom.bootargs')).toBe(luaStringField('console=hvc0 root=/dev/mtdblock1 -- ls'));
  });

  it('escapes hostile labels, paths and base directories', () => {
    let pkg = addFlashDrive(legacy(), { label: 'x") os.exit(5) --', length: 0x1000n, resolvedPath: '/tmp/a"b&c\'d' });
    pkg = addFlashDrive(pkg, { label: 'y', length: 0x1000n });
    const fields = load(toLua(pkg, { base: '/base "dir"' }));
    expect(fields.get('config.flash_drive.2.image_filename')).toBe(luaStringField('/tmp/a"b&c\'d'));
    expect(fields.get('config.ram.image_filename')).toBe(luaStringField(`/base "dir"/${ram.bundle.id}/linux-5.5.19-ctsi-2.bin`));
    expect(fields.get('config.rom.bootargs')).toContain(luaStringField('flash.1:-(x") os.exit(5) --)').slice(2));
  });

  it('writes a bundleless drive without image_filename and shared = false (§12.3)', () => {
    const lua = toLua(addFlashDrive(legacy(), { label: 'scratch', length: 0x1000n }));
    const fields = load(lua);
    expect(fields.has('config.flash_drive.2.image_filename')).toBe(false);
    expect(fields.get('config.flash_drive.2.shared')).toBe('false');
    expect(fields.get('config.flash_drive.2.length')).toBe('n:0x1000');
  });

  it('writes processor, htif and clint sections in carti\'s order', () => {
    const base = legacy();
    const pkg: CartiPackage = {
      ...base,
      machineConfig: {
        ...base.machineConfig,
        processor: { x: [1n, 0xffn], mtval: 2n, mtvec: 3n, pc: 0x1000n },
        htif: { tohost: 0n, fromhost: 0n, console_getchar: true, yield_progress: false, yield_rollup: true },
        clint: { mtimecmp: 5n },
      },
    };
    const lua = toLua(pkg);
    expect(lua.indexOf('processor')).toBeLessThan(lua.indexOf('ram ='));
    expect(lua).toContain('      x = {\n        0x1,\n        0xff,\n      },\n       mtvec = 0x3,\n       mtval = 0x2,\n       pc = 0x1000,\n');
    expect(lua.indexOf('htif')).toBeGreaterThan(lua.indexOf('rom ='));
    expect(lua.indexOf('clint')).toBeLessThan(lua.indexOf('flash_drive'));
    const fields = load(lua);
    expect(fields.get('config.processor.x.2')).toBe('n:0xff');
    expect(fields.get('config.htif.console_getchar')).toBe('true');
    expect(fields.get('config.clint.mtimecmp')).toBe('n:0x5');
  });

  it('refuses a cid without an asset instead of writing an empty path', () => {
    const base = legacy();
    const pkg = { ...base, assets: base.assets.slice(1) };
    expect(() => toLua(pkg)).toThrow(/has no entry in "assets"/);
  });

  it('refuses a package without rom', () => {
    expect(() => toLua(initPackage({ defaults: { ram, root } }))).toThrow(/needs a rom/);
  });
});

describe('bootargs exports', () => {
  it('decodes stored args in the legacy text form', () => {
    expect(legacyBootargs(setBoot(legacy(), 'echo \\"a\\"')).text).toBe('console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet mtdparts=flash.0:-(root) -- echo "a"');
  });

  it('gives the v0.21 pmem bootargs', () => {
    expect(v021Bootargs(initPackage({ defaults: { ram, root } }))).toBe('quiet earlycon=sbi console=hvc0 uio_pdrv_genirq.of_id=generic-uio root=/dev/pmem0 rw init=/usr/sbin/cartesi-init');
  });
});

describe('v0.21 exports', () => {
  const v021 = () => addFlashDrive(setBootText(initPackage({ defaults: { ram, root } }), 'echo "hi"'), { label: 'data', length: 2n << 20n });

  it('builds the machine model with entrypoint, placement and mount lines', () => {
    const { config } = toMachineConfig(v021(), { base: '/store' });
    expect(config.ram).toEqual({ length: 128n << 20n, image: `/store/${ram.bundle.id}/linux-5.5.19-ctsi-2.bin` });
    expect(config.dtb.entrypoint).toBe('echo "hi"');
    expect(config.dtb.init).toContain('flashdrive data');
    expect(config.flash_drive.map((d) => [d.label, d.start, d.backing_store.data_filename])).toEqual([
      ['root', 0x88000000n, `/store/${root.bundle.id}/rootfs.ext2`],
      ['data', 0x8c000000n, ''],
    ]);
  });

  it('writes JSON config through lib/machine', () => {
    const json = JSON.parse(toV021Json(toMachineConfig(v021()).config));
    expect(json.flash_drive[0].label).toBe('root');
    expect(json.dtb.entrypoint).toBe('echo "hi"');
  });

  it('builds a cartesi-machine command line with a quoted entrypoint', () => {
    const { argv, line } = toCartesiMachineCommand(v021(), { base: '/store' });
    expect(argv).toContain(`--flash-drive=label:root,data_filename:/store/${root.bundle.id}/rootfs.ext2,start:0x88000000,length:0x3c00000,truncate`);
    expect(argv).toContain('--flash-drive=label:data,start:0x8c000000,length:0x200000');
    expect(argv).toContain('--no-init-splash');
    expect(argv.slice(-2)).toEqual(['--', 'echo "hi"']);
    expect(line.startsWith('cartesi-machine ')).toBe(true);
    expect(line.endsWith(`-- 'echo "hi"'`)).toBe(true);
  });

  it('gives a command line that lib/machine parses back to the same drives', async () => {
    const { parseRunArgs } = await import('../machine/cli-args');
    const parsed = parseRunArgs(toCartesiMachineCommand(v021(), { base: '/store' }).argv);
    expect(parsed.flashDrives.map((d) => [d.label, d.start, d.length])).toEqual([['root', 0x88000000n, 0x3c00000n], ['data', 0x8c000000n, 2n << 20n]]);
    expect(parsed.entrypoint).toEqual(['echo "hi"']);
  });
});
