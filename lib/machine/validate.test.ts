import { describe, expect, it } from 'vitest';
import { defaultMachineConfig, memoryRange, validateMachineConfig, type MachineConfig } from './config';
import { CartiError } from './errors';

const MiB = 1n << 20n;

function withDrives(...drives: Parameters<typeof memoryRange>[0][]): MachineConfig {
  const config = defaultMachineConfig();
  config.flash_drive = drives.map(memoryRange);
  return config;
}

const codes = (config: MachineConfig): string[] => validateMachineConfig(config).map((issue) => issue.code);
const find = (config: MachineConfig, code: string): CartiError | undefined =>
  validateMachineConfig(config).find((issue) => issue.code === code);

describe('validateMachineConfig', () => {
  it('accepts the reference machine (128 MiB RAM, root 4 MiB, data 2 MiB)', () => {
    expect(validateMachineConfig(withDrives({ label: 'root', length: 4n * MiB }, { label: 'data', length: 2n * MiB }))).toEqual([]);
  });

  it('reports a ninth flash drive', () => {
    const config = withDrives(...Array.from({ length: 9 }, (_, i) => ({ label: `d${i}`, length: 2n * MiB })));
    const issue = find(config, 'too-many-drives');
    expect(issue?.location).toBe('flash_drive');
    expect(issue?.message).toMatch(/^machine config: flash_drive: 9 flash drives; at most 8/);
  });

  it('reports start and length that are not multiples of 4 KiB, with their paths', () => {
    const config = withDrives({ label: 'a', start: 0x90000800n, length: 2n * MiB + 1n });
    const paths = validateMachineConfig(config).filter((i) => i.code === 'not-page-aligned').map((i) => i.location);
    expect(paths).toEqual(['flash_drive[0].length', 'flash_drive[0].start']);
  });

  it('reports a start not aligned to the power-of-two-rounded length', () => {
    const issue = find(withDrives({ label: 'a', start: 0x90200000n, length: 3n * MiB }), 'misaligned-start');
    expect(issue?.location).toBe('flash_drive[0].start');
    expect(issue?.reason).toContain('0x400000');
  });

  it('reports the explicit-then-automatic overlap that v0.21.0 rejected', () => {
    const config = withDrives({ label: 'a', start: 0x88000000n, length: 4n * MiB }, { label: 'b', length: 4n * MiB });
    const issue = find(config, 'overlap');
    expect(issue?.location).toBe('flash_drive[1].start');
    expect(issue?.reason).toMatch(/flash drive 1 at 0x88000000 .* overlaps flash drive 0 at 0x88000000/);
  });

  it('reports overlaps that exist only after rounding lengths up', () => {
    // 0x88000000 + 3 MiB ends at 0x88300000, but rounded to 4 MiB it covers 0x88300000.
    const config = withDrives({ label: 'a', start: 0x88000000n, length: 3n * MiB }, { label: 'b', start: 0x88300000n, length: 1n * MiB });
    expect(find(config, 'overlap')?.location).toBe('flash_drive[1].start');
  });

  it('reports drives over RAM, the DTB and devices', () => {
    const config = withDrives(
      { label: 'a', start: 0x80000000n, length: 2n * MiB },
      { label: 'b', start: 0x7fe00000n, length: 2n * MiB },
      { label: 'c', start: 0x40000000n, length: 1n << 30n },
    );
    const reasons = validateMachineConfig(config).filter((i) => i.code === 'overlap').map((i) => i.reason);
    expect(reasons.some((r) => r.includes('overlaps RAM'))).toBe(true);
    expect(reasons.some((r) => r.includes('overlaps the DTB'))).toBe(true);
    expect(reasons.some((r) => r.includes('overlaps the HTIF'))).toBe(true);
    expect(reasons.some((r) => r.includes('overlaps the PLIC'))).toBe(true);
  });

  it('reports a range beyond 2^56 (the ROM-era 2^63 starts)', () => {
    const issue = find(withDrives({ label: 'a', start: 0x8000000000000000n, length: 2n * MiB }), 'beyond-addressable');
    expect(issue?.location).toBe('flash_drive[0].start');
  });

  it('reports RAM above 2 GiB', () => {
    const config = defaultMachineConfig();
    config.ram.length = (2n << 30n) + 4096n;
    expect(find(config, 'ram-too-large')?.location).toBe('ram.length');
  });

  it('reports bad labels and says why', () => {
    for (const label of ['Root', '1data', '', 'a_b', 'a'.repeat(32), 'da ta']) {
      const issue = find(withDrives({ label, length: 2n * MiB }), 'bad-label');
      expect(issue?.location, label).toBe('flash_drive[0].label');
    }
    expect(find(withDrives({ label: 'a'.repeat(31), length: 2n * MiB }), 'bad-label')).toBeUndefined();
  });

  it('reports duplicate labels, including a label that takes another drive automatic name', () => {
    expect(find(withDrives({ label: 'x', length: 2n * MiB }, { label: 'x', length: 2n * MiB }), 'duplicate-label')?.location).toBe(
      'flash_drive[1].label',
    );
    expect(find(withDrives({ length: 2n * MiB }, { label: 'flashdrive0', length: 2n * MiB }), 'duplicate-label')?.reason).toContain(
      'flash_drive[0]',
    );
  });

  it('reports the Linux pmem 2 MiB rule as a warning, not an error', () => {
    const issue = find(withDrives({ label: 'a', length: 1n * MiB }), 'pmem-alignment');
    expect(issue?.severity).toBe('warning');
    expect(validateMachineConfig(withDrives({ label: 'a', length: 1n * MiB })).every((i) => i.severity === 'warning')).toBe(true);
  });

  it('reports bootargs longer than 4096 characters', () => {
    const config = defaultMachineConfig();
    config.dtb.bootargs = 'x'.repeat(4097);
    expect(find(config, 'bootargs-too-long')?.location).toBe('dtb.bootargs');
  });

  it('reports values that do not fit in 64 bits', () => {
    const config = withDrives({ label: 'a', start: 1n << 64n, length: 2n * MiB });
    expect(find(config, 'not-uint64')?.location).toBe('flash_drive[0].start');
  });

  it('reports negative numbers without throwing', () => {
    const config = withDrives({ label: 'a', length: -4096n });
    config.ram.length = -1n;
    expect(validateMachineConfig(config).map((i) => i.location)).toEqual(['ram.length', 'flash_drive[0].length']);
  });

  it('reports console getchar in a reproducible machine', () => {
    const config = defaultMachineConfig();
    config.htif.iconsole = 3n;
    expect(codes(config)).toContain('getchar-needs-unreproducible');
    config.processor = { registers: { iunrep: 1n } };
    expect(codes(config)).not.toContain('getchar-needs-unreproducible');
  });

  it('warns that automatic placement waits for an unknown length', () => {
    const config = withDrives({ label: 'root' }, { label: 'data', length: 2n * MiB });
    const issues = validateMachineConfig(config).filter((i) => i.code === 'start-unknown');
    expect(issues.map((i) => [i.location, i.severity])).toEqual([
      ['flash_drive[0].start', 'warning'],
      ['flash_drive[1].start', 'warning'],
    ]);
  });

  it('reports every problem at once', () => {
    const config = withDrives({ label: 'BAD', start: 0x123n, length: 0n }, { label: 'BAD', length: 2n * MiB });
    config.dtb.bootargs = 'y'.repeat(5000);
    expect(new Set(codes(config))).toEqual(new Set(['bad-label', 'length-zero', 'not-page-aligned', 'bootargs-too-long']));
  });
});
