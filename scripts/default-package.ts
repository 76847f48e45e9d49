/**
 * The v0.21 default machine package of the embedded listing (carti-formats.md §5: `machine init` with the
 * project's own default machine): RAM of 128 MiB holding the kernel, one `root` drive holding the root
 * filesystem, placed by lib/carti's v0.21 rules.
 */
import { writeFile } from 'node:fs/promises';
import { addFlashDrive, initPackage, setBootText } from '../lib/carti/package-ops';
import { serializePackage } from '../lib/carti/package';
import type { Bundle } from '../lib/carti/types';

export async function writeDefaultPackage(path: string, kernel: Bundle, rootfs: Bundle, rootfsBytes: number): Promise<void> {
  const pkg = initPackage({
    defaults: {
      ram: { bundle: kernel },
      root: { bundle: rootfs, sizeBytes: BigInt(rootfsBytes) },
    },
  });
  await writeFile(path, serializePackage(pkg));
}

/** The calculator's input: an arithmetic expression for busybox sh's $((…)), as a raw drive image. */
export const CALCULATOR_EXPRESSION = '(6*7)+(100/4)-1\n';

/**
 * The command of the calculator example (in the spirit of carti's tutorial): read the expression from the
 * drive labelled `input`, compute it with the guest's shell, write the result to the bundleless drive
 * labelled `output`. Drives are found by label with `flashdrive` (the guest's helper).
 */
export const CALCULATOR_COMMAND =
  'expr=$(head -n 1 $(flashdrive input)); echo "$expr = $(($expr))"; ' +
  'echo $(($expr)) | dd of=$(flashdrive output) bs=4096 conv=sync 2>/dev/null';

/**
 * The calculator machine: the default machine plus an `input` drive (a bundle of its own bytes; the drive is
 * zero-padded to 2 MiB, the Linux pmem granule) and a 2 MiB bundleless `output` drive that the host reads
 * back after the run.
 */
export async function writeCalculatorPackage(path: string, kernel: Bundle, rootfs: Bundle, rootfsBytes: number, input: Bundle, inputBytes: number): Promise<void> {
  let pkg = initPackage({ defaults: { ram: { bundle: kernel }, root: { bundle: rootfs, sizeBytes: BigInt(rootfsBytes) } } });
  pkg = addFlashDrive(pkg, { label: 'input', bundle: { bundle: input, sizeBytes: BigInt(inputBytes) } });
  pkg = addFlashDrive(pkg, { label: 'output', length: 2n << 20n, shared: true });
  pkg = setBootText(pkg, CALCULATOR_COMMAND);
  // Raw drives are not mounted (this init replaces the default mount lines of non-root drives); the
  // entrypoint runs as dapp, so init (run as root) hands it the two block devices.
  const init = 'chown dapp $(flashdrive input) $(flashdrive output)\n';
  pkg = { ...pkg, metadata: { ...pkg.metadata, cartiStudio: { version: 1, targetMachine: 'v0.21', init } } };
  await writeFile(path, serializePackage(pkg));
}
