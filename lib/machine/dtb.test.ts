import { describe, expect, it } from 'vitest';
import { buildDtb } from './dtb';
import { defaultMachineConfig, memoryRange, type MachineConfig } from './config';
import { initText } from './init-text';
import { CartiError } from './errors';
import { dtcToDts, readFixture, readFixtureText } from './test-support.node';

const MiB = 1n << 20n;

/** The machine of reference-v0.21.dts: --ram-length=128Mi, root 4 MiB and data 1 MiB, default init. */
function referenceConfig(): MachineConfig {
  const config = defaultMachineConfig();
  config.flash_drive = [
    memoryRange({ label: 'root', length: 4n * MiB, data_filename: 'rootfs.ext2' }),
    memoryRange({ label: 'data', length: 1n * MiB, data_filename: 'data.ext2' }),
  ];
  config.dtb.init = initText({
    splash: true,
    drives: [{ label: 'root', index: 0, mount: '/mnt/root' }, { label: 'data', index: 1, mount: '/mnt/data' }],
  });
  return config;
}

function header(blob: Uint8Array): number[] {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  return Array.from({ length: 10 }, (_, i) => view.getUint32(i * 4, false));
}

describe('reference fixture (checked independently of the writer)', () => {
  it('has exactly the header facts stated in the reference dts comment', () => {
    const blob = readFixture('reference-v0.21.dtb');
    expect(header(blob)).toEqual([0xd00dfeed, 0x19f8, 0x28, 0x18a8, 0x19e8, 17, 16, 0, 0x13a, 0x1880]);
    expect(blob.length).toBe(0x19f8);
  });

  it('ends with an all-zero memory-reservation block after the strings', () => {
    const blob = readFixture('reference-v0.21.dtb');
    expect(Array.from(blob.subarray(0x19e8, 0x19f8))).toEqual(new Array(16).fill(0));
  });

  it('decompiles with dtc to the same tree as the reference dts', () => {
    const fromBlob = dtcToDts(readFixture('reference-v0.21.dtb'), 'dtb');
    const fromSource = dtcToDts(readFixtureText('reference-v0.21.dts'), 'dts');
    expect(fromBlob).toBe(fromSource);
  });
});

describe('buildDtb', () => {
  it('reproduces the reference blob byte for byte', () => {
    expect(buildDtb(referenceConfig())).toEqual(readFixture('reference-v0.21.dtb'));
  });

  it('leaves /aliases out when there is no drive', () => {
    const dts = dtcToDts(buildDtb(defaultMachineConfig()), 'dtb');
    expect(dts).not.toContain('aliases');
    expect(dts).not.toContain('pmem@');
  });

  it('names an unlabelled drive only flashdrive<N> in /aliases', () => {
    const config = defaultMachineConfig();
    config.flash_drive = [memoryRange({ length: 2n * MiB })];
    const dts = dtcToDts(buildDtb(config), 'dtb');
    expect(dts).toContain('flashdrive0 = "/pmem@88000000";');
    expect(dts.match(/= "\/pmem@88000000"/g)).toHaveLength(1);
  });

  it('writes NVRAMs as generic-uio nodes with nvram<N> and label aliases after the drives', () => {
    const config = referenceConfig();
    config.flash_drive.push(memoryRange({ label: 'out', start: 0x90000000n, length: 4n * MiB }));
    config.nvram = [memoryRange({ label: 'state', length: 4096n })];
    const dts = dtcToDts(buildDtb(config), 'dtb');
    expect(dts).toContain('uio@88500000 {\n\t\tcompatible = "generic-uio";\n\t\treg = <0x00 0x88500000 0x00 0x1000>;');
    expect(dts).toMatch(/out = "\/pmem@90000000";\n\t\tnvram0 = "\/uio@88500000";\n\t\tstate = "\/uio@88500000";/);
  });

  it('writes only the enabled yield kinds and no /yield node when both are off', () => {
    const config = defaultMachineConfig();
    config.htif.iyield = 2n;
    expect(dtcToDts(buildDtb(config), 'dtb')).toMatch(/yield \{\n\t\tcompatible = "ctsi-yield";\n\t\tmanual;\n\t\};/);
    config.htif.iyield = 0n;
    expect(dtcToDts(buildDtb(config), 'dtb')).not.toContain('ctsi-yield');
  });

  it('writes the RAM length in /memory and an empty entrypoint as a zero-length property', () => {
    const config = defaultMachineConfig();
    config.ram.length = 0x40000000n;
    const dts = dtcToDts(buildDtb(config), 'dtb');
    expect(dts).toContain('reg = <0x00 0x80000000 0x00 0x40000000>;');
    expect(dts).toContain('entrypoint;');
  });

  it('writes the entrypoint text without a terminating NUL', () => {
    const config = defaultMachineConfig();
    config.dtb.entrypoint = 'ls';
    expect(dtcToDts(buildDtb(config), 'dtb')).toContain('entrypoint = [6c 73];');
  });

  it('refuses a drive whose length is not known yet, naming it', () => {
    const config = defaultMachineConfig();
    config.flash_drive = [memoryRange({ label: 'root', start: 0x88000000n })];
    expect(() => buildDtb(config)).toThrowError(CartiError);
    expect(() => buildDtb(config)).toThrowError(/flash_drive\[0\]\.length/);
  });
});
