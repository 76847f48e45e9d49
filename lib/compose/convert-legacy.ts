/**
 * ROM-era package → v0.21 package (carti-formats.md §9), as a pure function the composer runs after the user
 * confirms. Every change is returned as a sentence and recorded in `metadata.cartiStudio.conversion`:
 * - the ROM is dropped (its id kept in the record for provenance);
 * - the ROM-era kernel and root filesystem cannot boot on v0.21, so the default machine's replace them;
 * - `ram.length` is kept, at most 2 GiB (v0.21 RAM limit, cartesi-machine.md §8);
 * - data drives keep their bytes; labels are made v0.21 labels; lengths are padded to 2 MiB (Linux pmem);
 *   starts (≥ 2^63, above the 2^56 limit) are dropped and the drives placed automatically;
 * - `mtdparts`/`root=/dev/mtdblock0`/`rootfstype=ext2` give way to the v0.21 default bootargs; the command
 *   (`boot.args`) becomes the entrypoint; a custom `bootPrefix` is dropped (listed);
 * - `processor`, `htif` and `clint` overrides are not carried over (listed).
 */
import { CartiError } from '../carti/errors';
import { formatHex } from '../carti/hex';
import { addFlashDrive, collectGarbageAssets, type BundleRef } from '../carti/package-ops';
import { getStudioMetadata, targetOf, withStudioMetadata } from '../carti/studio-metadata';
import type { CartiPackage, FlashDrive } from '../carti/types';
import { MAX_RAM_LENGTH, PMEM_ALIGNMENT, ROOT_LABEL } from '../machine/constants';
import { alignUp } from '../machine/placement';
import { labelFromName, replaceDrives, uniqueLabel } from './drive-edits';
import { formatSize } from './units';

export interface LegacyConversion {
  readonly pkg: CartiPackage;
  readonly changes: readonly string[];
}

/** The v0.21 default machine's kernel and root filesystem (from the embedded listing, never hard-coded). */
export interface ConversionDefaults {
  readonly ram: BundleRef;
  readonly root: BundleRef;
}

export function isLegacyPackage(pkg: CartiPackage): boolean {
  return targetOf(pkg) === 'legacy';
}

export function convertLegacyPackage(pkg: CartiPackage, defaults: ConversionDefaults): LegacyConversion {
  if (!isLegacyPackage(pkg)) throw new CartiError('legacy-only', 'machine package', 'machineConfig.rom', 'the package is already a v0.21 package: nothing to convert');
  const config = pkg.machineConfig;
  const changes: string[] = [];
  if (config.rom) changes.push(`ROM ${config.rom.cid} dropped: v0.21 machines have no ROM`);

  const nameOf = (cid: string) => pkg.assets.find((asset) => asset.cid === cid)?.name ?? cid;
  changes.push(`RAM image ${nameOf(config.ram.cid)} (ROM-era kernel) replaced by ${defaults.ram.bundle.name} (v0.21 kernel)`);
  let ramLength = config.ram.length;
  if (ramLength > MAX_RAM_LENGTH) {
    changes.push(`RAM length ${formatSize(ramLength)} reduced to ${formatSize(MAX_RAM_LENGTH)}, the v0.21 maximum`);
    ramLength = MAX_RAM_LENGTH;
  }

  const hadMtdparts = config.boot.bootPrefix === undefined || /mtdparts=|mtdblock/.test(config.boot.bootPrefix);
  if (config.boot.bootPrefix !== undefined) changes.push(`boot prefix "${config.boot.bootPrefix}" dropped: v0.21 uses its default bootargs`);
  if (hadMtdparts) changes.push('mtdparts, root=/dev/mtdblock0 and rootfstype=ext2 replaced by the v0.21 pmem bootargs (root=/dev/pmem0)');
  if (config.boot.args !== '') changes.push(`boot args "${config.boot.args}" kept as the entrypoint`);
  for (const section of ['processor', 'htif', 'clint'] as const) {
    if (config[section]) changes.push(`${section} overrides not carried over: register meanings and reset values differ between eras`);
  }

  const base: CartiPackage = {
    ...pkg,
    machineConfig: { boot: { args: config.boot.args }, ram: { length: ramLength, cid: defaults.ram.bundle.id }, flash_drive: [] },
    assets: [...pkg.assets, ...(pkg.assets.some((a) => a.cid === defaults.ram.bundle.id) ? [] : [{ name: defaults.ram.bundle.name, fileName: defaults.ram.bundle.fileName, cid: defaults.ram.bundle.id }])],
  };
  let next = withStudioMetadata(base, { ...(getStudioMetadata(pkg) ?? { version: 1 }), version: 1, targetMachine: 'v0.21' });

  const oldRoot = config.flash_drive.find((drive) => drive.label === ROOT_LABEL) ?? config.flash_drive[0];
  const rootLength = alignUp(defaults.root.sizeBytes ?? PMEM_ALIGNMENT, PMEM_ALIGNMENT);
  next = addFlashDrive(next, { label: ROOT_LABEL, bundle: defaults.root, length: rootLength });
  changes.push(oldRoot
    ? `root drive ${oldRoot.cid ? nameOf(oldRoot.cid) : `"${oldRoot.label}"`} (ROM-era root filesystem) replaced by ${defaults.root.bundle.name}`
    : `root drive ${defaults.root.bundle.name} added`);

  const taken: string[] = [ROOT_LABEL];
  for (const drive of config.flash_drive) {
    if (drive === oldRoot) continue;
    next = addDataDrive(next, drive, taken, changes, nameOf);
  }
  if (config.flash_drive.length > 0) changes.push('drive starts dropped (ROM-era starts lie above the v0.21 2^56 limit); drives placed automatically after RAM');
  next = replaceDrives(collectGarbageAssets(next));

  const from = config.rom ? `ROM-era package (rom ${config.rom.cid})` : 'ROM-era package';
  const studio = getStudioMetadata(next)!;
  next = withStudioMetadata(next, { ...studio, conversion: { from, changes } });
  return { pkg: next, changes };
}

function addDataDrive(pkg: CartiPackage, drive: FlashDrive, taken: string[], changes: string[], nameOf: (cid: string) => string): CartiPackage {
  const label = uniqueLabel(labelFromName(drive.label), taken);
  taken.push(label);
  if (label !== drive.label) changes.push(`drive label "${drive.label}" renamed to "${label}" (v0.21 labels: lower-case letters, digits and -)`);
  const length = alignUp(drive.length, PMEM_ALIGNMENT);
  if (length !== drive.length) changes.push(`drive "${label}" length ${formatHex(drive.length)} padded to ${formatHex(length)} (Linux pmem needs 2 MiB multiples)`);
  const asset = drive.cid === undefined ? undefined : pkg.assets.find((entry) => entry.cid === drive.cid);
  const bundle = drive.cid === undefined ? undefined : { bundle: { name: asset?.name ?? nameOf(drive.cid), fileName: asset?.fileName ?? drive.cid, id: drive.cid } };
  return addFlashDrive(pkg, {
    label, length, shared: drive.shared, ...(bundle ? { bundle } : {}),
    ...(drive.resolvedPath !== undefined ? { resolvedPath: drive.resolvedPath } : {}),
    start: 0n, // placeholder, replaced by replaceDrives: ROM-era starts are not valid on v0.21
  });
}
