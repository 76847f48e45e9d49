/**
 * HexNumber (carti-formats.md §4.2): a string `^0x[a-fA-F\d]+$` read as an unsigned 64-bit value and written
 * lower-case without padding (`0x4000000`), the style carti generates.
 */
import { CartiError } from './errors';

export const UINT64_MAX = (1n << 64n) - 1n;

export function parseHexNumber(value: unknown, input = 'value', location = '(value)'): bigint | CartiError {
  if (typeof value !== 'string') {
    return new CartiError('wrong-type', input, location, `expected a HexNumber string such as "0x4000000", got ${describe(value)}`);
  }
  if (!/^0x[0-9a-fA-F]+$/.test(value)) {
    return new CartiError('bad-hex', input, location, `"${value.slice(0, 40)}" is not a HexNumber (expected 0x followed by hex digits)`);
  }
  const parsed = BigInt(value);
  if (parsed > UINT64_MAX) {
    return new CartiError('hex-overflow', input, location, `${value.slice(0, 40)} is larger than 2^64 - 1`);
  }
  return parsed;
}

export function formatHex(value: bigint): string {
  return `0x${value.toString(16)}`;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string "${value.slice(0, 40)}"`;
  return `a ${typeof value}`;
}
