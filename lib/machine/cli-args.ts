/**
 * The cartesi-machine v0.21 flags that `carti-studio run` accepts (cartesi-machine.md §15), parsed into a
 * typed `RunOptions`, and the reverse: an argv (and a shell-quoted command line) from `RunOptions`.
 */
import { CartiError } from './errors';
import { parseCliNumber } from './cli-number';
import { ENV_NAME_PATTERN, type InitLine } from './init-text';
import { shellQuote } from './shell-quote';
import { DEFAULT_RAM_LENGTH, MCYCLE_MAX, ROOT_LABEL } from './constants';

export interface FlashDriveOption {
  label: string;
  /** Host file; undefined keeps an earlier definition's file (or none: zero-filled). */
  data_filename?: string;
  start?: bigint;
  length?: bigint;
  shared?: boolean;
  create?: boolean;
  truncate?: boolean;
  read_only?: boolean;
  mke2fs?: boolean;
  /** `mount:false`, `mount:true` (= /mnt/<label>) or a mount point; undefined = the CLI's default. */
  mount?: string | boolean;
  user?: string;
}

export interface RunOptions {
  ramLength: bigint;
  /** undefined = the default image (`linux.bin` in the images directory); '' = `--no-ram-image`. */
  ramImage?: string;
  noBootargs: boolean;
  appendBootargs: string[];
  noRootFlashDrive: boolean;
  /** Drives in order; the implicit root (`label:root,data_filename:rootfs.ext2`) first unless removed. */
  flashDrives: FlashDriveOption[];
  initSplash: boolean;
  /** `-u`, `-e`, `-w`, `-h`, `--append-init` in command-line order. */
  initLines: InitLine[];
  appendEntrypoint: string[];
  /** `-i` / `--htif-console-getchar`. */
  interactive: boolean;
  noYieldManual: boolean;
  noYieldAutomatic: boolean;
  maxMcycle: bigint;
  quiet: boolean;
  /** Words after `--` (or from the first non-option word on). */
  entrypoint: string[];
}

/** The default root drive file name, resolved against the images directory by the runner. */
export const DEFAULT_ROOT_IMAGE = 'rootfs.ext2';

export function defaultRunOptions(): RunOptions {
  return {
    ramLength: DEFAULT_RAM_LENGTH,
    noBootargs: false,
    appendBootargs: [],
    noRootFlashDrive: false,
    flashDrives: [{ label: ROOT_LABEL, data_filename: DEFAULT_ROOT_IMAGE }],
    initSplash: true,
    initLines: [],
    appendEntrypoint: [],
    interactive: false,
    noYieldManual: false,
    noYieldAutomatic: false,
    maxMcycle: MCYCLE_MAX,
    quiet: false,
    entrypoint: [],
  };
}

const INPUT = 'cartesi-machine arguments';

function fail(code: string, flag: string, reason: string): never {
  throw new CartiError(code, INPUT, flag, reason);
}

type Handler = (options: RunOptions, value: string, flag: string) => void;

/** Flags taking a value (`--flag=value`; the short ones also `-x value`). */
const VALUE_FLAGS: Record<string, Handler> = {
  '--ram-length': (o, v, f) => { o.ramLength = parseCliNumber(v, f); },
  '--ram-image': (o, v) => { o.ramImage = v; },
  '--append-bootargs': (o, v) => { o.appendBootargs.push(v); },
  '--flash-drive': (o, v, f) => mergeFlashDrive(o, parseFlashDrive(v, f)),
  '--append-init': (o, v) => { o.initLines.push({ kind: 'append', text: v }); },
  '--append-entrypoint': (o, v) => { o.appendEntrypoint.push(v); },
  '--max-mcycle': (o, v, f) => { o.maxMcycle = parseCliNumber(v, f); },
  '--user': (o, v) => { o.initLines.push({ kind: 'user', user: v }); },
  '--env': (o, v, f) => o.initLines.push(parseEnv(v, f)),
  '--workdir': (o, v) => { o.initLines.push({ kind: 'workdir', path: v }); },
  '--hostname': (o, v) => { o.initLines.push({ kind: 'hostname', hostname: v }); },
};
const SHORT_VALUE_FLAGS: Record<string, string> = { '-u': '--user', '-e': '--env', '-w': '--workdir', '-h': '--hostname' };

const SWITCHES: Record<string, (options: RunOptions) => void> = {
  '--no-ram-image': (o) => { o.ramImage = ''; },
  '--no-bootargs': (o) => { o.noBootargs = true; },
  '--no-root-flash-drive': (o) => {
    if (o.flashDrives[0]?.label !== ROOT_LABEL) fail('no-root-drive', '--no-root-flash-drive', 'there is no root flash drive to remove');
    o.flashDrives.shift();
    o.noRootFlashDrive = true;
  },
  '--no-init-splash': (o) => { o.initSplash = false; },
  '-i': (o) => { o.interactive = true; },
  '--htif-console-getchar': (o) => { o.interactive = true; },
  '--no-htif-yield-manual': (o) => { o.noYieldManual = true; },
  '--no-htif-yield-automatic': (o) => { o.noYieldAutomatic = true; },
  '--quiet': (o) => { o.quiet = true; },
};

/** Flags of cartesi-machine that `run` recognises but does not implement (a clear error beats "unknown"). */
const UNSUPPORTED = new Set(['-it', '--virtio-console', '--virtio-9p', '--network', '-n', '-p', '--gdb', '--nvram',
  '--append-init-file', '--append-entrypoint-file', '--load', '--store', '--load-config', '--store-config',
  '--cmio-advance-state', '--cmio-inspect-state', '--replace-memory-range', '--replace-flash-drive']);

export function parseRunArgs(argv: readonly string[]): RunOptions {
  const options = defaultRunOptions();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.entrypoint = argv.slice(i + 1);
      break;
    }
    if (!arg.startsWith('-')) {
      // As the CLI: the first non-option word starts the entrypoint.
      options.entrypoint = argv.slice(i);
      break;
    }
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const long = SHORT_VALUE_FLAGS[name] ?? name;
    const handler = VALUE_FLAGS[long];
    if (handler) {
      let value: string | undefined = equals < 0 ? undefined : arg.slice(equals + 1);
      if (value === undefined && SHORT_VALUE_FLAGS[name] && i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
        value = argv[++i];
      }
      if (value === undefined || value === '') fail('missing-value', name, `${name} needs a value`);
      handler(options, value, name);
      continue;
    }
    const toggle = SWITCHES[arg];
    if (toggle) {
      toggle(options);
      continue;
    }
    if (UNSUPPORTED.has(name)) fail('unsupported-flag', name, `${name} is a cartesi-machine flag that carti-studio run does not support`);
    fail('unknown-flag', name, `unknown flag ${JSON.stringify(arg)}`);
  }
  return options;
}

function parseEnv(value: string, flag: string): InitLine {
  const equals = value.indexOf('=');
  const name = value.slice(0, equals);
  if (equals <= 0 || !ENV_NAME_PATTERN.test(name) || equals === value.length - 1) {
    fail('bad-env', flag, `${JSON.stringify(value)}: expected NAME=VALUE with NAME made of letters, digits and '_'`);
  }
  return { kind: 'env', name, value: value.slice(equals + 1) };
}

const DRIVE_KEYS = new Set(['label', 'data_filename', 'start', 'length', 'shared', 'create', 'truncate', 'read_only', 'mke2fs', 'mount', 'user']);
const DRIVE_BOOLEAN_KEYS = new Set(['shared', 'create', 'truncate', 'read_only', 'mke2fs']);

/** `label:…,data_filename:…[,start:…,length:…,shared,read_only,mount:…,user:…]`. */
export function parseFlashDrive(text: string, flag = '--flash-drive'): FlashDriveOption {
  const fields = new Map<string, string | true>();
  for (const item of text.split(',')) {
    const colon = item.indexOf(':');
    const key = colon < 0 ? item : item.slice(0, colon);
    if (!DRIVE_KEYS.has(key)) {
      const hint = key === 'filename' ? ' (v0.20+ calls it data_filename)' : '';
      fail('bad-flash-drive', flag, `unknown key ${JSON.stringify(key)} in ${JSON.stringify(text)}${hint}`);
    }
    if (fields.has(key)) fail('bad-flash-drive', flag, `key ${key} given twice in ${JSON.stringify(text)}`);
    fields.set(key, colon < 0 ? true : item.slice(colon + 1));
  }
  const valueOf = (key: string): string | undefined => {
    const value = fields.get(key);
    if (value === true) fail('bad-flash-drive', flag, `${key} needs a value in ${JSON.stringify(text)}`);
    return value;
  };
  const label = valueOf('label');
  if (label === undefined || label === '') fail('bad-flash-drive', flag, `missing label in ${JSON.stringify(text)}`);
  const drive: FlashDriveOption = { label };
  const dataFilename = valueOf('data_filename');
  if (dataFilename !== undefined) drive.data_filename = dataFilename;
  const start = valueOf('start');
  if (start !== undefined) drive.start = parseCliNumber(start, `${flag} start`);
  const length = valueOf('length');
  if (length !== undefined) drive.length = parseCliNumber(length, `${flag} length`);
  for (const key of DRIVE_BOOLEAN_KEYS) {
    const value = fields.get(key);
    if (value === undefined) continue;
    if (value === true || value === 'true') (drive as unknown as Record<string, boolean>)[key] = true;
    else if (value === 'false') (drive as unknown as Record<string, boolean>)[key] = false;
    else fail('bad-flash-drive', flag, `${key} must be true or false, not ${JSON.stringify(value)}`);
  }
  const mount = valueOf('mount');
  for (const key of ['mount', 'user']) {
    if (fields.get(key) === '') fail('bad-flash-drive', flag, `${key} needs a value in ${JSON.stringify(text)}`);
  }
  if (mount !== undefined) drive.mount = mount === 'true' ? true : mount === 'false' ? false : mount;
  const user = valueOf('user');
  if (user !== undefined) drive.user = user;
  return drive;
}

/** A drive with an existing label updates that drive's given fields (keeping its position); others are added. */
function mergeFlashDrive(options: RunOptions, drive: FlashDriveOption): void {
  const existing = options.flashDrives.find((candidate) => candidate.label === drive.label);
  if (existing) Object.assign(existing, drive);
  else options.flashDrives.push(drive);
}

/** argv that `parseRunArgs` turns back into `options` (flags in a fixed order, then `--` and the entrypoint). */
export function runOptionsToArgv(options: RunOptions): string[] {
  const argv: string[] = [];
  if (options.ramLength !== DEFAULT_RAM_LENGTH) argv.push(`--ram-length=${numberText(options.ramLength)}`);
  if (options.ramImage === '') argv.push('--no-ram-image');
  else if (options.ramImage !== undefined) argv.push(`--ram-image=${options.ramImage}`);
  if (options.noBootargs) argv.push('--no-bootargs');
  for (const text of options.appendBootargs) argv.push(`--append-bootargs=${text}`);
  if (options.noRootFlashDrive) argv.push('--no-root-flash-drive');
  for (const drive of options.flashDrives) {
    const isDefaultRoot = drive.label === ROOT_LABEL && drive.data_filename === DEFAULT_ROOT_IMAGE && Object.keys(drive).length === 2;
    if (!isDefaultRoot) argv.push(`--flash-drive=${flashDriveText(drive)}`);
  }
  if (!options.initSplash) argv.push('--no-init-splash');
  for (const line of options.initLines) argv.push(initLineFlag(line));
  for (const text of options.appendEntrypoint) argv.push(`--append-entrypoint=${text}`);
  if (options.interactive) argv.push('-i');
  if (options.noYieldManual) argv.push('--no-htif-yield-manual');
  if (options.noYieldAutomatic) argv.push('--no-htif-yield-automatic');
  if (options.maxMcycle !== MCYCLE_MAX) argv.push(`--max-mcycle=${options.maxMcycle}`);
  if (options.quiet) argv.push('--quiet');
  if (options.entrypoint.length > 0) argv.push('--', ...options.entrypoint);
  return argv;
}

function numberText(value: bigint): string {
  return `0x${value.toString(16)}`;
}

export function flashDriveText(drive: FlashDriveOption): string {
  const items = [`label:${drive.label}`];
  if (drive.data_filename !== undefined) items.push(`data_filename:${drive.data_filename}`);
  if (drive.start !== undefined) items.push(`start:${numberText(drive.start)}`);
  if (drive.length !== undefined) items.push(`length:${numberText(drive.length)}`);
  for (const key of DRIVE_BOOLEAN_KEYS) {
    const value = (drive as unknown as Record<string, boolean | undefined>)[key];
    if (value !== undefined) items.push(value ? key : `${key}:false`);
  }
  if (drive.mount !== undefined) items.push(`mount:${String(drive.mount)}`);
  if (drive.user !== undefined) items.push(`user:${drive.user}`);
  for (const item of items) {
    // The flag syntax has no escapes: a ',' inside a value cannot be written.
    if (item.slice(item.indexOf(':') + 1).includes(',')) {
      fail('unrepresentable', '--flash-drive', `${JSON.stringify(item)} contains ',' which the flag syntax cannot carry`);
    }
  }
  return items.join(',');
}

function initLineFlag(line: InitLine): string {
  switch (line.kind) {
    case 'env': return `--env=${line.name}=${line.value}`;
    case 'user': return `--user=${line.user}`;
    case 'workdir': return `--workdir=${line.path}`;
    case 'hostname': return `--hostname=${line.hostname}`;
    case 'append': return `--append-init=${line.text}`;
  }
}

/** One shell command line: `cartesi-machine` followed by every argument quoted when needed. */
export function formatCommandLine(argv: readonly string[], program = 'cartesi-machine'): string {
  return [program, ...argv].map(shellQuote).join(' ');
}
