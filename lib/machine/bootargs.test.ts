import { describe, expect, it } from 'vitest';
import { legacyCartiBootargs, parseLegacyBootargs, v021Bootargs } from './bootargs';
import { DEFAULT_BOOTARGS } from './constants';

describe('v021Bootargs', () => {
  it('is the v0.21 default string by default', () => {
    expect(v021Bootargs()).toBe(
      'quiet earlycon=sbi console=hvc0 uio_pdrv_genirq.of_id=generic-uio root=/dev/pmem0 rw init=/usr/sbin/cartesi-init',
    );
  });

  it('turns the standalone rw into ro for a read-only root and leaves other words alone', () => {
    expect(v021Bootargs({ rootReadOnly: true })).toBe(DEFAULT_BOOTARGS.replace(' rw ', ' ro '));
  });

  it('drops root= and init= without a root flash drive', () => {
    expect(v021Bootargs({ noRootFlashDrive: true })).toBe('quiet earlycon=sbi console=hvc0 uio_pdrv_genirq.of_id=generic-uio rw');
  });

  it('appends every --append-bootargs after one space', () => {
    expect(v021Bootargs({ append: ['a=1', 'b'] })).toBe(`${DEFAULT_BOOTARGS} a=1 b`);
  });

  it('keeps the leading space the CLI writes after --no-bootargs', () => {
    expect(v021Bootargs({ noBootargs: true })).toBe('');
    expect(v021Bootargs({ noBootargs: true, append: ['console=hvc0'] })).toBe(' console=hvc0');
  });
});

describe('legacyCartiBootargs (carti 1.7)', () => {
  it('numbers mtdparts by array index and appends " -- " and the command', () => {
    expect(legacyCartiBootargs({ labels: ['root', 'data'], args: 'ls /mnt' })).toBe(
      'console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet mtdparts=flash.0:-(root);flash.1:-(data) -- ls /mnt',
    );
  });

  it('ends in "-- " with empty args', () => {
    expect(legacyCartiBootargs({ labels: ['root'], args: '' })).toMatch(/ -- $/);
  });

  it('leaves mtdparts out when there is no drive', () => {
    expect(legacyCartiBootargs({ labels: [], args: 'ls' })).toBe(
      'console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet -- ls',
    );
  });

  it('uses bootPrefix in place of the whole generated prefix', () => {
    expect(legacyCartiBootargs({ labels: ['root'], args: 'ls', bootPrefix: 'console=hvc0' })).toBe('console=hvc0 -- ls');
  });
});

describe('parseLegacyBootargs', () => {
  it('recovers prefix, command and labels of what legacyCartiBootargs wrote', () => {
    const text = legacyCartiBootargs({ labels: ['root', 'input-1'], args: 'sh -c "x -- y"' });
    expect(parseLegacyBootargs(text)).toEqual({
      prefix: 'console=hvc0 rootfstype=ext2 root=/dev/mtdblock0 rw quiet mtdparts=flash.0:-(root);flash.1:-(input-1)',
      args: 'sh -c "x -- y"',
      labels: ['root', 'input-1'],
    });
  });

  it('gives empty args when there is no --', () => {
    expect(parseLegacyBootargs('console=hvc0').args).toBe('');
  });
});
