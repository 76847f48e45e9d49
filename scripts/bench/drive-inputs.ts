/**
 * The inputs of `npm run bench:drives` (issue 5), shared by the Node half and the Chromium half so both measure
 * the same bytes: three ext2 drives of about 64 MiB in total (two 9 MiB files and 512 small ones each), and a
 * 50 MiB `docker save` tarball (two layers, one with a whiteout).
 */
import { FileTree } from '../../lib/ext2/tree';
import { writeExt2ToBytes } from '../../lib/ext2/writer';
import { imageTar } from '../../lib/oci/test-images.node.ts';
import { buildTar, type TestMember } from '../../lib/tar/test-tar';

const MiB = 1 << 20;

export function patterned(sizeBytes: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(sizeBytes);
  for (let offset = 0; offset < sizeBytes; offset += 512) bytes[offset] = (seed + offset / 512) & 0xff;
  return bytes;
}

export async function benchDrives(): Promise<Uint8Array[]> {
  const drives: Uint8Array[] = [];
  for (let drive = 0; drive < 3; drive++) {
    const tree = new FileTree();
    for (let index = 0; index < 2; index++) tree.addFile(`/drive-${drive}/large-${index}`, patterned(9 * MiB, drive * 7 + index));
    for (let index = 0; index < 512; index++) tree.addFile(`/drive-${drive}/small/f${index}`, patterned(6 * 1024, index));
    drives.push(await writeExt2ToBytes(tree));
  }
  return drives;
}

export function benchImage(): Uint8Array {
  const lower: TestMember[] = [];
  for (let index = 0; index < 4; index++) lower.push({ name: `usr/lib/big-${index}`, content: patterned(9 * MiB, index) });
  for (let index = 0; index < 1024; index++) lower.push({ name: `usr/share/doc/f${index}`, content: patterned(4 * 1024, index) });
  const upper: TestMember[] = [{ name: 'usr/lib/.wh.big-0' }, { name: 'app/data', content: patterned(10 * MiB, 99) }];
  return imageTar([buildTar(lower), buildTar(upper)], { Cmd: ['/app/run'] }, 'docker25');
}
