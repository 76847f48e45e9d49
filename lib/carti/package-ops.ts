/**
 * Machine package operations (carti-formats.md §5, §12): pure functions over immutable packages; each returns
 * a new package or throws a `CartiError`. Improvements on carti 1.7, per §5 and §12:
 * - drives are keyed by label (a bundle may be mounted twice; several bundleless drives coexist, §12.4);
 * - removing or replacing ram/rom/drives drops unreferenced assets (§12.5, §12.11);
 * - `resolvedPath` is honoured for drives (§12.6); lengths are checked against 4 KiB;
 * - automatic starts follow the target: v0.21 power-of-two aligned placement after RAM (cartesi-machine.md §8),
 *   carti's 2^63 + 2^60 rule only for legacy packages.
 */
import { CartiError } from './errors';
import { formatHex } from './hex';
import { escapeLuaString } from './lua-string';
import { getStudioMetadata, targetOf, withStudioMetadata } from './studio-metadata';
import { alignUp, bitCeil, cartiNextFlashStart } from '../machine/placement';
import type { Bundle, CartiPackage, FlashDrive, PackageAsset, TargetMachine } from './types';

/** carti's `machine add ram` default, the ROM-era cartesi-machine default (§5). */
export const LEGACY_DEFAULT_RAM_LENGTH = 64n << 20n;
/** cartesi-machine v0.21 CLI default (cartesi-machine.md §15). */
export const V021_DEFAULT_RAM_LENGTH = 128n << 20n;
/** carti 1.7 default root drive length (§5). */
const LEGACY_ROOT_LENGTH = 0x3c00000n;
const CARTI_DEFAULT_REPO = 'https://github.com/createdreamtech/carti-default';
const PAGE = 4096n;
/** Linux pmem wants 2 MiB multiples (cartesi-machine.md §8): v0.21 default lengths are rounded to it. */
const PMEM_ALIGNMENT = 2n << 20n;
const RAM_START = 0x80000000n;
const INPUT = 'machine package';

/** A bundle to reference from a package: its record plus, when known, its file size. */
export interface BundleRef {
  readonly bundle: Pick<Bundle, 'name' | 'fileName' | 'id'>;
  readonly sizeBytes?: bigint;
}

/**
 * The bundles of the default machine. Their ids come from the built listing (v0.21) or from the carti-default
 * listing (legacy), never hard-coded here.
 */
export interface DefaultMachineIds {
  readonly ram: BundleRef;
  readonly root: BundleRef;
  /** Required for `legacy`. */
  readonly rom?: BundleRef;
}

export interface InitOptions {
  readonly legacy?: boolean;
  readonly defaults: DefaultMachineIds;
  /** Stored boot args (already Lua-escaped body). Legacy default: `ls` (carti's). v0.21 default: empty. */
  readonly args?: string;
  readonly repos?: readonly string[];
}

/** A new package: carti's ROM-era default (§5) with `legacy`, otherwise the v0.21 default machine. */
export function initPackage(options: InitOptions): CartiPackage {
  const { defaults } = options;
  if (options.legacy) {
    if (!defaults.rom) throw new CartiError('no-rom', INPUT, 'machineConfig.rom', 'the legacy default machine needs a rom bundle');
    const pkg: CartiPackage = {
      machineConfig: {
        boot: { args: options.args ?? 'ls' },
        ram: { length: LEGACY_DEFAULT_RAM_LENGTH, cid: defaults.ram.bundle.id },
        rom: { cid: defaults.rom.bundle.id },
        flash_drive: [{ start: 1n << 63n, length: LEGACY_ROOT_LENGTH, shared: false, label: 'root', cid: defaults.root.bundle.id }],
      },
      assets: [assetOf(defaults.rom), assetOf(defaults.ram), assetOf(defaults.root)],
      version: '0.0.0-development',
      repos: [...(options.repos ?? [CARTI_DEFAULT_REPO])],
    };
    return withStudioMetadata(pkg, { version: 1, targetMachine: 'legacy' });
  }
  const rootLength = defaultDriveLength('v0.21', defaults.root.sizeBytes, 'root');
  const empty: CartiPackage = withStudioMetadata({
    machineConfig: {
      boot: { args: options.args ?? '' },
      ram: { length: V021_DEFAULT_RAM_LENGTH, cid: defaults.ram.bundle.id },
      flash_drive: [],
    },
    assets: [assetOf(defaults.ram)],
    version: '0.0.0-development',
    ...(options.repos ? { repos: [...options.repos] } : {}),
  }, { version: 1, targetMachine: 'v0.21' });
  return addFlashDrive(empty, { label: 'root', bundle: defaults.root, length: rootLength });
}

function assetOf(ref: BundleRef): PackageAsset {
  return { name: ref.bundle.name, fileName: ref.bundle.fileName, cid: ref.bundle.id };
}

function withAsset(assets: readonly PackageAsset[], ref: BundleRef): PackageAsset[] {
  return assets.some((asset) => asset.cid === ref.bundle.id) ? [...assets] : [...assets, assetOf(ref)];
}

export function assetFor(pkg: CartiPackage, id: string): PackageAsset | undefined {
  return pkg.assets.find((asset) => asset.cid === id);
}

export interface SetRamOptions {
  readonly bundle: BundleRef;
  /** Default: 64 MiB for legacy packages, 128 MiB for v0.21. */
  readonly length?: bigint;
  readonly resolvedPath?: string;
}

/** Set or replace the RAM image; the replaced image's asset is dropped if nothing else uses it (§12.11). */
export function setRam(pkg: CartiPackage, options: SetRamOptions): CartiPackage {
  const target = targetOf(pkg);
  const length = options.length ?? (target === 'legacy' ? LEGACY_DEFAULT_RAM_LENGTH : V021_DEFAULT_RAM_LENGTH);
  checkLength(length, 'machineConfig.ram.length');
  const ram = { length, cid: options.bundle.bundle.id, ...(options.resolvedPath !== undefined ? { resolvedPath: options.resolvedPath } : {}) };
  const next = { ...pkg, machineConfig: { ...pkg.machineConfig, ram }, assets: withAsset(pkg.assets, options.bundle) };
  return collectGarbageAssets(target === 'v0.21' ? replaceDrivesOverlappingRam(next) : next);
}

/**
 * Clear the RAM image (carti 1.7 removed the rom asset instead, §12.5). RAM is required by the schema, so the
 * length stays and `cid` becomes empty; validatePackage reports the package as incomplete until a new image is set.
 */
export function removeRam(pkg: CartiPackage): CartiPackage {
  const { resolvedPath: _dropped, ...ram } = pkg.machineConfig.ram;
  return collectGarbageAssets({ ...pkg, machineConfig: { ...pkg.machineConfig, ram: { ...ram, cid: '' } } });
}

/** Set or replace the ROM image: ROM-era packages only (v0.21 has no ROM, §9). */
export function setRom(pkg: CartiPackage, bundle: BundleRef, resolvedPath?: string): CartiPackage {
  if (targetOf(pkg) !== 'legacy') {
    throw new CartiError('legacy-only', INPUT, 'machineConfig.rom', 'v0.21 machines have no ROM; only legacy (ROM-era) packages take one');
  }
  const rom = { cid: bundle.bundle.id, ...(resolvedPath !== undefined ? { resolvedPath } : {}) };
  return collectGarbageAssets({ ...pkg, machineConfig: { ...pkg.machineConfig, rom }, assets: withAsset(pkg.assets, bundle) });
}

export function removeRom(pkg: CartiPackage): CartiPackage {
  const { rom: _removed, ...machineConfig } = pkg.machineConfig;
  return collectGarbageAssets({ ...pkg, machineConfig });
}

export interface AddFlashOptions {
  readonly label: string;
  /** Absent: a bundleless drive (scratch or output), which needs `length`. */
  readonly bundle?: BundleRef;
  /** Default for a bundle: its size rounded up to 4 KiB (legacy) or 2 MiB (v0.21, Linux pmem). */
  readonly length?: bigint;
  /** Default: automatic for the package's target. */
  readonly start?: bigint;
  readonly shared?: boolean;
  readonly resolvedPath?: string;
  /** Replace the drive that has this label instead of refusing a duplicate. */
  readonly replace?: boolean;
}

/** Add a flash drive keyed by its label; the `root` drive is kept at index 0 (§5, §7.1). */
export function addFlashDrive(pkg: CartiPackage, options: AddFlashOptions): CartiPackage {
  const target = targetOf(pkg);
  const location = `machineConfig.flash_drive[label=${options.label}]`;
  if (options.label === '') throw new CartiError('bad-label', INPUT, location, 'a drive needs a non-empty label');
  const existing = pkg.machineConfig.flash_drive.findIndex((drive) => drive.label === options.label);
  if (existing >= 0 && !options.replace) {
    throw new CartiError('duplicate-label', INPUT, location, `a drive labelled "${options.label}" already exists (remove it or replace it)`);
  }
  const others = pkg.machineConfig.flash_drive.filter((drive) => drive.label !== options.label);
  let length = options.length;
  if (length === undefined) {
    if (!options.bundle) throw new CartiError('missing-field', INPUT, `${location}.length`, 'a drive without a bundle needs an explicit length');
    length = defaultDriveLength(target, options.bundle.sizeBytes, options.label);
  }
  checkLength(length, `${location}.length`);
  const size = options.bundle?.sizeBytes;
  if (size !== undefined && length < size) {
    throw new CartiError('too-large', INPUT, `${location}.length`, `${formatHex(length)} is shorter than the bundle file (${size} bytes)`);
  }
  const start = options.start ?? nextAutomaticStart(target, pkg.machineConfig.ram.length, others, length);
  if (start % PAGE !== 0n) throw new CartiError('bad-alignment', INPUT, `${location}.start`, `${formatHex(start)} is not a multiple of 4096`);
  const drive: FlashDrive = {
    start, length, shared: options.shared ?? false, label: options.label,
    ...(options.bundle ? { cid: options.bundle.bundle.id } : {}),
    ...(options.resolvedPath !== undefined ? { resolvedPath: options.resolvedPath } : {}),
  };
  const drives = existing >= 0
    ? pkg.machineConfig.flash_drive.map((old) => (old.label === options.label ? drive : old))
    : [...pkg.machineConfig.flash_drive, drive];
  const assets = options.bundle ? withAsset(pkg.assets, options.bundle) : [...pkg.assets];
  return collectGarbageAssets({ ...pkg, machineConfig: { ...pkg.machineConfig, flash_drive: rootFirst(drives) }, assets });
}

export function removeFlashDrive(pkg: CartiPackage, label: string): CartiPackage {
  if (!pkg.machineConfig.flash_drive.some((drive) => drive.label === label)) {
    throw new CartiError('not-found', INPUT, 'machineConfig.flash_drive', `no drive labelled "${label}"`);
  }
  const flash_drive = pkg.machineConfig.flash_drive.filter((drive) => drive.label !== label);
  return collectGarbageAssets({ ...pkg, machineConfig: { ...pkg.machineConfig, flash_drive } });
}

/**
 * Set boot args from *stored* text (a Lua string body, §8.2), as carti's `machine add boot`. As in carti
 * (§7.1), setting args without a prefix clears an earlier prefix.
 */
export function setBoot(pkg: CartiPackage, args: string, bootPrefix?: string): CartiPackage {
  const boot = { args, ...(bootPrefix !== undefined ? { bootPrefix } : {}) };
  return { ...pkg, machineConfig: { ...pkg.machineConfig, boot } };
}

/** Set boot args from text typed by a user: escaped before it is stored (§8.2). */
export function setBootText(pkg: CartiPackage, argsText: string, prefixText?: string): CartiPackage {
  return setBoot(pkg, escapeLuaString(argsText), prefixText === undefined ? undefined : escapeLuaString(prefixText));
}

export function setRepos(pkg: CartiPackage, repos: readonly string[]): CartiPackage {
  const unique = [...new Set(repos.filter((repo) => repo.trim() !== ''))];
  const { repos: _old, ...rest } = pkg;
  return unique.length === 0 ? rest : { ...rest, repos: unique };
}

export function addRepo(pkg: CartiPackage, repo: string): CartiPackage {
  return setRepos(pkg, [...(pkg.repos ?? []), repo]);
}

export function removeRepo(pkg: CartiPackage, repo: string): CartiPackage {
  return setRepos(pkg, (pkg.repos ?? []).filter((existing) => existing !== repo));
}

/**
 * Drop assets no longer referenced by ram, rom or a drive. Sources of a composition whose output is still
 * mounted are kept, so the drive can be rebuilt and verified (§12.14).
 */
export function collectGarbageAssets(pkg: CartiPackage): CartiPackage {
  const config = pkg.machineConfig;
  const used = new Set<string>([config.ram.cid]);
  if (config.rom) used.add(config.rom.cid);
  for (const drive of config.flash_drive) if (drive.cid !== undefined) used.add(drive.cid);
  for (const composition of getStudioMetadata(pkg)?.compositions ?? []) {
    if (used.has(composition.outputId)) for (const source of composition.sources) used.add(source);
  }
  const assets = pkg.assets.filter((asset) => used.has(asset.cid));
  return assets.length === pkg.assets.length ? pkg : { ...pkg, assets };
}

function rootFirst(drives: readonly FlashDrive[]): FlashDrive[] {
  const root = drives.filter((drive) => drive.label === 'root');
  return [...root, ...drives.filter((drive) => drive.label !== 'root')];
}

function defaultDriveLength(target: TargetMachine, sizeBytes: bigint | undefined, label: string): bigint {
  if (sizeBytes === undefined) {
    throw new CartiError('missing-field', INPUT, `machineConfig.flash_drive[label=${label}].length`, 'the bundle size is unknown: install the bundle or give a length');
  }
  const rounded = alignUp(sizeBytes === 0n ? 1n : sizeBytes, target === 'v0.21' ? PMEM_ALIGNMENT : PAGE);
  return rounded;
}

function checkLength(length: bigint, location: string): void {
  if (length <= 0n || length % PAGE !== 0n) {
    throw new CartiError('bad-alignment', INPUT, location, `${formatHex(length)} is not a positive multiple of 4096`);
  }
}

/**
 * Automatic start of a new drive. Legacy: carti's rule (max start + 2^60, first 2^63). v0.21: the first
 * address after RAM (rounded to a power of two) aligned to bit_ceil(length) whose rounded range overlaps no
 * existing drive — the same as the emulator's `adjust_starts` when drives are added in order
 * (cartesi-machine.md §8), and a free slot rather than an overlap when some starts are explicit.
 */
function nextAutomaticStart(target: TargetMachine, ramLength: bigint, drives: readonly FlashDrive[], length: bigint): bigint {
  if (target === 'legacy') return cartiNextFlashStart(drives.map((drive) => drive.start));
  return firstFreeStart(RAM_START + bitCeil(ramLength), drives, length);
}

function firstFreeStart(from: bigint, drives: readonly FlashDrive[], length: bigint): bigint {
  const rounded = bitCeil(length);
  const taken = drives.map((drive) => ({ start: drive.start, end: drive.start + bitCeil(drive.length) }));
  let candidate = alignUp(from, rounded);
  for (;;) {
    const clash = taken.find((range) => candidate < range.end && range.start < candidate + rounded);
    if (!clash) return candidate;
    candidate = alignUp(clash.end, rounded);
  }
}

/** v0.21: a larger RAM may now cover drives placed after the old RAM; move only those, first fit. */
function replaceDrivesOverlappingRam(pkg: CartiPackage): CartiPackage {
  const ramEnd = RAM_START + bitCeil(pkg.machineConfig.ram.length);
  const kept = pkg.machineConfig.flash_drive.filter((drive) => !(drive.start < ramEnd && RAM_START < drive.start + bitCeil(drive.length)));
  if (kept.length === pkg.machineConfig.flash_drive.length) return pkg;
  const placed: FlashDrive[] = [...kept];
  const flash_drive = pkg.machineConfig.flash_drive.map((drive) => {
    if (kept.includes(drive)) return drive;
    const moved = { ...drive, start: firstFreeStart(ramEnd, placed, drive.length) };
    placed.push(moved);
    return moved;
  });
  return { ...pkg, machineConfig: { ...pkg.machineConfig, flash_drive } };
}
