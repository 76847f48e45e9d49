/**
 * Kernel command lines: v0.21's (cartesi-machine.md §12.3, §15; carti-formats.md §7.2) and carti 1.7's
 * ROM-era `mtdparts` form (carti-formats.md §7.1).
 */
import { DEFAULT_BOOTARGS, ROM_ERA_BOOTARGS } from './constants';

export interface V021BootargsOptions {
  /** `--no-bootargs`: start from an empty string. */
  noBootargs?: boolean;
  /** `--no-root-flash-drive`: drop `root=…` and `init=…`. */
  noRootFlashDrive?: boolean;
  /** A root drive with `read_only`: the standalone `rw` becomes `ro`. */
  rootReadOnly?: boolean;
  /** `--append-bootargs` values, in order. */
  append?: readonly string[];
}

/** v0.21 bootargs as the CLI builds them from the default string. */
export function v021Bootargs(options: V021BootargsOptions = {}): string {
  let words = options.noBootargs ? [] : DEFAULT_BOOTARGS.split(' ');
  if (options.noRootFlashDrive) words = words.filter((word) => !word.startsWith('root=') && !word.startsWith('init='));
  if (options.rootReadOnly) words = words.map((word) => (word === 'rw' ? 'ro' : word));
  let bootargs = words.join(' ');
  // The CLI joins several --append-bootargs with spaces and then appends " " + that, even to an empty string.
  const append = (options.append ?? []).filter((text) => text !== '').join(' ');
  if (append !== '') bootargs += ` ${append}`;
  return bootargs;
}

export interface LegacyBootargsOptions {
  /** Drive labels in `flash_drive` array order (the index, not the start, numbers `flash.<i>`). */
  labels: readonly string[];
  /** `boot.args`: the command placed after `--`. */
  args: string;
  /** `boot.bootPrefix`: replaces the whole generated prefix when set. */
  bootPrefix?: string;
}

/**
 * carti 1.7's ROM-era `rom.bootargs`: prefix + ` -- ` + args, the prefix being the ROM-era default plus
 * ` mtdparts=flash.0:-(root);flash.1:-(data)…`. With no drives `mtdparts` is left out (as the emulator's
 * own CLI did; carti wrote an empty `mtdparts=`).
 */
export function legacyCartiBootargs(options: LegacyBootargsOptions): string {
  const prefix = options.bootPrefix ?? legacyPrefix(options.labels);
  return `${prefix} -- ${options.args}`;
}

function legacyPrefix(labels: readonly string[]): string {
  if (labels.length === 0) return ROM_ERA_BOOTARGS;
  const parts = labels.map((label, index) => `flash.${index}:-(${label})`);
  return `${ROM_ERA_BOOTARGS} mtdparts=${parts.join(';')}`;
}

export interface ParsedLegacyBootargs {
  /** Everything before the first ` -- ` (or the whole string when there is none). */
  prefix: string;
  /** Everything starting 3 characters after the first `--` (carti's own rule). */
  args: string;
  /** Labels of the `-(<label>)` groups, in the order they appear. */
  labels: string[];
}

/** Split ROM-era bootargs back into prefix, command and drive labels (carti-formats.md §7.1, reverse). */
export function parseLegacyBootargs(bootargs: string): ParsedLegacyBootargs {
  const dashes = bootargs.indexOf('--');
  const prefix = dashes < 0 ? bootargs : bootargs.slice(0, dashes).trimEnd();
  const args = dashes < 0 ? '' : bootargs.slice(dashes + 3);
  const labels = [...prefix.matchAll(/-\(([^)]*)\)/g)].map((match) => match[1]);
  return { prefix, args, labels };
}
