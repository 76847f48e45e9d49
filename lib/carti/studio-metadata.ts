/**
 * `metadata.cartiStudio`: Carti Studio's versioned extension data inside a machine package
 * (carti-formats.md §4.4; documented in STUDIO-METADATA.md). carti's `packageMachineConfig` forbids extra
 * keys but `metadata` allows them, so packages stay readable by carti 1.7.
 */
import { CartiError, jsonPath } from './errors';
import { describe } from './hex';
import { parseId } from './id';
import { Issues, isObject, readString, readStringArray, rejectUnknownKeys, type Path } from './json-read';
import type { CartiPackage, JsonValue, ParseResult, TargetMachine } from './types';

export const STUDIO_METADATA_VERSION = 1;

/** Where the RAM image (kernel) came from, for display and rebuilds. */
export interface RamImageProvenance {
  readonly source: string;
  readonly description?: string;
}

/** A drive composed from several bundles (lib/ext2): anyone can rebuild and verify `outputId`. */
export interface Composition {
  readonly outputId: string;
  readonly sources: readonly string[];
  readonly policy: string;
  readonly writerVersion: string;
  /** Writer options that change the output bytes (lib/drives `CompositionOptions`: sizes in bytes, volume name). */
  readonly options?: Readonly<Record<string, number | string>>;
}

export interface OciSettings {
  readonly entrypoint?: readonly string[];
  readonly env?: readonly string[];
  readonly workdir?: string;
  readonly user?: string;
}

/** A ROM-era package converted to v0.21 (§9): what it was and every change shown to the user. */
export interface ConversionRecord {
  readonly from: string;
  readonly changes: readonly string[];
}

export interface StudioMetadata {
  readonly version: 1;
  readonly targetMachine: TargetMachine;
  /** v0.21 device-tree strings (decoded text, not Lua-escaped). */
  readonly entrypoint?: string;
  readonly init?: string;
  readonly ramImage?: RamImageProvenance;
  readonly compositions?: readonly Composition[];
  readonly oci?: OciSettings;
  readonly conversion?: ConversionRecord;
  /** Bundle descriptions given at `bundle` time (carti discarded them), keyed by id. */
  readonly descriptions?: Readonly<Record<string, string>>;
  /**
   * Labels of the flash drives the machine maps without write permission (cartesi-machine.md §8 `read_only`:
   * PMA without W; a read-only root turns the bootargs' `rw` into `ro`, §12.3). carti's drive schema has no such
   * field, so it lives here.
   */
  readonly readOnlyDrives?: readonly string[];
}

const KEYS = ['version', 'targetMachine', 'entrypoint', 'init', 'ramImage', 'compositions', 'oci', 'conversion', 'descriptions', 'readOnlyDrives'];

export function parseStudioMetadata(value: unknown, input = 'carti-machine-package.json', base: Path = ['metadata', 'cartiStudio']): ParseResult<StudioMetadata | undefined> {
  const issues = new Issues(input);
  const done = (meta?: StudioMetadata) => ({ value: meta, errors: issues.errors, warnings: issues.warnings });
  if (!isObject(value)) {
    issues.error('wrong-type', base, `expected an object, got ${describe(value)}`);
    return done();
  }
  if (value.version !== STUDIO_METADATA_VERSION) {
    issues.error('wrong-type', [...base, 'version'], `unsupported cartiStudio metadata version ${JSON.stringify(value.version)} (this build reads version 1)`);
    return done();
  }
  rejectUnknownKeys(issues, value, KEYS, base);
  const target = readString(issues, value, 'targetMachine', base, true);
  if (target !== undefined && target !== 'v0.21' && target !== 'legacy') {
    issues.error('wrong-type', [...base, 'targetMachine'], `expected "v0.21" or "legacy", got "${target}"`);
  }
  const entrypoint = readString(issues, value, 'entrypoint', base, false);
  const init = readString(issues, value, 'init', base, false);
  const ramImage = readRamImage(issues, value.ramImage, [...base, 'ramImage']);
  const compositions = readCompositions(issues, value.compositions, [...base, 'compositions']);
  const oci = readOci(issues, value.oci, [...base, 'oci']);
  const conversion = readConversion(issues, value.conversion, [...base, 'conversion']);
  const descriptions = readDescriptions(issues, value.descriptions, [...base, 'descriptions']);
  const readOnlyDrives = readStringArray(issues, value, 'readOnlyDrives', base);
  readOnlyDrives?.forEach((label, index) => {
    if (readOnlyDrives.indexOf(label) !== index) issues.error('duplicate-label', [...base, 'readOnlyDrives', index], `"${label}" is listed twice`);
  });
  if (issues.count > 0) return done();
  return done({
    version: 1,
    targetMachine: target as TargetMachine,
    ...(entrypoint !== undefined ? { entrypoint } : {}),
    ...(init !== undefined ? { init } : {}),
    ...(ramImage ? { ramImage } : {}),
    ...(compositions ? { compositions } : {}),
    ...(oci ? { oci } : {}),
    ...(conversion ? { conversion } : {}),
    ...(descriptions ? { descriptions } : {}),
    ...(readOnlyDrives ? { readOnlyDrives } : {}),
  });
}

function readRamImage(issues: Issues, value: unknown, path: Path): RamImageProvenance | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return void issues.error('wrong-type', path, `expected an object, got ${describe(value)}`);
  rejectUnknownKeys(issues, value, ['source', 'description'], path);
  const source = readString(issues, value, 'source', path, true);
  const description = readString(issues, value, 'description', path, false);
  return source === undefined ? undefined : { source, ...(description !== undefined ? { description } : {}) };
}

function readCompositions(issues: Issues, value: unknown, path: Path): Composition[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return void issues.error('wrong-type', path, `expected an array, got ${describe(value)}`);
  const result: Composition[] = [];
  value.forEach((item, index) => {
    const at = [...path, index];
    if (!isObject(item)) return issues.error('wrong-type', at, `expected an object, got ${describe(item)}`);
    rejectUnknownKeys(issues, item, ['outputId', 'sources', 'policy', 'writerVersion', 'options'], at);
    const options = readCompositionOptions(issues, item.options, [...at, 'options']);
    const outputId = readString(issues, item, 'outputId', at, true);
    const sources = readStringArray(issues, item, 'sources', at);
    if (sources === undefined && item.sources === undefined) issues.error('missing-field', [...at, 'sources'], 'required field "sources" is missing');
    const policy = readString(issues, item, 'policy', at, true);
    const writerVersion = readString(issues, item, 'writerVersion', at, true);
    for (const [id, idPath] of [[outputId, [...at, 'outputId']], ...(sources ?? []).map((s, i) => [s, [...at, 'sources', i]] as const)] as const) {
      if (id === undefined) continue;
      const parts = parseId(id, issues.input, jsonPath(idPath as Path));
      if (parts instanceof CartiError) issues.errors.push(parts);
    }
    if (outputId && sources && policy && writerVersion) result.push({ outputId, sources, policy, writerVersion, ...(options ? { options } : {}) });
  });
  return result;
}

function readCompositionOptions(issues: Issues, value: unknown, path: Path): Record<string, number | string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return void issues.error('wrong-type', path, `expected an object, got ${describe(value)}`);
  const options: Record<string, number | string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'number' || typeof item === 'string') options[key] = item;
    else issues.error('wrong-type', [...path, key], `expected a number or a string, got ${describe(item)}`);
  }
  return options;
}

function readOci(issues: Issues, value: unknown, path: Path): OciSettings | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return void issues.error('wrong-type', path, `expected an object, got ${describe(value)}`);
  rejectUnknownKeys(issues, value, ['entrypoint', 'env', 'workdir', 'user'], path);
  const entrypoint = readStringArray(issues, value, 'entrypoint', path);
  const env = readStringArray(issues, value, 'env', path);
  const workdir = readString(issues, value, 'workdir', path, false);
  const user = readString(issues, value, 'user', path, false);
  return {
    ...(entrypoint ? { entrypoint } : {}), ...(env ? { env } : {}),
    ...(workdir !== undefined ? { workdir } : {}), ...(user !== undefined ? { user } : {}),
  };
}

function readConversion(issues: Issues, value: unknown, path: Path): ConversionRecord | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return void issues.error('wrong-type', path, `expected an object, got ${describe(value)}`);
  rejectUnknownKeys(issues, value, ['from', 'changes'], path);
  const from = readString(issues, value, 'from', path, true);
  const changes = readStringArray(issues, value, 'changes', path) ?? [];
  return from === undefined ? undefined : { from, changes };
}

function readDescriptions(issues: Issues, value: unknown, path: Path): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return void issues.error('wrong-type', path, `expected an object, got ${describe(value)}`);
  const result: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const text = readString(issues, value, key, path, true);
    if (text !== undefined) result[key] = text;
  }
  return result;
}

/** The package's cartiStudio metadata, or undefined when absent or invalid (see validatePackage for errors). */
export function getStudioMetadata(pkg: CartiPackage): StudioMetadata | undefined {
  const raw = pkg.metadata?.cartiStudio;
  return raw === undefined ? undefined : parseStudioMetadata(raw).value;
}

/** The package's target: from metadata; otherwise a package with a ROM is legacy (carti-made), else v0.21. */
export function targetOf(pkg: CartiPackage): TargetMachine {
  return getStudioMetadata(pkg)?.targetMachine ?? (pkg.machineConfig.rom ? 'legacy' : 'v0.21');
}

export function withStudioMetadata(pkg: CartiPackage, meta: StudioMetadata): CartiPackage {
  return { ...pkg, metadata: { ...(pkg.metadata ?? {}), cartiStudio: meta as unknown as JsonValue } };
}

/** Labels of the drives mapped read-only (`metadata.cartiStudio.readOnlyDrives`). */
export function readOnlyLabels(pkg: CartiPackage): ReadonlySet<string> {
  return new Set(getStudioMetadata(pkg)?.readOnlyDrives ?? []);
}

/**
 * The package with `readOnlyDrives` set to `labels` (in flash_drive order, unknown labels dropped); the key is
 * removed when empty, and metadata is created (with the package's current target) when it was absent.
 */
export function withReadOnlyLabels(pkg: CartiPackage, labels: Iterable<string>): CartiPackage {
  const wanted = new Set(labels);
  const ordered = pkg.machineConfig.flash_drive.map((drive) => drive.label).filter((label, index, all) => wanted.has(label) && all.indexOf(label) === index);
  const current = getStudioMetadata(pkg);
  if (!current && ordered.length === 0) return pkg;
  const { readOnlyDrives: _dropped, ...rest } = current ?? { version: STUDIO_METADATA_VERSION, targetMachine: targetOf(pkg) };
  return withStudioMetadata(pkg, { ...rest, ...(ordered.length > 0 ? { readOnlyDrives: ordered } : {}) });
}
