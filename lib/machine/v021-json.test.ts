import { describe, expect, it } from 'vitest';
import { defaultMachineConfig, memoryRange, toV021Json } from './config';
import { fromV021Json } from './v021-json';
import { parseExact } from './json-exact';
import { CartiError } from './errors';

const MiB = 1n << 20n;

function referenceLike() {
  const config = defaultMachineConfig();
  config.ram.image = '/images/linux.bin';
  config.flash_drive = [
    memoryRange({ label: 'root', length: 4n * MiB, data_filename: '/images/rootfs.ext2' }),
    memoryRange({ label: 'data', length: 1n * MiB, data_filename: 'data.ext2', backing_store: { data_filename: 'data.ext2', shared: true, truncate: false } }),
  ];
  return config;
}

describe('toV021Json', () => {
  it('writes the v0.21 shape with automatic starts resolved', () => {
    const json = parseExact(toV021Json(referenceLike()), 't') as Record<string, any>;
    expect(json.ram).toEqual({ length: 128n * MiB, backing_store: { data_filename: '/images/linux.bin' } });
    expect(json.flash_drive[0]).toEqual({
      label: 'root', start: 0x88000000n, length: 4n * MiB, read_only: false,
      backing_store: { data_filename: '/images/rootfs.ext2', shared: false, truncate: false },
    });
    expect(json.flash_drive[1].start).toBe(0x88400000n);
    expect(json.flash_drive[1].backing_store.shared).toBe(true);
    expect(json.processor.registers.htif).toEqual({ ihalt: 1n, iconsole: 2n, iyield: 3n });
    expect(json.dtb.bootargs).toContain('root=/dev/pmem0');
  });

  it('writes values above 2^53 as exact integers', () => {
    const config = defaultMachineConfig();
    config.processor = { registers: { imcyclemax: (1n << 64n) - 1n, mcycle: (1n << 53n) + 1n } };
    const text = toV021Json(config);
    expect(text).toContain('"imcyclemax": 18446744073709551615');
    expect(text).toContain('"mcycle": 9007199254740993');
  });

  it('writes an unknown length as 2^64 - 1 and leaves an unplaceable start to the emulator', () => {
    const config = defaultMachineConfig();
    config.flash_drive = [memoryRange({ label: 'root', data_filename: 'rootfs.ext2' })];
    const json = parseExact(toV021Json(config), 't') as Record<string, any>;
    expect(json.flash_drive[0].length).toBe((1n << 64n) - 1n);
    expect('start' in json.flash_drive[0]).toBe(false);
  });

  it('is JSON that JSON.parse accepts', () => {
    expect(() => JSON.parse(toV021Json(referenceLike()))).not.toThrow();
  });
});

describe('fromV021Json', () => {
  it('reads back what toV021Json wrote', () => {
    const config = referenceLike();
    config.processor = { registers: { mcycle: (1n << 60n) + 1n } };
    config.nvram = [memoryRange({ label: 'state', length: 4096n })];
    const back = fromV021Json(toV021Json(config));
    expect(back.flash_drive.map((d) => [d.label, d.start, d.length])).toEqual([
      ['root', 0x88000000n, 4n * MiB],
      ['data', 0x88400000n, 1n * MiB],
    ]);
    expect(back.nvram[0].start).toBe(0x88500000n);
    expect(back.processor?.registers.mcycle).toBe((1n << 60n) + 1n);
    expect(back.dtb).toEqual(config.dtb);
    expect(back.htif).toEqual(config.htif);
    expect(back.ram).toEqual(config.ram);
  });

  it('keeps the defaults for keys the file omits', () => {
    expect(fromV021Json('{}')).toEqual(defaultMachineConfig());
  });

  it('rejects a non-integer length with its path', () => {
    expect(() => fromV021Json('{"flash_drive": [{"length": 4096.5}]}')).toThrowError(/\$\.flash_drive\[0\]\.length: 4096\.5 is not an integer/);
  });

  it('rejects wrong types with their path', () => {
    expect(() => fromV021Json('{"flash_drive": [{"label": 7}]}')).toThrowError(/flash_drive\[0\]\.label: expected a string/);
    expect(() => fromV021Json('{"ram": {"length": "0x1000"}}')).toThrowError(/ram\.length: expected an integer/);
    expect(() => fromV021Json('{"flash_drive": {}}')).toThrowError(CartiError);
  });

  it('rejects values outside 64 bits but reads -1 as all ones', () => {
    expect(() => fromV021Json('{"ram": {"length": 18446744073709551616}}')).toThrowError(/not an unsigned 64-bit value/);
    expect(fromV021Json('{"processor": {"registers": {"marchid": -1}}}').processor?.registers.marchid).toBe((1n << 64n) - 1n);
  });
});
