// `carti-studio run --package carti-machine-package.json`: every machine value (RAM length included) comes
// from the package; every asset comes from the local store (./carti_bundles) or the global one, and is
// verified against its id before the machine starts (a changed file is refused, never run).
import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackageText, toMachineConfig, validatePackage, CartiError, type CartiPackage } from '../../lib/carti/index';
import { idOfFile } from '../../lib/carti/id.node.ts';
import { DiskStore } from '../../lib/store/disk-store.node.ts';
import type { MachineConfig } from '../../lib/machine/index';

const INPUT = 'carti-machine-package.json';

/** Reads and validates a package file; throws a CartiError listing every problem. */
export async function readPackageFile(path: string): Promise<CartiPackage> {
  const text = await readFile(path, 'utf8');
  const parsed = parsePackageText(text, path);
  const errors = parsed.errors.filter((e) => e.severity !== 'warning');
  if (!parsed.value || errors.length > 0) {
    throw new CartiError('invalid-package', path, '$', errors.map((e) => e.message).join('; ') || 'not a machine package');
  }
  const problems = validatePackage(parsed.value).filter((e) => e.severity !== 'warning');
  if (problems.length > 0) throw new CartiError('invalid-package', path, '$', problems.map((e) => e.message).join('; '));
  return parsed.value;
}

/** Finds every asset of the package in a store and checks its id; returns the paths by id. */
export async function resolveVerifiedAssets(pkg: CartiPackage, stores = [DiskStore.local(), DiskStore.global()]): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const ids = new Set<string>([pkg.machineConfig.ram.cid, ...pkg.machineConfig.flash_drive.flatMap((d) => (d.cid ? [d.cid] : []))]);
  for (const id of ids) {
    let found: string | undefined;
    for (const store of stores) {
      const entry = await store.get(id);
      if (entry) { found = entry.path; break; }
    }
    if (!found) {
      throw new CartiError('missing-asset', INPUT, id, `asset ${id} is not in the local or global store (run: carti-studio package install ${INPUT})`);
    }
    const actual = await idOfFile(found);
    if (actual !== id) throw new CartiError('id-mismatch', found, id, `the stored file has id ${actual}, not ${id}: refusing to run it`);
    paths.set(id, found);
  }
  return paths;
}

/** The v0.21 machine config of a package whose assets are in a store. */
export async function packageToRunConfig(path: string, stores?: DiskStore[], outputDir = process.cwd()): Promise<MachineConfig> {
  const pkg = await readPackageFile(path);
  const assets = await resolveVerifiedAssets(pkg, stores);
  const { config } = toMachineConfig(pkg, { base: '/' });
  // Replace the `<base>/<cid>/<fileName>` paths by the verified store paths.
  const byId = (cid: string | undefined): string => (cid ? assets.get(cid) ?? '' : '');
  config.ram.image = byId(pkg.machineConfig.ram.cid);
  config.flash_drive.forEach((drive, i) => {
    const source = pkg.machineConfig.flash_drive[i];
    drive.backing_store.data_filename = byId(source.cid);
    // A shared drive without a bundle is an output drive: it comes back to the host as ./<label>.drive.
    if (!source.cid && source.shared) {
      drive.backing_store.data_filename = join(outputDir, `${source.label}.drive`);
      drive.backing_store.create = true;
      drive.backing_store.truncate = true;
      rmSync(drive.backing_store.data_filename, { force: true });
    }
  });
  return config;
}
