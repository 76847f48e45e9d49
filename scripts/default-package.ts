/**
 * The v0.21 default machine package of the embedded listing (carti-formats.md §5: `machine init` with the
 * project's own default machine): RAM of 128 MiB holding the kernel, one `root` drive holding the root
 * filesystem, placed by lib/carti's v0.21 rules.
 */
import { writeFile } from 'node:fs/promises';
import { initPackage } from '../lib/carti/package-ops';
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
