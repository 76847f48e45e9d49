/**
 * `carti-machine-package.json` (carti-formats.md §4): parse the schema (§4.1, §4.2), validate the semantics
 * (§4.3), serialize in carti's layout (2-space JSON, no trailing newline, HexNumbers lower-case unpadded).
 *
 * `parsePackage` returns the package whenever its structure is readable; semantic problems (missing asset for
 * a cid, duplicate labels, overlaps…) are in `errors` too, so an editor can still open and fix the package.
 */
import { CartiError, jsonPath } from './errors';
import { describe, formatHex, parseHexNumber } from './hex';
import { parseId } from './id';
import {
  Issues, cartiJson, isObject, parseJsonText, readBoolean, readHex, readString, readStringArray, rejectUnknownKeys, type Path,
} from './json-read';
import { getStudioMetadata, parseStudioMetadata, targetOf } from './studio-metadata';
import { bitCeil } from '../machine/placement';
import {
  PROCESSOR_CSRS, type CartiPackage, type ClintConfig, type FlashDrive, type HtifConfig, type JsonValue, type MachineConfig,
  type PackageAsset, type ParseResult, type ProcessorConfig, type TargetMachine,
} from './types';

const PAGE = 4096n;
const MAX_DRIVES = 8;
/** v0.21 address ranges must lie below 2^56 (cartesi-machine.md §8). */
const ADDRESSABLE_LIMIT = 1n << 56n;
const RAM_START = 0x80000000n;
const TWO_MIB = 2n << 20n;
/** v0.21 label rule (cartesi-machine.md §8). */
const V021_LABEL = /^[a-z][a-z0-9-]{0,30}$/;

export function parsePackage(value: unknown, input = 'carti-machine-package.json'): ParseResult<CartiPackage | undefined> {
  const issues = new Issues(input);
  const done = (pkg?: CartiPackage) => ({ value: pkg, errors: issues.errors, warnings: issues.warnings });
  if (!isObject(value)) {
    issues.error('wrong-type', [], `expected a package object, got ${describe(value)}`);
    return done();
  }
  rejectUnknownKeys(issues, value, ['machineConfig', 'assets', 'version', 'metadata', 'repos'], []);
  if (!('version' in value)) issues.error('missing-field', ['version'], 'required field "version" is missing');
  const machineConfig = readMachineConfig(issues, value.machineConfig, ['machineConfig']);
  const assets = readAssets(issues, value.assets);
  const repos = readStringArray(issues, value, 'repos', []);
  let metadata: Record<string, JsonValue> | undefined;
  if (value.metadata !== undefined) {
    if (!isObject(value.metadata)) issues.error('wrong-type', ['metadata'], `expected an object, got ${describe(value.metadata)}`);
    else {
      metadata = value.metadata as Record<string, JsonValue>;
      if (metadata.projectName !== undefined && typeof metadata.projectName !== 'string') {
        issues.error('wrong-type', ['metadata', 'projectName'], `expected a string, got ${describe(metadata.projectName)}`);
      }
      if (metadata.cartiStudio !== undefined) {
        const studio = parseStudioMetadata(metadata.cartiStudio, input);
        issues.errors.push(...studio.errors);
        issues.warnings.push(...studio.warnings);
      }
    }
  }
  if (machineConfig === undefined || assets === undefined) return done();
  const pkg: CartiPackage = {
    machineConfig, assets, version: value.version as JsonValue,
    ...(metadata !== undefined ? { metadata } : {}), ...(repos !== undefined ? { repos } : {}),
  };
  for (const problem of validatePackage(pkg, { input })) {
    (problem.severity === 'warning' ? issues.warnings : issues.errors).push(problem);
  }
  return done(pkg);
}

export function parsePackageText(text: string, input = 'carti-machine-package.json'): ParseResult<CartiPackage | undefined> {
  const value = parseJsonText(text, input);
  if (value instanceof CartiError) return { value: undefined, errors: [value], warnings: [] };
  return parsePackage(value, input);
}

function readMachineConfig(issues: Issues, value: unknown, path: Path): MachineConfig | undefined {
  if (value === undefined) return void issues.error('missing-field', path, 'required field "machineConfig" is missing');
  if (!isObject(value)) return void issues.error('wrong-type', path, `expected an object, got ${describe(value)}`);
  const before = issues.count;
  rejectUnknownKeys(issues, value, ['boot', 'ram', 'rom', 'flash_drive', 'processor', 'htif', 'clint'], path);
  const boot = readSection(issues, value, 'boot', path, true, (object, at) => {
    rejectUnknownKeys(issues, object, ['args', 'bootPrefix'], at);
    const args = readString(issues, object, 'args', at, true);
    const bootPrefix = readString(issues, object, 'bootPrefix', at, false);
    return { args: args ?? '', ...(bootPrefix !== undefined ? { bootPrefix } : {}) };
  });
  const ram = readSection(issues, value, 'ram', path, true, (object, at) => {
    rejectUnknownKeys(issues, object, ['length', 'cid', 'resolvedPath'], at);
    const length = readHex(issues, object, 'length', at, true);
    const cid = readString(issues, object, 'cid', at, true);
    const resolvedPath = readString(issues, object, 'resolvedPath', at, false);
    return { length: length ?? 0n, cid: cid ?? '', ...(resolvedPath !== undefined ? { resolvedPath } : {}) };
  });
  // carti's schema requires rom; v0.21 packages have none, so absence is checked per target in validatePackage.
  const rom = readSection(issues, value, 'rom', path, false, (object, at) => {
    rejectUnknownKeys(issues, object, ['cid', 'resolvedPath'], at);
    const cid = readString(issues, object, 'cid', at, true);
    const resolvedPath = readString(issues, object, 'resolvedPath', at, false);
    return { cid: cid ?? '', ...(resolvedPath !== undefined ? { resolvedPath } : {}) };
  });
  const drives = readDrives(issues, value.flash_drive, [...path, 'flash_drive']);
  const processor = readSection(issues, value, 'processor', path, false, (object, at) => readProcessor(issues, object, at));
  const htif = readSection(issues, value, 'htif', path, false, (object, at): HtifConfig => {
    rejectUnknownKeys(issues, object, ['tohost', 'fromhost', 'console_getchar', 'yield_progress', 'yield_rollup'], at);
    return {
      tohost: readHex(issues, object, 'tohost', at, true) ?? 0n,
      fromhost: readHex(issues, object, 'fromhost', at, true) ?? 0n,
      console_getchar: readBoolean(issues, object, 'console_getchar', at, true) ?? false,
      yield_progress: readBoolean(issues, object, 'yield_progress', at, true) ?? false,
      yield_rollup: readBoolean(issues, object, 'yield_rollup', at, true) ?? false,
    };
  });
  const clint = readSection(issues, value, 'clint', path, false, (object, at): ClintConfig => {
    rejectUnknownKeys(issues, object, ['mtimecmp'], at);
    return { mtimecmp: readHex(issues, object, 'mtimecmp', at, true) ?? 0n };
  });
  if (issues.count > before || !boot || !ram || !drives) return undefined;
  return {
    boot, ram, ...(rom ? { rom } : {}), flash_drive: drives,
    ...(processor ? { processor } : {}), ...(htif ? { htif } : {}), ...(clint ? { clint } : {}),
  };
}

function readSection<T>(
  issues: Issues, parent: Record<string, unknown>, key: string, path: Path, required: boolean,
  read: (object: Record<string, unknown>, at: Path) => T,
): T | undefined {
  const value = parent[key];
  const at = [...path, key];
  if (value === undefined) {
    if (required) issues.error('missing-field', at, `required field "${key}" is missing`);
    return undefined;
  }
  if (!isObject(value)) return void issues.error('wrong-type', at, `expected an object, got ${describe(value)}`);
  return read(value, at);
}

function readDrives(issues: Issues, value: unknown, path: Path): FlashDrive[] | undefined {
  if (value === undefined) return void issues.error('missing-field', path, 'required field "flash_drive" is missing');
  if (!Array.isArray(value)) return void issues.error('wrong-type', path, `expected an array, got ${describe(value)}`);
  return value.flatMap((item, index): FlashDrive[] => {
    const at = [...path, index];
    if (!isObject(item)) { issues.error('wrong-type', at, `expected a drive object, got ${describe(item)}`); return []; }
    rejectUnknownKeys(issues, item, ['start', 'length', 'shared', 'label', 'cid', 'resolvedPath'], at);
    const start = readHex(issues, item, 'start', at, true);
    const length = readHex(issues, item, 'length', at, true);
    const shared = readBoolean(issues, item, 'shared', at, true);
    const label = readString(issues, item, 'label', at, true);
    const cid = readString(issues, item, 'cid', at, false);
    const resolvedPath = readString(issues, item, 'resolvedPath', at, false);
    if (start === undefined || length === undefined || label === undefined) return [];
    return [{
      start, length, shared: shared ?? false, label,
      ...(cid !== undefined ? { cid } : {}), ...(resolvedPath !== undefined ? { resolvedPath } : {}),
    }];
  });
}

function readProcessor(issues: Issues, object: Record<string, unknown>, at: Path): ProcessorConfig {
  rejectUnknownKeys(issues, object, ['x', ...PROCESSOR_CSRS], at);
  const result: Record<string, unknown> = {};
  if (object.x !== undefined) {
    if (!Array.isArray(object.x)) issues.error('wrong-type', [...at, 'x'], `expected an array of HexNumbers, got ${describe(object.x)}`);
    else {
      if (object.x.length > 31) issues.error('wrong-type', [...at, 'x'], `at most 31 registers (x1..x31), got ${object.x.length}`);
      result.x = object.x.map((value, index) => {
        const parsed = parseHexNumber(value, issues.input, jsonPath([...at, 'x', index]));
        if (parsed instanceof CartiError) issues.errors.push(parsed);
        return parsed instanceof CartiError ? 0n : parsed;
      });
    }
  }
  for (const csr of PROCESSOR_CSRS) {
    const value = readHex(issues, object, csr, at, false);
    if (value !== undefined) result[csr] = value;
  }
  return result as ProcessorConfig;
}

function readAssets(issues: Issues, value: unknown): PackageAsset[] | undefined {
  if (value === undefined) return void issues.error('missing-field', ['assets'], 'required field "assets" is missing');
  if (!Array.isArray(value)) return void issues.error('wrong-type', ['assets'], `expected an array, got ${describe(value)}`);
  return value.flatMap((item, index): PackageAsset[] => {
    const at = ['assets', index];
    if (!isObject(item)) { issues.error('wrong-type', at, `expected an asset object, got ${describe(item)}`); return []; }
    const name = readString(issues, item, 'name', at, true);
    const fileName = readString(issues, item, 'fileName', at, true);
    const cid = readString(issues, item, 'cid', at, true);
    if (name === undefined || fileName === undefined || cid === undefined) return [];
    const extra: Record<string, JsonValue> = {};
    for (const [key, extraValue] of Object.entries(item)) {
      if (key !== 'name' && key !== 'fileName' && key !== 'cid') extra[key] = extraValue as JsonValue;
    }
    return [{ name, fileName, cid, ...(Object.keys(extra).length > 0 ? { extra } : {}) }];
  });
}

export interface PackageValidationOptions {
  readonly input?: string;
  /** Defaults to the package's own target (metadata, else legacy when it has a ROM). */
  readonly target?: TargetMachine;
  /** Known file sizes by id: a bundle-backed drive must be at least as long as its file (§4.3). */
  readonly fileSizes?: ReadonlyMap<string, bigint>;
}

/**
 * Semantic validation (§4.3, cartesi-machine.md §8). Returns errors and warnings (`severity`); an empty list
 * means the package is valid for booting on its target. Linux pmem's 2 MiB rule is a warning.
 */
export function validatePackage(pkg: CartiPackage, options: PackageValidationOptions = {}): CartiError[] {
  const input = options.input ?? 'carti-machine-package.json';
  const target = options.target ?? targetOf(pkg);
  const problems: CartiError[] = [];
  const error = (code: string, path: Path, reason: string) => problems.push(new CartiError(code, input, jsonPath(path), reason));
  const warn = (code: string, path: Path, reason: string) => problems.push(new CartiError(code, input, jsonPath(path), reason, 'warning'));
  const config = pkg.machineConfig;
  const assetIds = new Set(pkg.assets.map((asset) => asset.cid));

  pkg.assets.forEach((asset, index) => {
    const parts = parseId(asset.cid, input, jsonPath(['assets', index, 'cid']));
    if (parts instanceof CartiError) problems.push(parts);
  });
  const checkCid = (cid: string | undefined, path: Path) => {
    if (cid === '') error('missing-field', path, 'no image is set (the id is empty)');
    else if (cid !== undefined && !assetIds.has(cid)) error('missing-asset', path, `id ${cid} has no entry in "assets"`);
  };
  checkCid(config.ram.cid, ['machineConfig', 'ram', 'cid']);
  if (config.rom) checkCid(config.rom.cid, ['machineConfig', 'rom', 'cid']);
  else if (target === 'legacy') error('no-rom', ['machineConfig', 'rom'], 'a legacy (ROM-era) package needs a rom');

  if (config.ram.length === 0n || config.ram.length % PAGE !== 0n) {
    error('bad-alignment', ['machineConfig', 'ram', 'length'], `${formatHex(config.ram.length)} is not a positive multiple of 4096`);
  }
  if (target === 'v0.21' && config.ram.length > 1n << 31n) {
    error('bad-alignment', ['machineConfig', 'ram', 'length'], `${formatHex(config.ram.length)} is more than 2 GiB, the v0.21 maximum`);
  }
  if (config.flash_drive.length > MAX_DRIVES) {
    error('too-large', ['machineConfig', 'flash_drive'], `${config.flash_drive.length} drives, at most ${MAX_DRIVES}`);
  }

  const firstIndexByLabel = new Map<string, number>();
  config.flash_drive.forEach((drive, index) => {
    const at = ['machineConfig', 'flash_drive', index];
    checkCid(drive.cid, [...at, 'cid']);
    if (drive.label === '') error('bad-label', [...at, 'label'], 'the label is empty');
    const first = firstIndexByLabel.get(drive.label);
    if (first !== undefined) error('duplicate-label', [...at, 'label'], `label "${drive.label}" is already used by flash_drive[${first}]`);
    else firstIndexByLabel.set(drive.label, index);
    if (drive.label === 'root' && index !== 0) error('root-not-first', [...at, 'label'], `the root drive must be flash_drive[0] (root=… names drive 0), it is at index ${index}`);
    if (drive.start % PAGE !== 0n) error('bad-alignment', [...at, 'start'], `${formatHex(drive.start)} is not a multiple of 4096`);
    if (drive.length === 0n || drive.length % PAGE !== 0n) error('bad-alignment', [...at, 'length'], `${formatHex(drive.length)} is not a positive multiple of 4096`);
    const size = drive.cid !== undefined ? options.fileSizes?.get(drive.cid) : undefined;
    if (size !== undefined && drive.length < size) error('too-large', [...at, 'length'], `${formatHex(drive.length)} is shorter than the bundle file (${size} bytes)`);
    if (target === 'v0.21') validateV021Drive(drive, at, error, warn);
  });
  checkOverlaps(config, target, error);
  const readOnly = getStudioMetadata(pkg)?.readOnlyDrives ?? [];
  readOnly.forEach((label, index) => {
    const at = ['metadata', 'cartiStudio', 'readOnlyDrives', index];
    if (!firstIndexByLabel.has(label)) warn('not-found', at, `no flash drive is labelled "${label}": nothing is made read-only`);
    else if (target === 'legacy') warn('legacy-only', at, 'ROM-era machines have no read-only drives: the drive stays writable in the Lua export');
  });
  return problems;
}

type Report = (code: string, path: Path, reason: string) => void;

function validateV021Drive(drive: FlashDrive, at: Path, error: Report, warn: Report): void {
  if (!V021_LABEL.test(drive.label)) {
    error('bad-label', [...at, 'label'], `"${drive.label}" is not a v0.21 label (lower-case letters, digits and -, at most 31 characters, starting with a letter)`);
  }
  if (drive.start + drive.length > ADDRESSABLE_LIMIT) error('bad-alignment', [...at, 'start'], `the drive ends above 2^56, the v0.21 addressable limit`);
  if (drive.start % bitCeil(drive.length) !== 0n) {
    error('bad-alignment', [...at, 'start'], `${formatHex(drive.start)} is not aligned to ${formatHex(bitCeil(drive.length))}, the length rounded up to a power of two`);
  }
  if (drive.start % TWO_MIB !== 0n || drive.length % TWO_MIB !== 0n) {
    warn('bad-alignment', at, 'Linux pmem needs start and length in multiples of 2 MiB (the emulator only needs 4 KiB)');
  }
}

/** Ranges must not overlap (v0.21: not even after rounding lengths up to a power of two, nor with RAM). */
function checkOverlaps(config: MachineConfig, target: TargetMachine, error: Report): void {
  const span = (length: bigint) => (target === 'v0.21' ? bitCeil(length) : length);
  const ranges = config.flash_drive.map((drive, index) => ({ label: `flash_drive[${index}]`, index, start: drive.start, end: drive.start + span(drive.length) }));
  if (target === 'v0.21') ranges.push({ label: 'ram', index: -1, start: RAM_START, end: RAM_START + bitCeil(config.ram.length) });
  for (let a = 0; a < ranges.length; a += 1) {
    for (let b = a + 1; b < ranges.length; b += 1) {
      const first = ranges[a]!;
      const second = ranges[b]!;
      if (first.start < second.end && second.start < first.end) {
        const drive = first.index >= 0 ? first : second;
        const other = drive === first ? second : first;
        error('overlap', ['machineConfig', 'flash_drive', drive.index], `overlaps ${other.label}`);
      }
    }
  }
}

/** The package as a plain JSON object with HexNumbers as strings, in a stable key order. */
export function packageToJson(pkg: CartiPackage): Record<string, unknown> {
  const config = pkg.machineConfig;
  const opt = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  const machineConfig: Record<string, unknown> = {
    boot: { args: config.boot.args, ...opt('bootPrefix', config.boot.bootPrefix) },
    ram: { length: formatHex(config.ram.length), cid: config.ram.cid, ...opt('resolvedPath', config.ram.resolvedPath) },
    ...(config.rom ? { rom: { cid: config.rom.cid, ...opt('resolvedPath', config.rom.resolvedPath) } } : {}),
    flash_drive: config.flash_drive.map((drive) => ({
      start: formatHex(drive.start), length: formatHex(drive.length), shared: drive.shared, label: drive.label,
      ...opt('cid', drive.cid), ...opt('resolvedPath', drive.resolvedPath),
    })),
  };
  if (config.processor) {
    const processor: Record<string, unknown> = {};
    if (config.processor.x) processor.x = config.processor.x.map(formatHex);
    for (const csr of PROCESSOR_CSRS) {
      const value = config.processor[csr];
      if (value !== undefined) processor[csr] = formatHex(value);
    }
    machineConfig.processor = processor;
  }
  if (config.htif) machineConfig.htif = { ...config.htif, tohost: formatHex(config.htif.tohost), fromhost: formatHex(config.htif.fromhost) };
  if (config.clint) machineConfig.clint = { mtimecmp: formatHex(config.clint.mtimecmp) };
  return {
    machineConfig,
    assets: pkg.assets.map((asset) => ({ name: asset.name, fileName: asset.fileName, cid: asset.cid, ...(asset.extra ?? {}) })),
    version: pkg.version,
    ...opt('metadata', pkg.metadata),
    ...opt('repos', pkg.repos),
  };
}

/** carti's byte layout: 2-space JSON, no trailing newline. */
export function serializePackage(pkg: CartiPackage): string {
  return cartiJson(packageToJson(pkg));
}
