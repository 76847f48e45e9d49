/**
 * The composer's live rules: every rule of lib/carti's `validatePackage` (carti-formats.md §4.3,
 * cartesi-machine.md §8) plus what booting in this app needs — a root drive, a RAM image that fits in RAM,
 * RAM plus drives within one wasm memory, a v0.21 target — each attached to the slot it concerns so the UI
 * shows it there. Sizes come from the caller (asset store, HEAD requests); an unknown size is not an error.
 */
import { CartiError } from '../carti/errors';
import { validatePackage } from '../carti/package';
import { readOnlyLabels, targetOf } from '../carti/studio-metadata';
import type { CartiPackage } from '../carti/types';
import { ROOT_LABEL } from '../machine/constants';
import { formatSize } from './units';

/**
 * What one wasm memory can hold for guest RAM and drives: wasm32 memories stop at 4 GiB, and the emulator
 * needs room for its own state and the DTB (spec browser-emulation.md, memory limits). 3.5 GiB leaves that room.
 */
export const WASM_GUEST_BUDGET_BYTES = 7n << 29n;

const INPUT = 'composer draft';

/** Where a problem is shown: the RAM, ROM or boot slot, one drive by index, the drive list, or the package. */
export type SlotKey = 'ram' | 'rom' | 'boot' | 'drives' | 'package' | `drive:${number}`;

export interface SlotProblem {
  readonly slot: SlotKey;
  readonly problem: CartiError;
}

export interface CheckOptions {
  /** Known file sizes by bundle id. */
  readonly sizes?: ReadonlyMap<string, bigint>;
}

/** The slot a JSON path such as `machineConfig.flash_drive[2].label` belongs to. */
export function slotOfLocation(location: string): SlotKey {
  const drive = /^machineConfig\.flash_drive\[(\d+)\]/.exec(location);
  if (drive) return `drive:${Number(drive[1])}`;
  if (location.startsWith('machineConfig.flash_drive')) return 'drives';
  if (location.startsWith('machineConfig.ram')) return 'ram';
  if (location.startsWith('machineConfig.rom')) return 'rom';
  if (location.startsWith('machineConfig.boot')) return 'boot';
  return 'package';
}

export function checkDraft(pkg: CartiPackage, options: CheckOptions = {}): SlotProblem[] {
  const sizes = options.sizes ?? new Map<string, bigint>();
  const problems: CartiError[] = validatePackage(pkg, { input: INPUT, fileSizes: sizes });
  const config = pkg.machineConfig;
  const error = (code: string, location: string, reason: string) => problems.push(new CartiError(code, INPUT, location, reason));

  if (targetOf(pkg) === 'legacy') {
    error('legacy-only', 'machineConfig.rom', 'a ROM-era (legacy) machine cannot boot on the v0.21 emulator: convert it first');
  }
  if (!config.flash_drive.some((drive) => drive.label === ROOT_LABEL)) {
    error('missing-field', 'machineConfig.flash_drive', 'no drive is labelled "root": the kernel has no root filesystem to start (drop a flashdrive bundle on the root slot)');
  }
  const ramImageSize = config.ram.cid === '' ? undefined : sizes.get(config.ram.cid);
  if (ramImageSize !== undefined && ramImageSize > config.ram.length) {
    error('too-large', 'machineConfig.ram.length', `the RAM image (${formatSize(ramImageSize)}) is larger than the RAM (${formatSize(config.ram.length)})`);
  }
  const readOnly = readOnlyLabels(pkg);
  config.flash_drive.forEach((drive, index) => {
    if (!readOnly.has(drive.label)) return;
    const at = `machineConfig.flash_drive[${index}]`;
    if (drive.cid === undefined) problems.push(new CartiError('read-only-empty', INPUT, at, 'a read-only drive without a bundle only ever holds zeros', 'warning'));
    else if (drive.shared) problems.push(new CartiError('read-only-shared', INPUT, at, 'a read-only drive is never written, so sharing it changes nothing', 'warning'));
  });
  const total = config.flash_drive.reduce((sum, drive) => sum + drive.length, config.ram.length);
  if (total > WASM_GUEST_BUDGET_BYTES) {
    error('too-large', 'machineConfig.flash_drive', `RAM plus drives is ${formatSize(total)}, more than the ${formatSize(WASM_GUEST_BUDGET_BYTES)} one wasm memory can hold in the browser`);
  }
  return problems.map((problem) => ({ slot: slotOfLocation(problem.location), problem }));
}

export function problemsFor(problems: readonly SlotProblem[], slot: SlotKey): CartiError[] {
  return problems.filter((entry) => entry.slot === slot).map((entry) => entry.problem);
}

/** Why Boot is disabled (the first error), or undefined when the draft can boot. Warnings never block. */
export function bootBlocker(problems: readonly SlotProblem[]): string | undefined {
  const first = problems.find((entry) => entry.problem.severity === 'error');
  return first ? `${first.problem.location}: ${first.problem.reason}` : undefined;
}

/** Bundle ids in the draft whose size is not known yet (the UI says "size unknown" and asks for it). */
export function unknownSizeIds(pkg: CartiPackage, sizes: ReadonlyMap<string, bigint>): string[] {
  const ids = [pkg.machineConfig.ram.cid, ...pkg.machineConfig.flash_drive.map((drive) => drive.cid ?? '')];
  return [...new Set(ids.filter((id) => id !== '' && !sizes.has(id)))];
}
