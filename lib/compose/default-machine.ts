/**
 * The app's default machine (public/default/carti-machine-package.json, built by setup) as the source of the
 * v0.21 kernel and root filesystem that replace a ROM-era package's (carti-formats.md §9). Their ids are read
 * from that package, never hard-coded (§5).
 */
import { CartiError } from '../carti/errors';
import type { CartiPackage } from '../carti/types';
import { ROOT_LABEL } from '../machine/constants';
import type { ConversionDefaults } from './convert-legacy';

export const DEFAULT_MACHINE_URL = '/default/carti-machine-package.json';

export function conversionDefaultsFrom(defaultPkg: CartiPackage, input = DEFAULT_MACHINE_URL): ConversionDefaults {
  const { ram, flash_drive } = defaultPkg.machineConfig;
  const root = flash_drive.find((drive) => drive.label === ROOT_LABEL);
  const asset = (cid: string | undefined) => defaultPkg.assets.find((entry) => entry.cid === cid);
  const ramAsset = asset(ram.cid);
  const rootAsset = asset(root?.cid);
  if (!ramAsset) throw new CartiError('missing-asset', input, 'machineConfig.ram.cid', 'the default machine has no RAM image');
  if (!root || !rootAsset) throw new CartiError('missing-asset', input, 'machineConfig.flash_drive', 'the default machine has no root drive with an image');
  return {
    ram: { bundle: { name: ramAsset.name, fileName: ramAsset.fileName, id: ramAsset.cid } },
    // The default root drive's length already covers its image (pmem-padded), so it stands for its size.
    root: { bundle: { name: rootAsset.name, fileName: rootAsset.fileName, id: rootAsset.cid }, sizeBytes: root.length },
  };
}
