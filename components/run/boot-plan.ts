/**
 * What booting a `carti-machine-package.json` needs (ARCHITECTURE.md "Data flow" 3): the v0.21 machine
 * config of the package (lib/carti `toMachineConfig`) with every image named by a key of the image set the
 * worker receives, and the list of assets to resolve and verify. Pure: the Playwright test also builds the
 * Node run of the same package with it.
 */
import { toMachineConfig } from '../../lib/carti/exports';
import type { CartiError } from '../../lib/carti/errors';
import type { CartiPackage } from '../../lib/carti/types';
import { HTIF_CONSOLE_GETCHAR_MASK, HTIF_CONSOLE_PUTCHAR_MASK } from '../../lib/machine/constants';
import type { MachineConfig } from '../../lib/machine/config';

export interface BootAsset {
  /** The image name used in the config (the asset's file name, made unique when two assets share one). */
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly fileName: string;
  /** Where the machine uses it: `ram` or `flash_drive[<i>] (<label>)`. */
  readonly role: string;
}

export interface BootPlanOptions {
  /** Console input and idle waits (unreproducible); false gives a reproducible run (cartesi-machine.md §9.1). */
  readonly interactive: boolean;
  /** Replaces the package's entrypoint; '' lets cartesi-init start a login shell. */
  readonly entrypoint?: string;
}

export interface PackageBootPlan {
  readonly config: MachineConfig;
  readonly assets: readonly BootAsset[];
  readonly warnings: readonly CartiError[];
}

export function packageBootPlan(pkg: CartiPackage, options: BootPlanOptions): PackageBootPlan {
  const { config, warnings } = toMachineConfig(pkg, { base: '' });
  const assets: BootAsset[] = [];
  const keyOf = (id: string, role: string): string => {
    const existing = assets.find((asset) => asset.id === id);
    if (existing) return existing.key;
    const asset = pkg.assets.find((entry) => entry.cid === id);
    // toMachineConfig has already refused an id without an asset entry.
    const fileName = asset?.fileName ?? id;
    const key = assets.some((other) => other.key === fileName) ? `${id}-${fileName}` : fileName;
    assets.push({ key, id, name: asset?.name ?? fileName, fileName, role });
    return key;
  };
  const { machineConfig } = pkg;
  config.ram.image = keyOf(machineConfig.ram.cid, 'ram');
  machineConfig.flash_drive.forEach((drive, index) => {
    if (drive.cid === undefined) return; // a bundleless drive starts zero-filled
    config.flash_drive[index].backing_store.data_filename = keyOf(drive.cid, `flash_drive[${index}] (${drive.label})`);
  });
  if (options.entrypoint !== undefined) config.dtb.entrypoint = options.entrypoint;
  config.htif.iconsole = HTIF_CONSOLE_PUTCHAR_MASK | (options.interactive ? HTIF_CONSOLE_GETCHAR_MASK : 0n);
  // Console input makes a machine unreproducible, and the machine says so (cartesi-machine.md §9.1).
  if (options.interactive) config.processor = { registers: { ...config.processor?.registers, iunrep: 1n } };
  return { config, assets, warnings };
}
