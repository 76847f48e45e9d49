import { describe, expect, it } from 'vitest';
import { defaultMachineConfig, memoryRange } from '../../lib/machine/config';
import { HTIF_CONSOLE_GETCHAR_MASK, HTIF_CONSOLE_PUTCHAR_MASK } from '../../lib/machine/constants';
import { planMachine } from './boot';
import { errorOf } from '../../lib/machine/error-of';

function configWithRoot(length?: bigint) {
  const config = defaultMachineConfig();
  config.ram = { length: 64n << 20n, image: 'linux.bin' };
  config.flash_drive = [memoryRange({ label: 'root', data_filename: 'rootfs.ext2', ...(length !== undefined ? { length } : {}) })];
  return config;
}

const images = { 'linux.bin': new Uint8Array(8192).fill(1), 'rootfs.ext2': new Uint8Array(4096).fill(2) };


describe('planMachine', () => {
  it('maps the RAM image and the drive images by the names the config uses', () => {
    const { spec } = planMachine(configWithRoot(), images);
    expect(spec.ramImage).toBe(images['linux.bin']);
    expect(spec.flashDrives[0].data).toBe(images['rootfs.ext2']);
    expect(spec.ramLength).toBe(64n << 20n);
  });

  it('gives a drive without a length the size of its image', () => {
    const { spec, config } = planMachine(configWithRoot(), images);
    expect(spec.flashDrives[0].length).toBe(4096n);
    expect(config.flash_drive[0].length).toBe(4096n);
  });

  it('places an automatic drive start after RAM rounded up to a power of two (v0.21)', () => {
    const { spec } = planMachine(configWithRoot(), images);
    expect(spec.flashDrives[0].start).toBe(0x80000000n + (64n << 20n));
  });

  it('builds a device tree blob (FDT magic d00dfeed)', () => {
    const { spec } = planMachine(configWithRoot(), images);
    expect(Array.from(spec.dtb!.subarray(0, 4))).toEqual([0xd0, 0x0d, 0xfe, 0xed]);
  });

  it('is interactive exactly when HTIF console getchar is enabled', () => {
    const config = configWithRoot();
    expect(planMachine(config, images).spec.interactive).toBe(false);
    config.htif.iconsole = HTIF_CONSOLE_PUTCHAR_MASK | HTIF_CONSOLE_GETCHAR_MASK;
    config.processor = { registers: { iunrep: 1n } }; // getchar needs an unreproducible machine (§9.1)
    expect(planMachine(config, images).spec.interactive).toBe(true);
  });

  it('does not change the config it was given', () => {
    const config = configWithRoot();
    planMachine(config, images);
    expect(config.flash_drive[0].start).toBeUndefined();
    expect(config.flash_drive[0].length).toBeUndefined();
  });

  it('refuses a config whose image was not given, naming the field and the image', () => {
    const error = errorOf(() => planMachine(configWithRoot(), { 'linux.bin': images['linux.bin'] }));
    expect(error.code).toBe('missing-image');
    expect(error.location).toBe('flash_drive[0].backing_store.data_filename');
    expect(error.message).toContain('"rootfs.ext2"');
  });

  it('refuses a drive image longer than the drive', () => {
    const error = errorOf(() => planMachine(configWithRoot(4096n), { ...images, 'rootfs.ext2': new Uint8Array(8192) }));
    expect(error.code).toBe('image-too-long');
    expect(error.location).toBe('flash_drive[0].length');
  });

  it('zero-fills a drive without an image when it has a length', () => {
    const config = configWithRoot();
    config.flash_drive.push(memoryRange({ label: 'output', length: 4096n }));
    const { spec } = planMachine(config, images);
    expect(spec.flashDrives[1].data).toBeUndefined();
    expect(spec.flashDrives[1].length).toBe(4096n);
  });
});
