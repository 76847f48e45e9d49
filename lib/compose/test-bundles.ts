/** Test helper: bundle records with real carti ids (of small byte strings), for the composer's tests. */
import { idsOf } from '../carti/test-ids';
import type { Bundle } from '../carti/types';

export interface TestBundles {
  readonly kernel: Bundle;
  readonly rootfs: Bundle;
  readonly data: Bundle;
  readonly rom: Bundle;
  readonly oldKernel: Bundle;
  readonly oldRoot: Bundle;
}

export async function testBundles(): Promise<TestBundles> {
  const [kernel, rootfs, data, rom, oldKernel, oldRoot] = await idsOf('kernel', 'rootfs', 'data', 'rom', 'old-kernel', 'old-root');
  const make = (bundleType: Bundle['bundleType'], name: string, fileName: string, id: string): Bundle => ({ bundleType, name, fileName, id, version: '1.0.0' });
  return {
    kernel: make('ram', 'default-linux', 'linux.bin', kernel!),
    rootfs: make('flashdrive', 'default-rootfs', 'rootfs.ext2', rootfs!),
    data: make('flashdrive', 'Sample Input', 'input.bin', data!),
    rom: make('rom', 'default-rom', 'rom.bin', rom!),
    oldKernel: make('ram', 'default-ram', 'linux-5.5.19-ctsi-2.bin', oldKernel!),
    oldRoot: make('flashdrive', 'default-root', 'rootfs.ext2', oldRoot!),
  };
}
