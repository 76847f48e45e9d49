/**
 * Numbers in cartesi-machine flags (cartesi-machine.md §15): decimal or `0x` hex, optionally with a
 * `Ki`/`Mi`/`Gi` multiplier, or `a<<b`. Results are exact unsigned 64-bit `bigint`s.
 */
import { CartiError } from './errors';
import { UINT64_MAX } from './constants';

const MULTIPLIERS: Record<string, bigint> = { '': 1n, Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n };
const TERM = /^(0[xX][0-9a-fA-F]+|[0-9]+)(Ki|Mi|Gi)?$/;

/** Parse `text` given to `flag` (the flag name appears in the error), e.g. `parseCliNumber('2<<20', '--ram-length')`. */
export function parseCliNumber(text: string, flag: string): bigint {
  const fail = (reason: string): never => {
    throw new CartiError('bad-number', 'cartesi-machine arguments', flag, `${JSON.stringify(text)}: ${reason}`);
  };
  const parts = text.split('<<').map((part) => part.trim());
  if (parts.length > 2) fail('more than one <<');
  const [base, shift] = parts.map((part) => parseTerm(part) ?? fail('not a number (decimal, 0x hex, Ki/Mi/Gi suffix or a<<b)'));
  if (shift !== undefined && shift > 64n) fail('shift count above 64');
  const value = shift === undefined ? base : base << shift;
  if (value > UINT64_MAX) fail('above 2^64 - 1');
  return value;
}

function parseTerm(text: string): bigint | undefined {
  const match = TERM.exec(text);
  if (!match) return undefined;
  return BigInt(match[1]) * MULTIPLIERS[match[2] ?? ''];
}
