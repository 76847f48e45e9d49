/**
 * The JSON machine configuration that cartesi-machine v0.21 reads with `--load-config` and writes with
 * `--store-config` (cartesi-machine.md §14): numbers are exact JSON integers, HTIF masks live in
 * `processor.registers.htif`, backing files in `backing_store`.
 */
import {
  defaultMachineConfig,
  PROCESSOR_REGISTER_NAMES,
  type MachineConfig,
  type MemoryRangeConfig,
  type ProcessorRegisterName,
} from './config';
import { CartiError } from './errors';
import { parseExact, stringifyExact, type ExactJson } from './json-exact';
import { resolveStarts, type PlacedRange } from './layout';
import { UINT64_MAX } from './constants';

type JsonObject = { [key: string]: ExactJson | undefined };

/**
 * v0.21 JSON text for `config`. Automatic starts are written out as `adjustStarts` computes them (the
 * emulator would compute the same); a start that cannot be computed yet and an unknown length are left
 * to the emulator (start omitted; length 2^64 − 1, the CLI's "-1 = size of the file").
 */
export function toV021Json(config: MachineConfig): string {
  const { flashDrives, nvrams } = resolveStarts(config);
  const registers: JsonObject = {};
  for (const name of PROCESSOR_REGISTER_NAMES) {
    const value = config.processor?.registers[name];
    if (value !== undefined) registers[name] = value;
  }
  registers.htif = { ihalt: config.htif.ihalt, iconsole: config.htif.iconsole, iyield: config.htif.iyield };
  const document: JsonObject = {
    processor: { registers },
    ram: { length: config.ram.length, backing_store: { data_filename: config.ram.image } },
    dtb: { bootargs: config.dtb.bootargs, init: config.dtb.init, entrypoint: config.dtb.entrypoint },
    flash_drive: config.flash_drive.map((range, i) => rangeJson(range, flashDrives[i])),
    nvram: config.nvram.map((range, i) => rangeJson(range, nvrams[i])),
  };
  return stringifyExact(document) + '\n';
}

function rangeJson(range: MemoryRangeConfig, placed: PlacedRange): JsonObject {
  return {
    label: range.label,
    start: placed.start,
    length: range.length ?? UINT64_MAX,
    read_only: range.read_only,
    backing_store: {
      data_filename: range.backing_store.data_filename,
      shared: range.backing_store.shared,
      truncate: range.backing_store.truncate,
      create: range.backing_store.create,
    },
  };
}

/**
 * Read a v0.21 JSON config (the subset this model holds; other keys are ignored). Wrong types and
 * non-integer numbers are `CartiError`s naming the JSON path.
 */
export function fromV021Json(text: string, input = 'machine config JSON'): MachineConfig {
  const root = objectAt(parseExact(text, input), '$', input);
  const config = defaultMachineConfig();
  const field = (object: JsonObject, key: string): ExactJson | undefined => object[key];

  const processor = optionalObject(field(root, 'processor'), 'processor', input);
  const registers = processor && optionalObject(field(processor, 'registers'), 'processor.registers', input);
  if (registers) {
    const overrides: Partial<Record<ProcessorRegisterName, bigint>> = {};
    for (const name of PROCESSOR_REGISTER_NAMES) {
      const value = field(registers, name);
      if (value !== undefined) overrides[name] = uint64At(value, `processor.registers.${name}`, input);
    }
    if (Object.keys(overrides).length > 0) config.processor = { registers: overrides };
    const htif = optionalObject(field(registers, 'htif'), 'processor.registers.htif', input);
    for (const key of ['ihalt', 'iconsole', 'iyield'] as const) {
      const value = htif && field(htif, key);
      if (value !== undefined) config.htif[key] = uint64At(value, `processor.registers.htif.${key}`, input);
    }
  }

  const ram = optionalObject(field(root, 'ram'), 'ram', input);
  if (ram) {
    if (ram.length !== undefined) config.ram.length = uint64At(ram.length, 'ram.length', input);
    const store = optionalObject(ram.backing_store, 'ram.backing_store', input);
    if (store?.data_filename !== undefined) config.ram.image = stringAt(store.data_filename, 'ram.backing_store.data_filename', input);
  }

  const dtb = optionalObject(field(root, 'dtb'), 'dtb', input);
  for (const key of ['bootargs', 'init', 'entrypoint'] as const) {
    const value = dtb && field(dtb, key);
    if (value !== undefined) config.dtb[key] = stringAt(value, `dtb.${key}`, input);
  }

  config.flash_drive = rangesAt(field(root, 'flash_drive'), 'flash_drive', input);
  config.nvram = rangesAt(field(root, 'nvram'), 'nvram', input);
  return config;
}

function rangesAt(value: ExactJson | undefined, path: string, input: string): MemoryRangeConfig[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw typeError(path, 'an array', input);
  return value.map((item, i) => {
    const at = `${path}[${i}]`;
    const object = objectAt(item, at, input);
    const store = optionalObject(object.backing_store, `${at}.backing_store`, input) ?? {};
    const length = object.length === undefined ? undefined : uint64At(object.length, `${at}.length`, input);
    const range: MemoryRangeConfig = {
      read_only: object.read_only === undefined ? false : booleanAt(object.read_only, `${at}.read_only`, input),
      backing_store: {
        data_filename: store.data_filename === undefined ? '' : stringAt(store.data_filename, `${at}.backing_store.data_filename`, input),
        shared: store.shared === undefined ? false : booleanAt(store.shared, `${at}.backing_store.shared`, input),
        truncate: store.truncate === undefined ? false : booleanAt(store.truncate, `${at}.backing_store.truncate`, input),
      },
    };
    if (store.create !== undefined) range.backing_store.create = booleanAt(store.create, `${at}.backing_store.create`, input);
    if (object.label !== undefined) range.label = stringAt(object.label, `${at}.label`, input);
    if (object.start !== undefined) range.start = uint64At(object.start, `${at}.start`, input);
    // 2^64 − 1 is the "take the file size" marker, not a length.
    if (length !== undefined && length !== UINT64_MAX) range.length = length;
    return range;
  });
}

function typeError(path: string, expected: string, input: string): CartiError {
  return new CartiError('bad-type', input, path, `expected ${expected}`);
}

function objectAt(value: ExactJson | undefined, path: string, input: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw typeError(path, 'an object', input);
  return value;
}

function optionalObject(value: ExactJson | undefined, path: string, input: string): JsonObject | undefined {
  return value === undefined ? undefined : objectAt(value, path, input);
}

function uint64At(value: ExactJson | undefined, path: string, input: string): bigint {
  if (typeof value !== 'bigint') throw typeError(path, 'an integer', input);
  // v0.21 reads -1 for mvendorid/marchid/mimpid as "all ones" (§1); other negatives are errors.
  if (value === -1n) return UINT64_MAX;
  if (value < 0n || value > UINT64_MAX) {
    throw new CartiError('not-uint64', input, path, `${value} is not an unsigned 64-bit value`);
  }
  return value;
}

function stringAt(value: ExactJson | undefined, path: string, input: string): string {
  if (typeof value !== 'string') throw typeError(path, 'a string', input);
  return value;
}

function booleanAt(value: ExactJson | undefined, path: string, input: string): boolean {
  if (typeof value !== 'boolean') throw typeError(path, 'a boolean', input);
  return value;
}
