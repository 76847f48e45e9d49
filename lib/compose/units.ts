/**
 * Byte sizes as people type them in the composer: a number and a binary unit (KiB, MiB, GiB). RAM and drive
 * lengths are stored as exact byte counts (`bigint`, carti-formats.md §4.2 HexNumbers); fractional input such
 * as "1.5 GiB" is accepted when it names a whole number of bytes.
 */
export type SizeUnit = 'KiB' | 'MiB' | 'GiB';

export const SIZE_UNITS: readonly SizeUnit[] = ['KiB', 'MiB', 'GiB'];

const UNIT_BYTES: Record<SizeUnit, bigint> = { KiB: 1n << 10n, MiB: 1n << 20n, GiB: 1n << 30n };

export function unitBytes(unit: SizeUnit): bigint {
  return UNIT_BYTES[unit];
}

/** `"64"` + `MiB` → 67108864n; undefined when the text is not a non-negative decimal naming whole bytes. */
export function parseSize(text: string, unit: SizeUnit): bigint | undefined {
  const match = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return undefined;
  const whole = BigInt(match[1]!);
  const fraction = match[2] ?? '';
  const scale = 10n ** BigInt(fraction.length);
  const numerator = (whole * scale + (fraction === '' ? 0n : BigInt(fraction))) * UNIT_BYTES[unit];
  return numerator % scale === 0n ? numerator / scale : undefined;
}

/** The largest unit in which `bytes` is a whole number (falls back to KiB, then bytes as KiB fractions). */
export function bestUnit(bytes: bigint): SizeUnit {
  for (const unit of ['GiB', 'MiB'] as const) if (bytes >= UNIT_BYTES[unit] && bytes % UNIT_BYTES[unit] === 0n) return unit;
  return bytes >= UNIT_BYTES.MiB && bytes % (UNIT_BYTES.MiB / 1024n) === 0n ? 'MiB' : 'KiB';
}

/** `bytes` written in `unit`, exactly (up to three decimals, trailing zeros dropped). */
export function formatInUnit(bytes: bigint, unit: SizeUnit): string {
  const size = UNIT_BYTES[unit];
  const whole = bytes / size;
  const rest = bytes % size;
  if (rest === 0n) return whole.toString();
  const thousandths = (rest * 1000n + size / 2n) / size;
  return `${whole}.${thousandths.toString().padStart(3, '0')}`.replace(/0+$/, '').replace(/\.$/, '');
}

/** "128 MiB", "1.5 GiB", "44 B": for labels and summaries. */
export function formatSize(bytes: bigint): string {
  if (bytes < 1024n) return `${bytes} B`;
  const unit = bytes >= UNIT_BYTES.GiB ? 'GiB' : bytes >= UNIT_BYTES.MiB ? 'MiB' : 'KiB';
  return `${formatInUnit(bytes, unit)} ${unit}`;
}
