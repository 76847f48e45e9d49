import { describe, expect, it } from 'vitest';
import { defaultMachineConfig, memoryRange } from './config';

describe('defaultMachineConfig', () => {
  it('is the CLI starting point: 128 MiB, v0.21 bootargs, no drives, HTIF 1/2/3', () => {
    const config = defaultMachineConfig();
    expect(config.ram).toEqual({ length: 128n << 20n, image: '' });
    expect(config.dtb.bootargs).toBe(
      'quiet earlycon=sbi console=hvc0 uio_pdrv_genirq.of_id=generic-uio root=/dev/pmem0 rw init=/usr/sbin/cartesi-init',
    );
    expect(config.dtb.init).toBe('');
    expect(config.dtb.entrypoint).toBe('');
    expect(config.flash_drive).toEqual([]);
    expect(config.nvram).toEqual([]);
    expect(config.htif).toEqual({ ihalt: 1n, iconsole: 2n, iyield: 3n });
    expect(config.processor).toBeUndefined();
  });

  it('returns independent objects', () => {
    const first = defaultMachineConfig();
    first.flash_drive.push(memoryRange({}));
    expect(defaultMachineConfig().flash_drive).toEqual([]);
  });
});

describe('memoryRange', () => {
  it('fills the CLI defaults around the given file', () => {
    expect(memoryRange({ label: 'data', length: 4096n, data_filename: 'd.ext2' })).toEqual({
      label: 'data', length: 4096n, read_only: false,
      backing_store: { data_filename: 'd.ext2', shared: false, truncate: false },
    });
  });

  it('lets a backing_store override the defaults', () => {
    expect(memoryRange({ backing_store: { data_filename: 'x', shared: true, truncate: true } }).backing_store).toEqual({
      data_filename: 'x', shared: true, truncate: true,
    });
  });
});
