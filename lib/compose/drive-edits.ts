/**
 * Composer edits that lib/carti's package operations do not cover: editing a drive in place (label, shared,
 * length), reordering drives, RAM length alone, and re-placing v0.21 drives after such edits. Pure: each
 * returns a new package or throws a `CartiError`. Drives are addressed by index here because the composer
 * lets a label be edited (and be briefly duplicated: the live rules report it).
 */
import { CartiError } from '../carti/errors';
import { formatHex } from '../carti/hex';
import { addFlashDrive, collectGarbageAssets, setRam, type BundleRef } from '../carti/package-ops';
import { readOnlyLabels, targetOf, withReadOnlyLabels } from '../carti/studio-metadata';
import type { Bundle, CartiPackage, FlashDrive } from '../carti/types';
import { adjustStarts } from '../machine/placement';
import { LABEL_PATTERN, MAX_FLASH_DRIVES, PMEM_ALIGNMENT, ROOT_LABEL } from '../machine/constants';

const INPUT = 'machine package';
const PAGE = 4096n;

function driveAt(pkg: CartiPackage, index: number): FlashDrive {
  const drive = pkg.machineConfig.flash_drive[index];
  if (!drive) throw new CartiError('not-found', INPUT, `machineConfig.flash_drive[${index}]`, 'no drive at this position');
  return drive;
}

/** The new drive list; read-only marks (by label) of drives that are gone are dropped, the others re-ordered. */
function withDrives(pkg: CartiPackage, flash_drive: readonly FlashDrive[]): CartiPackage {
  const next = collectGarbageAssets({ ...pkg, machineConfig: { ...pkg.machineConfig, flash_drive } });
  const readOnly = readOnlyLabels(pkg);
  return readOnly.size > 0 ? withReadOnlyLabels(next, readOnly) : next;
}

/**
 * v0.21: every drive placed again, in array order, as the emulator's automatic placement would
 * (cartesi-machine.md §8 `adjust_starts`), so reordering or resizing never leaves overlaps or misalignment.
 * Legacy packages keep their starts (carti's rule, carti-formats.md §5).
 */
export function replaceDrives(pkg: CartiPackage): CartiPackage {
  if (targetOf(pkg) !== 'v0.21') return pkg;
  const drives = pkg.machineConfig.flash_drive;
  const { flashDriveStarts } = adjustStarts({ ramLength: pkg.machineConfig.ram.length, flashDrives: drives.map((drive) => ({ length: drive.length })) });
  if (drives.every((drive, index) => drive.start === flashDriveStarts[index])) return pkg;
  return withDrives(pkg, drives.map((drive, index) => ({ ...drive, start: flashDriveStarts[index]! })));
}

/** A new label; the drive keeps its read-only mark (it is recorded by label). */
export function renameDrive(pkg: CartiPackage, index: number, label: string): CartiPackage {
  const drive = driveAt(pkg, index);
  const readOnly = new Set(readOnlyLabels(pkg));
  const renamed = withDrives(pkg, pkg.machineConfig.flash_drive.map((old, i) => (i === index ? { ...drive, label } : old)));
  if (!readOnly.delete(drive.label)) return renamed;
  readOnly.add(label);
  return withReadOnlyLabels(renamed, readOnly);
}

/**
 * Map the drive without write permission (recorded in `metadata.cartiStudio.readOnlyDrives`, which
 * lib/carti's exports turn into `read_only`, an `ro` mount, and `ro` in the bootargs for root).
 */
export function setDriveReadOnly(pkg: CartiPackage, index: number, readOnly: boolean): CartiPackage {
  const drive = driveAt(pkg, index);
  const labels = new Set(readOnlyLabels(pkg));
  if (readOnly) labels.add(drive.label);
  else labels.delete(drive.label);
  return withReadOnlyLabels(pkg, labels);
}

export function setDriveShared(pkg: CartiPackage, index: number, shared: boolean): CartiPackage {
  const drive = driveAt(pkg, index);
  return withDrives(pkg, pkg.machineConfig.flash_drive.map((old, i) => (i === index ? { ...drive, shared } : old)));
}

export function setDriveLength(pkg: CartiPackage, index: number, length: bigint): CartiPackage {
  const drive = driveAt(pkg, index);
  if (length <= 0n || length % PAGE !== 0n) {
    throw new CartiError('bad-alignment', INPUT, `machineConfig.flash_drive[${index}].length`, `${formatHex(length)} is not a positive multiple of 4096`);
  }
  return replaceDrives(withDrives(pkg, pkg.machineConfig.flash_drive.map((old, i) => (i === index ? { ...drive, length } : old))));
}

/** Move a drive from one position to another (pmem numbering follows the order, carti-formats.md §7.2). */
export function moveDrive(pkg: CartiPackage, from: number, to: number): CartiPackage {
  const drives = [...pkg.machineConfig.flash_drive];
  driveAt(pkg, from);
  if (to < 0 || to >= drives.length || to === from) return pkg;
  const [moved] = drives.splice(from, 1);
  drives.splice(to, 0, moved!);
  return replaceDrives(withDrives(pkg, drives));
}

export function removeDriveAt(pkg: CartiPackage, index: number): CartiPackage {
  driveAt(pkg, index);
  return replaceDrives(withDrives(pkg, pkg.machineConfig.flash_drive.filter((_, i) => i !== index)));
}

/** RAM length alone (the image stays); v0.21 drives after RAM move if the larger RAM now covers them. */
export function setRamLength(pkg: CartiPackage, length: bigint): CartiPackage {
  if (length <= 0n || length % PAGE !== 0n) {
    throw new CartiError('bad-alignment', INPUT, 'machineConfig.ram.length', `${formatHex(length)} is not a positive multiple of 4096`);
  }
  return replaceDrives({ ...pkg, machineConfig: { ...pkg.machineConfig, ram: { ...pkg.machineConfig.ram, length } } });
}

/** A v0.21 label from a bundle name (cartesi-machine.md §8: lower-case letters, digits, `-`, ≤ 31, letter first). */
export function labelFromName(name: string): string {
  let label = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
  if (label === '') label = 'drive';
  return label.slice(0, 31).replace(/-+$/, '');
}

/** `base`, else `base-2`, `base-3`… (kept within 31 characters) so the label is unused. */
export function uniqueLabel(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

function refOf(bundle: Pick<Bundle, 'name' | 'fileName' | 'id'>, sizeBytes: bigint | undefined): BundleRef {
  return { bundle: { name: bundle.name, fileName: bundle.fileName, id: bundle.id }, ...(sizeBytes !== undefined ? { sizeBytes } : {}) };
}

/**
 * Length for a bundle whose size may be unknown (listings carry no sizes, carti-formats.md §3.1): the size
 * rounded up to 2 MiB for Linux pmem, or 2 MiB until it is known (the rules re-check once it is).
 */
export function driveLengthFor(sizeBytes: bigint | undefined): bigint {
  if (sizeBytes === undefined || sizeBytes === 0n) return PMEM_ALIGNMENT;
  return ((sizeBytes + PMEM_ALIGNMENT - 1n) / PMEM_ALIGNMENT) * PMEM_ALIGNMENT;
}

/** Drop a bundle on the root slot: it becomes (or replaces) the drive labelled `root`, at index 0. */
export function setRootBundle(pkg: CartiPackage, bundle: Pick<Bundle, 'name' | 'fileName' | 'id'>, sizeBytes?: bigint): CartiPackage {
  const exists = pkg.machineConfig.flash_drive.some((drive) => drive.label === ROOT_LABEL);
  if (!exists) checkRoom(pkg);
  const next = addFlashDrive(pkg, { label: ROOT_LABEL, bundle: refOf(bundle, sizeBytes), length: driveLengthFor(sizeBytes), replace: true });
  return replaceDrives(next);
}

/** Drop a bundle on the drive list: a new drive labelled after the bundle. */
export function addBundleDrive(pkg: CartiPackage, bundle: Pick<Bundle, 'name' | 'fileName' | 'id'>, sizeBytes?: bigint): CartiPackage {
  checkRoom(pkg);
  const taken = pkg.machineConfig.flash_drive.map((drive) => drive.label);
  const label = uniqueLabel(labelFromName(bundle.name), [...taken, ROOT_LABEL]);
  return replaceDrives(addFlashDrive(pkg, { label, bundle: refOf(bundle, sizeBytes), length: driveLengthFor(sizeBytes) }));
}

/** Drop a bundle on an existing drive: it backs that drive instead (label, length rule and shared kept). */
export function replaceDriveBundle(pkg: CartiPackage, index: number, bundle: Pick<Bundle, 'name' | 'fileName' | 'id'>, sizeBytes?: bigint): CartiPackage {
  const drive = driveAt(pkg, index);
  const length = sizeBytes !== undefined && sizeBytes > drive.length ? driveLengthFor(sizeBytes) : drive.length;
  const assets = pkg.assets.some((asset) => asset.cid === bundle.id) ? pkg.assets : [...pkg.assets, { name: bundle.name, fileName: bundle.fileName, cid: bundle.id }];
  const { resolvedPath: _old, ...kept } = drive;
  const flash_drive = pkg.machineConfig.flash_drive.map((old, i) => (i === index ? { ...kept, cid: bundle.id, length } : old));
  return replaceDrives(collectGarbageAssets({ ...pkg, assets, machineConfig: { ...pkg.machineConfig, flash_drive } }));
}

/** A drive with no bundle (zero-filled at boot): a scratch or output drive of a chosen size. */
export function addEmptyDrive(pkg: CartiPackage, label: string, length: bigint, shared = false): CartiPackage {
  checkRoom(pkg);
  if (!LABEL_PATTERN.test(label)) {
    throw new CartiError('bad-label', INPUT, 'machineConfig.flash_drive', `"${label}" is not a v0.21 label (lower-case letters, digits and -, at most 31 characters, starting with a letter)`);
  }
  return replaceDrives(addFlashDrive(pkg, { label, length, shared }));
}

/** Set the RAM image from a bundle, keeping the current length. */
export function setRamBundle(pkg: CartiPackage, bundle: Pick<Bundle, 'name' | 'fileName' | 'id'>, sizeBytes?: bigint): CartiPackage {
  return replaceDrives(setRam(pkg, { bundle: refOf(bundle, sizeBytes), length: pkg.machineConfig.ram.length }));
}

function checkRoom(pkg: CartiPackage): void {
  if (pkg.machineConfig.flash_drive.length >= MAX_FLASH_DRIVES) {
    throw new CartiError('too-large', INPUT, 'machineConfig.flash_drive', `the machine already has ${MAX_FLASH_DRIVES} flash drives, the most a Cartesi machine takes`);
  }
}
