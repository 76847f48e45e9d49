/**
 * carti 1.7's `machine-config.lua` (carti-formats.md §8), byte for byte (§8.4) except where carti was wrong
 * (§12.2, §12.3): every string is Lua-escaped (§8.2), a bundleless drive has no `image_filename`, `shared`
 * defaults to false, and a missing asset is refused instead of writing an empty path (§8.3).
 */
import { CartiError } from './errors';
import { formatHex } from './hex';
import { decodeLuaStringBody, escapeLuaString, luaStringLiteral } from './lua-string';
import { PROCESSOR_CSRS, type CartiPackage } from './types';
import { ROM_ERA_BOOTARGS } from '../machine/constants';

/** Mount point of `carti_build/bundles` in carti's playground (§8.3). */
export const DEFAULT_LUA_BASE = '/opt/carti/packages';
const INPUT = 'machine package';

export interface LuaExportOptions {
  /** Directory written before `<cid>/<fileName>` (carti's `machine build -d`). */
  readonly base?: string;
}

/** `<base>/<cid>/<fileName>` of an asset, or the `resolvedPath` override (§8.3). */
export function assetPath(pkg: CartiPackage, cid: string, resolvedPath: string | undefined, base: string, location: string): string {
  if (resolvedPath !== undefined) return resolvedPath;
  const asset = pkg.assets.find((entry) => entry.cid === cid);
  if (!asset || cid === '') {
    throw new CartiError('missing-asset', INPUT, location, `id "${cid}" has no entry in "assets": refusing to write an empty path`);
  }
  return `${base.replace(/\/+$/, '')}/${cid}/${asset.fileName}`;
}

/** A stored string body (§8.2), validated: invalid bodies would make invalid Lua, so they are refused. */
function storedBody(body: string, location: string): string {
  const decoded = decodeLuaStringBody(body, INPUT, location);
  if (decoded instanceof CartiError) throw decoded;
  return body;
}

/**
 * The ROM-era bootargs as a Lua string body (§7.1): stored args/prefix are already bodies and go in
 * verbatim (so carti's own text is reproduced byte for byte); labels are raw text and are escaped.
 */
export function legacyBootargsBody(pkg: CartiPackage): string {
  const { boot, flash_drive } = pkg.machineConfig;
  const args = storedBody(boot.args, 'machineConfig.boot.args');
  let prefix: string;
  if (boot.bootPrefix !== undefined) prefix = storedBody(boot.bootPrefix, 'machineConfig.boot.bootPrefix');
  else if (flash_drive.length === 0) prefix = ROM_ERA_BOOTARGS;
  else prefix = `${ROM_ERA_BOOTARGS} mtdparts=${flash_drive.map((drive, i) => `flash.${i}:-(${escapeLuaString(drive.label)})`).join(';')}`;
  return `${prefix} -- ${args}`;
}

export function toLua(pkg: CartiPackage, options: LuaExportOptions = {}): string {
  const base = options.base ?? DEFAULT_LUA_BASE;
  const config = pkg.machineConfig;
  if (!config.rom) {
    throw new CartiError('no-rom', INPUT, 'machineConfig.rom', 'the Lua config is the ROM-era format and needs a rom; export a v0.21 package as JSON config or a cartesi-machine command line');
  }
  const lines: string[] = ['return {'];
  const section = (name: string, body: string[]) => lines.push(`    ${name} = {`, ...body, '    },');
  if (config.processor) {
    const body: string[] = [];
    if (config.processor.x) body.push('      x = {', ...config.processor.x.map((value) => `        ${formatHex(value)},`), '      },');
    for (const csr of PROCESSOR_CSRS) {
      const value = config.processor[csr];
      if (value !== undefined) body.push(`       ${csr} = ${formatHex(value)},`);
    }
    section('processor', body);
  }
  section('ram', [
    `      length = ${formatHex(config.ram.length)},`,
    `      image_filename = ${luaStringLiteral(assetPath(pkg, config.ram.cid, config.ram.resolvedPath, base, 'machineConfig.ram.cid'))},`,
  ]);
  section('rom', [
    `      image_filename = ${luaStringLiteral(assetPath(pkg, config.rom.cid, config.rom.resolvedPath, base, 'machineConfig.rom.cid'))},`,
    `       bootargs = "${legacyBootargsBody(pkg)}",`,
  ]);
  if (config.htif) {
    const { tohost, fromhost, console_getchar, yield_progress, yield_rollup } = config.htif;
    section('htif', [
      `       tohost = ${formatHex(tohost)},`, `       fromhost = ${formatHex(fromhost)},`,
      `       console_getchar = ${console_getchar},`, `       yield_progress = ${yield_progress},`, `       yield_rollup = ${yield_rollup},`,
    ]);
  }
  if (config.clint) section('clint', [`       mtimecmp = ${formatHex(config.clint.mtimecmp)},`]);
  section('flash_drive', config.flash_drive.flatMap((drive, index) => [
    '      {',
    `        start = ${formatHex(drive.start)},`,
    `        length = ${formatHex(drive.length)},`,
    ...(drive.cid === undefined && drive.resolvedPath === undefined
      ? []
      : [`        image_filename = ${luaStringLiteral(assetPath(pkg, drive.cid ?? '', drive.resolvedPath, base, `machineConfig.flash_drive[${index}].cid`))},`]),
    `        shared = ${drive.shared === true},`,
    '      },',
  ]));
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}
