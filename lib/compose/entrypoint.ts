/**
 * The command a machine runs. v0.21 takes it from `metadata.cartiStudio.entrypoint` when set, else from the
 * decoded `boot.args` (lib/carti toMachineConfig, carti-formats.md §7.2, §9); ROM-era packages put `boot.args`
 * after ` -- ` (§7.1). The composer reads and writes whichever one the machine actually uses.
 */
import { decodeStoredText } from '../carti/lua-string';
import { setBootText } from '../carti/package-ops';
import { getStudioMetadata, targetOf, withStudioMetadata } from '../carti/studio-metadata';
import type { CartiPackage } from '../carti/types';

export function entrypointOf(pkg: CartiPackage): string {
  const studio = getStudioMetadata(pkg);
  if (targetOf(pkg) === 'v0.21' && studio?.entrypoint !== undefined) return studio.entrypoint;
  return decodeStoredText(pkg.machineConfig.boot.args).text;
}

export function setEntrypoint(pkg: CartiPackage, text: string): CartiPackage {
  const studio = getStudioMetadata(pkg);
  if (targetOf(pkg) === 'v0.21' && studio?.entrypoint !== undefined) return withStudioMetadata(pkg, { ...studio, entrypoint: text });
  // setBootText keeps a legacy bootPrefix only if given again: pass the stored one back (decoded) so it stays.
  const prefix = pkg.machineConfig.boot.bootPrefix;
  return setBootText(pkg, text, prefix === undefined ? undefined : decodeStoredText(prefix).text);
}
