/**
 * Exports of a machine package (carti-formats.md §7, §8; cartesi-machine.md §12, §14, §15): the ROM-era Lua
 * config and `mtdparts` bootargs for legacy packages, and the v0.21 machine model (→ JSON config via
 * lib/machine) and pmem bootargs for current ones.
 */
import { CartiError } from './errors';
import { decodeStoredText } from './lua-string';
import { assetPath, DEFAULT_LUA_BASE } from './lua-config';
import { getStudioMetadata, readOnlyLabels } from './studio-metadata';
import { ociInitLines } from './oci-init';
import type { CartiPackage } from './types';
import { legacyCartiBootargs, v021Bootargs as machineV021Bootargs } from '../machine/bootargs';
import { defaultMachineConfig, memoryRange, type MachineConfig } from '../machine/config';
import { initText } from '../machine/init-text';

export { toLua, DEFAULT_LUA_BASE } from './lua-config';
export type { LuaExportOptions } from './lua-config';
export { toCartesiMachineCommand, toRunOptions } from './cli-command';

/** ROM-era bootargs as real text (stored args and prefix decoded, §8.2), for display and non-Lua use. */
export function legacyBootargs(pkg: CartiPackage): { text: string; warnings: CartiError[] } {
  const { boot, flash_drive } = pkg.machineConfig;
  const args = decodeStoredText(boot.args, 'machine package', 'machineConfig.boot.args');
  const prefix = boot.bootPrefix === undefined ? undefined : decodeStoredText(boot.bootPrefix, 'machine package', 'machineConfig.boot.bootPrefix');
  const text = legacyCartiBootargs({ labels: flash_drive.map((drive) => drive.label), args: args.text, ...(prefix ? { bootPrefix: prefix.text } : {}) });
  return { text, warnings: [args.warning, prefix?.warning].filter((w): w is CartiError => w !== undefined) };
}

/**
 * v0.21 bootargs (§7.2): the v0.21 default; without a `root` drive, `root=`/`init=` are dropped; a read-only
 * root turns `rw` into `ro` (cartesi-machine.md §12.3).
 */
export function v021Bootargs(pkg: CartiPackage): string {
  const hasRoot = pkg.machineConfig.flash_drive.some((drive) => drive.label === 'root');
  return machineV021Bootargs({ noRootFlashDrive: !hasRoot, rootReadOnly: hasRoot && readOnlyLabels(pkg).has('root') });
}

export interface V021ExportOptions {
  /** Directory holding `<cid>/<fileName>` (a store); default `/opt/carti/packages`. */
  readonly base?: string;
  /** Show the Cartesi splash in init, as the CLI does unless `--no-init-splash`. Default false. */
  readonly splash?: boolean;
}

/**
 * The v0.21 machine model of a package (feed it to lib/machine's `toV021Json` for the JSON config).
 * entrypoint = `metadata.cartiStudio.entrypoint`, else the decoded `boot.args` (§9); init = the metadata's
 * init, else the CLI's mount lines for non-root drives at `/mnt/<label>` (§7.2), then an imported image's
 * user, env and workdir (`metadata.cartiStudio.oci`, lib/carti/oci-init.ts).
 */
export function toMachineConfig(pkg: CartiPackage, options: V021ExportOptions = {}): { config: MachineConfig; warnings: CartiError[] } {
  const base = options.base ?? DEFAULT_LUA_BASE;
  const config = pkg.machineConfig;
  const studio = getStudioMetadata(pkg);
  const warnings: CartiError[] = [];
  const readOnly = readOnlyLabels(pkg);
  const args = decodeStoredText(config.boot.args, 'machine package', 'machineConfig.boot.args');
  if (args.warning) warnings.push(args.warning);
  if (config.rom) warnings.push(new CartiError('legacy-only', 'machine package', 'machineConfig.rom', 'v0.21 has no ROM: the rom is ignored', 'warning'));
  const drives = config.flash_drive.map((drive, index) => {
    const bundleless = drive.cid === undefined && drive.resolvedPath === undefined;
    const path = bundleless ? '' : assetPath(pkg, drive.cid ?? '', drive.resolvedPath, base, `machineConfig.flash_drive[${index}].cid`);
    // truncate: a drive may be longer than its image (lengths are padded to 2 MiB for pmem, §9).
    return memoryRange({
      label: drive.label, start: drive.start, length: drive.length, read_only: readOnly.has(drive.label),
      backing_store: { data_filename: path, shared: drive.shared, truncate: !bundleless },
    });
  });
  const machine = defaultMachineConfig();
  machine.ram = { length: config.ram.length, image: assetPath(pkg, config.ram.cid, config.ram.resolvedPath, base, 'machineConfig.ram.cid') };
  machine.flash_drive = drives;
  machine.dtb = {
    bootargs: v021Bootargs(pkg),
    init: studio?.init ?? initText({
      splash: options.splash ?? false,
      drives: config.flash_drive.map((drive, index) => ({ label: drive.label, index, mount: `/mnt/${drive.label}`, readOnly: readOnly.has(drive.label) })),
      lines: studio?.oci ? ociInitLines(studio.oci) : [],
    }),
    entrypoint: studio?.entrypoint ?? args.text,
  };
  return { config: machine, warnings };
}
