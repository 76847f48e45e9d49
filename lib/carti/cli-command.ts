/**
 * A cartesi-machine v0.21 command line for a package (cartesi-machine.md §15), built as lib/machine's
 * `RunOptions` and written by its `runOptionsToArgv`/`formatCommandLine`, so `carti-studio run` parses it
 * back to the same machine. It describes the same machine as `toMachineConfig`: no splash, the package's
 * drives (non-root ones mounted by the CLI at /mnt/<label>), the entrypoint as one word after `--`.
 */
import { assetPath, DEFAULT_LUA_BASE } from './lua-config';
import { decodeStoredText } from './lua-string';
import { getStudioMetadata, readOnlyLabels } from './studio-metadata';
import { ociInitLines } from './oci-init';
import type { CartiPackage } from './types';
import { defaultRunOptions, formatCommandLine, runOptionsToArgv, type RunOptions } from '../machine/cli-args';

export interface CliCommandOptions {
  readonly base?: string;
  readonly program?: string;
}

export function toRunOptions(pkg: CartiPackage, options: CliCommandOptions = {}): RunOptions {
  const base = options.base ?? DEFAULT_LUA_BASE;
  const config = pkg.machineConfig;
  const studio = getStudioMetadata(pkg);
  const readOnly = readOnlyLabels(pkg);
  const run = defaultRunOptions();
  run.ramLength = config.ram.length;
  run.ramImage = assetPath(pkg, config.ram.cid, config.ram.resolvedPath, base, 'machineConfig.ram.cid');
  run.noRootFlashDrive = !config.flash_drive.some((drive) => drive.label === 'root');
  run.flashDrives = config.flash_drive.map((drive, index) => {
    const bundleless = drive.cid === undefined && drive.resolvedPath === undefined;
    return {
      label: drive.label,
      ...(bundleless ? {} : { data_filename: assetPath(pkg, drive.cid ?? '', drive.resolvedPath, base, `machineConfig.flash_drive[${index}].cid`), truncate: true }),
      start: drive.start,
      length: drive.length,
      ...(drive.shared ? { shared: true } : {}),
      ...(readOnly.has(drive.label) ? { read_only: true } : {}),
    };
  });
  run.initSplash = false;
  if (studio?.init) run.initLines = studio.init.split('\n').filter((line) => line !== '').map((text) => ({ kind: 'append' as const, text }));
  else if (studio?.oci) run.initLines = ociInitLines(studio.oci);
  const entrypoint = studio?.entrypoint ?? decodeStoredText(config.boot.args).text;
  run.entrypoint = entrypoint === '' ? [] : [entrypoint];
  return run;
}

/** argv (without the program) and the same as one shell-quoted line. */
export function toCartesiMachineCommand(pkg: CartiPackage, options: CliCommandOptions = {}): { argv: string[]; line: string } {
  const argv = runOptionsToArgv(toRunOptions(pkg, options));
  return { argv, line: formatCommandLine(argv, options.program ?? 'cartesi-machine') };
}
