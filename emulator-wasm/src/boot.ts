// Browser (and worker) host: turns a v0.21 MachineConfig plus the bytes of its images into a MachineSpec
// and a Machine. The counterpart of boot.node.ts without files: images are looked up by the names the
// config uses (ram.image, flash_drive[].backing_store.data_filename). Lengths default to the image sizes,
// automatic starts are placed as v0.21 does (cartesi-machine.md §8), the device tree comes from lib/machine.
import { buildDtb, requireStarts, validateMachineConfig, type MachineConfig } from '../../lib/machine/index';
import { HTIF_CONSOLE_GETCHAR_MASK } from '../../lib/machine/constants';
import { CartiError } from '../../lib/machine/errors';
import { Machine } from './machine';
import type { FlashDriveSpec, MachineSpec } from './types';

const INPUT = 'machine config';

/** Image bytes by the name the config gives them. */
export type ImageSet = Readonly<Record<string, Uint8Array>>;

export interface BootPlan {
  spec: MachineSpec;
  /** The config with every start and length filled in. */
  config: MachineConfig;
}

function imageNamed(images: ImageSet, name: string, location: string): Uint8Array {
  const bytes = Object.hasOwn(images, name) ? images[name] : undefined;
  if (!bytes) throw new CartiError('missing-image', INPUT, location, `no bytes were given for image "${name}"`);
  return bytes;
}

/** The MachineSpec of `config` with `images`; throws a CartiError naming the field on any problem. */
export function planMachine(config: MachineConfig, images: ImageSet): BootPlan {
  const resolved: MachineConfig = structuredClone(config);
  const driveData: (Uint8Array | undefined)[] = [];
  resolved.flash_drive.forEach((drive, index) => {
    const location = `flash_drive[${index}]`;
    const name = drive.backing_store.data_filename;
    if (name === '') {
      if (drive.length === undefined) throw new CartiError('no-length', INPUT, `${location}.length`, 'a drive without an image needs a length');
      driveData.push(undefined);
      return;
    }
    const bytes = imageNamed(images, name, `${location}.backing_store.data_filename`);
    const size = BigInt(bytes.length);
    if (drive.length === undefined) drive.length = size;
    else if (size > drive.length) {
      throw new CartiError('image-too-long', INPUT, `${location}.length`,
        `image "${name}" (${size} bytes) is longer than the drive length ${drive.length}`);
    }
    driveData.push(bytes);
  });
  const problems = validateMachineConfig(resolved).filter((issue) => issue.severity === 'error');
  if (problems.length > 0) throw problems[0];
  const starts = requireStarts(resolved, INPUT);
  resolved.flash_drive.forEach((drive, i) => { drive.start = starts.flashDrives[i]; });
  const flashDrives: FlashDriveSpec[] = resolved.flash_drive.map((drive, i) => ({
    label: drive.label,
    start: starts.flashDrives[i],
    length: drive.length as bigint,
    data: driveData[i],
    readOnly: drive.read_only,
    shared: drive.backing_store.shared,
  }));
  const ramImage = resolved.ram.image === '' ? undefined : imageNamed(images, resolved.ram.image, 'ram.image');
  const spec: MachineSpec = {
    ramLength: resolved.ram.length,
    ramImage,
    dtb: buildDtb(resolved),
    flashDrives,
    // GETCHAR enabled is what makes a run interactive (cartesi-machine.md §9.1), as in boot.node.ts.
    interactive: (resolved.htif.iconsole & HTIF_CONSOLE_GETCHAR_MASK) !== 0n,
    iyield: Number(resolved.htif.iyield),
  };
  return { spec, config: resolved };
}

/** Creates the Machine of `config` over an already compiled emulator core. */
export async function createMachine(config: MachineConfig, images: ImageSet, module: WebAssembly.Module): Promise<Machine> {
  return Machine.create(planMachine(config, images).spec, module);
}
