// Node host: turns a v0.21 MachineConfig whose images are host files into a running Machine. Lengths
// default to the file sizes, automatic starts are placed as v0.21 does, the device tree is built by
// lib/machine, and every range is checked before the machine is created.
import { readFile, stat } from 'node:fs/promises';
import { closeSync, existsSync, openSync, readSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDtb, requireStarts, validateMachineConfig, type MachineConfig } from '../../lib/machine/index';
import { Machine, MachineError } from './machine';
import type { FlashDriveSpec } from './types';
import { registerNodeCore } from './wasm.node.ts';

/** Where `linux.bin` and `rootfs.ext2` of the default machine are (built by setup), unless overridden. */
export function defaultImagesDir(): string {
  return process.env.CARTESI_IMAGES_PATH ?? fileURLToPath(new URL('../../guest/out/', import.meta.url));
}

function resolveImage(name: string, imagesDir: string): string {
  if (isAbsolute(name) || existsSync(name)) return name;
  const inImages = join(imagesDir, name);
  if (existsSync(inImages)) return inImages;
  throw new MachineError(`image file not found: ${name} (looked in . and ${imagesDir}; run: npm run setup)`);
}

export interface LoadedMachine {
  machine: Machine;
  config: MachineConfig;
  /** Host files of the flash drives, in order ('' when the drive has none). */
  driveFiles: string[];
}

/**
 * Writes the contents of every `shared` drive back to its file, as cartesi-machine does when a run ends:
 * output drives come back to the host. Returns the files written.
 */
export function writeBackSharedDrives(loaded: LoadedMachine): string[] {
  const written: string[] = [];
  loaded.config.flash_drive.forEach((drive, i) => {
    const path = loaded.driveFiles[i];
    if (!drive.backing_store.shared || !path) return;
    writeFileSync(path, loaded.machine.driveContents(i));
    written.push(path);
  });
  return written;
}

/** Reads a whole file into `target` (a view of the drive inside wasm memory). */
function readInto(path: string, target: Uint8Array): void {
  const fd = openSync(path, 'r');
  try {
    let offset = 0;
    for (;;) {
      const n = readSync(fd, target, offset, Math.min(target.length - offset, 1 << 24), offset);
      if (n <= 0) break;
      offset += n;
      if (offset >= target.length) break;
    }
  } finally {
    closeSync(fd);
  }
}

/** Creates a Machine from `config`, reading images relative to the cwd or `imagesDir`. */
export async function createMachineFromConfig(config: MachineConfig, imagesDir = defaultImagesDir()): Promise<LoadedMachine> {
  await registerNodeCore();
  const resolved: MachineConfig = structuredClone(config);
  const driveFiles: string[] = [];
  const createdFiles = new Map<number, string>();
  for (const [index, drive] of resolved.flash_drive.entries()) {
    const name = drive.backing_store.data_filename;
    if (name === '') {
      driveFiles.push('');
      if (drive.length === undefined) throw new MachineError(`flash drive ${drive.label ?? index}: no image file and no length`);
      continue;
    }
    if (drive.backing_store.create && !existsSync(name)) {
      // `create`: a new file, zero-filled, written when the run ends (with `shared`).
      if (drive.length === undefined) throw new MachineError(`flash drive ${drive.label ?? index}: create needs a length`);
      driveFiles.push('');
      createdFiles.set(index, name);
      continue;
    }
    const path = resolveImage(name, imagesDir);
    driveFiles.push(path);
    const size = BigInt((await stat(path)).size);
    if (drive.length === undefined) drive.length = size;
    else if (drive.length !== size && !drive.backing_store.truncate && size > drive.length) {
      throw new MachineError(`flash drive ${drive.label ?? index}: image ${name} (${size} bytes) is longer than the drive length ${drive.length}`);
    }
  }
  const problems = validateMachineConfig(resolved).filter((issue) => issue.severity === 'error');
  if (problems.length > 0) throw new MachineError(problems.map((p) => p.message).join('\n'));
  const starts = requireStarts(resolved, 'machine config');
  resolved.flash_drive.forEach((drive, i) => { drive.start = starts.flashDrives[i]; });
  // Drive images are read straight into wasm memory once the machine exists: no second copy (issue 3).
  const drives: FlashDriveSpec[] = resolved.flash_drive.map((drive, i) => ({
    label: drive.label,
    start: starts.flashDrives[i],
    length: drive.length as bigint,
    readOnly: drive.read_only,
    shared: drive.backing_store.shared,
  }));
  const ramImage = resolved.ram.image === '' ? undefined : new Uint8Array(await readFile(resolveImage(resolved.ram.image, imagesDir)));
  const interactive = (resolved.htif.iconsole & 1n) !== 0n;
  const machine = await Machine.create({
    ramLength: resolved.ram.length,
    ramImage,
    dtb: buildDtb(resolved),
    flashDrives: drives,
    interactive,
    iyield: Number(resolved.htif.iyield),
  });
  driveFiles.forEach((path, i) => { if (path !== '') readInto(path, machine.driveContents(i)); });
  createdFiles.forEach((path, i) => { driveFiles[i] = path; });
  return { machine, config: resolved, driveFiles };
}
