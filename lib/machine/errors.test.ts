import { describe, expect, it } from 'vitest';
import { CartiError } from './errors';

describe('CartiError', () => {
  it('names the input, the place and the reason in its message', () => {
    const error = new CartiError('overlap', 'machine config', 'flash_drive[1].start', 'overlaps flash drive 0');
    expect(error.message).toBe('machine config: flash_drive[1].start: overlaps flash drive 0');
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.input, error.location, error.reason, error.severity]).toEqual([
      'overlap', 'machine config', 'flash_drive[1].start', 'overlaps flash drive 0', 'error',
    ]);
  });

  it('carries a warning severity when asked', () => {
    expect(new CartiError('pmem-alignment', 'c', 'p', 'r', 'warning').severity).toBe('warning');
  });
});
