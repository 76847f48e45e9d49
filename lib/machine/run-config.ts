/**
 * Between `RunOptions` (cartesi-machine flags) and `MachineConfig`: what the v0.21 CLI does with its flags
 * before creating the machine (cartesi-machine.md §12.3, §12.4, §15), and the way back for the composer's
 * "cartesi-machine command line" export.
 */
import { defaultMachineConfig, type MachineConfig, type MemoryRangeConfig } from './config';
import { defaultRunOptions, formatCommandLine, runOptionsToArgv, type FlashDriveOption, type RunOptions } from './cli-args';
import { v021Bootargs } from './bootargs';
import { entrypointText, initText, INIT_SPLASH, type DriveInit } from './init-text';
import { CartiError } from './errors';
import {
  HTIF_CONSOLE_GETCHAR_MASK,
  HTIF_CONSOLE_PUTCHAR_MASK,
  HTIF_YIELD_AUTOMATIC_MASK,
  HTIF_YIELD_MANUAL_MASK,
  ROOT_LABEL,
} from './constants';

/** The RAM image the CLI uses when none is given, resolved against the images directory by the runner. */
export const DEFAULT_RAM_IMAGE = 'linux.bin';

/**
 * Where the CLI mounts a drive: `mount:false` never, `mount:true` or no `mount` key at `/mnt/<label>` —
 * the latter only when the drive has a file or is formatted by `mke2fs`.
 */
function mountPoint(drive: FlashDriveOption, mke2fs: boolean): string | undefined {
  if (drive.mount === false) return undefined;
  if (typeof drive.mount === 'string') return drive.mount;
  if (drive.mount === true) return `/mnt/${drive.label}`;
  return (drive.data_filename ?? '') !== '' || mke2fs ? `/mnt/${drive.label}` : undefined;
}

/**
 * How the words after `--` become the entrypoint. One word is a shell command as cartesi-machine users write
 * it (`-- "ls /mnt | wc -l"`) and is kept verbatim, exactly as the v0.21 CLI does. Several words are an
 * argv, as a shell passed it (`-- sh -c 'exit 7'`): each word is quoted when it needs it, so the guest runs
 * that argv. Words that need no quoting (`-- uname -a`) give the same text as cartesi-machine either way.
 */
export function entrypointJoin(argv: readonly string[]): 'cartesi' | 'shell' {
  return argv.length <= 1 ? 'cartesi' : 'shell';
}

export function runOptionsToConfig(options: RunOptions): MachineConfig {
  const config = defaultMachineConfig();
  config.ram = { length: options.ramLength, image: options.ramImage ?? DEFAULT_RAM_IMAGE };
  const drives: DriveInit[] = [];
  config.flash_drive = options.flashDrives.map((drive, index): MemoryRangeConfig => {
    const dataFilename = drive.data_filename ?? '';
    // A drive without a file is formatted unless told otherwise (src/cartesi-machine.lua, v0.21 line).
    const mke2fs = drive.mke2fs ?? dataFilename === '';
    drives.push({ label: drive.label, index, mke2fs, mount: mountPoint(drive, mke2fs), user: drive.user, readOnly: drive.read_only });
    const range: MemoryRangeConfig = {
      label: drive.label,
      read_only: drive.read_only ?? false,
      backing_store: { data_filename: dataFilename, shared: drive.shared ?? false, truncate: drive.truncate ?? false },
    };
    if (drive.create !== undefined) range.backing_store.create = drive.create;
    if (drive.start !== undefined) range.start = drive.start;
    if (drive.length !== undefined) range.length = drive.length;
    return range;
  });
  const root = options.flashDrives.find((drive) => drive.label === ROOT_LABEL);
  config.dtb = {
    bootargs: v021Bootargs({
      noBootargs: options.noBootargs,
      noRootFlashDrive: options.noRootFlashDrive,
      rootReadOnly: root?.read_only ?? false,
      append: options.appendBootargs,
    }),
    init: initText({ splash: options.initSplash, drives, lines: options.initLines }),
    entrypoint: entrypointText({ appendLines: options.appendEntrypoint, argv: options.entrypoint, join: entrypointJoin(options.entrypoint) }),
  };
  config.htif.iconsole = HTIF_CONSOLE_PUTCHAR_MASK | (options.interactive ? HTIF_CONSOLE_GETCHAR_MASK : 0n);
  config.htif.iyield =
    (options.noYieldAutomatic ? 0n : HTIF_YIELD_AUTOMATIC_MASK) | (options.noYieldManual ? 0n : HTIF_YIELD_MANUAL_MASK);
  // -i makes the machine unreproducible (§9.1).
  if (options.interactive) config.processor = { registers: { iunrep: 1n } };
  return config;
}

export interface ConfigToRunOptionsResult {
  options: RunOptions;
  /** Parts of the config that the flags cannot reproduce exactly (empty when the round trip is exact). */
  notes: string[];
}

/**
 * Flags that rebuild `config`. Drives are given with `mount:false` and the whole init text is passed with
 * one `--append-init`, so the CLI regenerates exactly the same init; the entrypoint is passed as one word
 * after `--`, which the CLI copies verbatim.
 */
export function configToRunOptions(config: MachineConfig): ConfigToRunOptionsResult {
  const options = defaultRunOptions();
  const notes: string[] = [];
  options.ramLength = config.ram.length;
  if (config.ram.image !== DEFAULT_RAM_IMAGE) options.ramImage = config.ram.image;

  const hasRoot = config.flash_drive[0]?.label === ROOT_LABEL;
  if (!hasRoot) {
    options.noRootFlashDrive = true;
    options.flashDrives = [];
  }
  options.flashDrives = config.flash_drive.map((drive, index) => {
    if (drive.label === undefined) {
      throw new CartiError('unrepresentable', 'machine config', `flash_drive[${index}].label`,
        'cartesi-machine --flash-drive needs a label');
    }
    const option: FlashDriveOption = { label: drive.label, data_filename: drive.backing_store.data_filename };
    if (drive.start !== undefined) option.start = drive.start;
    if (drive.length !== undefined) option.length = drive.length;
    if (drive.backing_store.shared) option.shared = true;
    if (drive.backing_store.truncate) option.truncate = true;
    if (drive.backing_store.create) option.create = true;
    if (drive.read_only) option.read_only = true;
    if (drive.label !== ROOT_LABEL) {
      option.mount = false;
      if (drive.backing_store.data_filename === '') option.mke2fs = false;
    }
    return option;
  });
  if (config.nvram.length > 0) notes.push('NVRAMs are not exported: carti-studio run has no --nvram yet');

  const rootReadOnly = hasRoot && config.flash_drive[0].read_only;
  const base = v021Bootargs({ noRootFlashDrive: !hasRoot, rootReadOnly });
  if (config.dtb.bootargs.startsWith(`${base} `)) {
    options.appendBootargs = [config.dtb.bootargs.slice(base.length + 1)];
  } else if (config.dtb.bootargs !== base) {
    options.noBootargs = true;
    if (config.dtb.bootargs !== '') {
      options.appendBootargs = [config.dtb.bootargs];
      // The CLI appends " " + text even to empty bootargs.
      notes.push('custom bootargs: cartesi-machine will prefix them with one space');
    }
  }

  let init = config.dtb.init;
  options.initSplash = init.startsWith(INIT_SPLASH);
  if (options.initSplash) init = init.slice(INIT_SPLASH.length);
  if (init !== '') {
    if (!init.endsWith('\n')) notes.push('init text gains a final newline');
    options.initLines = [{ kind: 'append', text: init.endsWith('\n') ? init.slice(0, -1) : init }];
  }
  if (config.dtb.entrypoint !== '') options.entrypoint = [config.dtb.entrypoint];

  const { iconsole, iyield } = config.htif;
  options.interactive = (iconsole & HTIF_CONSOLE_GETCHAR_MASK) !== 0n;
  options.noYieldAutomatic = (iyield & HTIF_YIELD_AUTOMATIC_MASK) === 0n;
  options.noYieldManual = (iyield & HTIF_YIELD_MANUAL_MASK) === 0n;
  if ((iconsole & HTIF_CONSOLE_PUTCHAR_MASK) === 0n) notes.push('console putchar disabled: no flag for that');
  const registers = Object.keys(config.processor?.registers ?? {}).filter((name) => name !== 'iunrep');
  if (registers.length > 0) notes.push(`processor register overrides (${registers.join(', ')}) have no flags`);
  return { options, notes };
}

export interface CommandLineExport {
  argv: string[];
  /** `cartesi-machine …` with every argument shell-quoted when needed. */
  line: string;
  notes: string[];
}

/** The composer's "cartesi-machine command line" export of `config`. */
export function configToCommandLine(config: MachineConfig, program = 'cartesi-machine'): CommandLineExport {
  const { options, notes } = configToRunOptions(config);
  const argv = runOptionsToArgv(options);
  return { argv, line: formatCommandLine(argv, program), notes };
}
