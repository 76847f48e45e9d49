import { describe, expect, it } from 'vitest';
import { parseCliNumber } from './cli-number';
import { CartiError } from './errors';

describe('parseCliNumber', () => {
  it('reads decimal and 0x hex', () => {
    expect(parseCliNumber('4096', '--x')).toBe(4096n);
    expect(parseCliNumber('0x88000000', '--x')).toBe(0x88000000n);
    expect(parseCliNumber('0XfF', '--x')).toBe(255n);
  });

  it('applies Ki, Mi and Gi', () => {
    expect(parseCliNumber('128Mi', '--x')).toBe(128n << 20n);
    expect(parseCliNumber('4Ki', '--x')).toBe(4096n);
    expect(parseCliNumber('0x2Gi', '--x')).toBe(2n << 30n);
  });

  it('reads a<<b with or without spaces', () => {
    expect(parseCliNumber('1<<12', '--x')).toBe(4096n);
    expect(parseCliNumber('2 << 20', '--x')).toBe(2n << 20n);
  });

  it('is exact up to 2^64 - 1', () => {
    expect(parseCliNumber('18446744073709551615', '--x')).toBe((1n << 64n) - 1n);
    expect(parseCliNumber('1<<63', '--x')).toBe(1n << 63n);
  });

  it('names the flag and the value when rejecting', () => {
    for (const bad of ['', '-1', '12KB', '1.5', '0x', '1<<2<<3', 'abc', '18446744073709551616', '1<<64', '1<<99']) {
      try {
        parseCliNumber(bad, '--ram-length');
        expect.unreachable(bad);
      } catch (error) {
        expect(error, bad).toBeInstanceOf(CartiError);
        expect((error as CartiError).message.startsWith(`cartesi-machine arguments: --ram-length: ${JSON.stringify(bad)}`), bad).toBe(true);
      }
    }
  });
});
