/**
 * zstd layers (`application/vnd.oci.image.layer.v1.tar+zstd`, spec §2.1): compressed by the `zstd` CLI, decoded
 * by lib/tar with fzstd. The same layers as plain tars must give the same drive, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { CartiError } from '../machine/errors';
import { buildTar } from '../tar/test-tar';
import { imageFilesFromTar } from './image-files';
import { importOciImage } from './import';
import { imageTar, zstdCompress, type ImageShape } from './test-images.node';

const big = new Uint8Array(5 << 20).map((_, i) => (i * 2654435761) >>> 24);
const layers = [
  buildTar([{ name: 'bin/', type: '5' }, { name: 'bin/app', content: big, mode: 0o755 }, { name: 'etc/', type: '5' }, { name: 'etc/gone', content: 'x' }]),
  buildTar([{ name: 'etc/.wh.gone' }, { name: 'etc/motd', content: 'zstd layer\n' }, { name: 'bin/sh', type: '2', linkname: 'app' }]),
];
const config = { Entrypoint: ['/bin/app'], Cmd: ['--run'] };

async function importOf(imageLayers: Uint8Array[], shape: ImageShape) {
  return importOciImage(await imageFilesFromTar(imageTar(imageLayers, config, shape), 'image.tar'));
}

describe('zstd layers', () => {
  it('import to the same drive as the uncompressed layers, in every container shape', async () => {
    const plain = await importOf(layers, 'docker25');
    for (const shape of ['docker25', 'oci-nested', 'legacy'] as const) {
      const zstd = await importOf(layers.map((layer) => zstdCompress(layer)), shape);
      expect(zstd.outputId, shape).toBe(plain.outputId);
      expect(zstd.tree.get('/etc/gone')).toBeUndefined();
      expect(zstd.tree.get('/bin/app')?.kind).toBe('file');
    }
  });

  it('a truncated zstd layer gives TAR_BAD_ZSTD naming the image and the layer', async () => {
    const broken = zstdCompress(layers[0]!);
    const error = await importOf([broken.subarray(0, broken.length - 100), layers[1]!], 'docker25').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CartiError);
    expect((error as CartiError).code).toBe('TAR_BAD_ZSTD');
    expect((error as CartiError).message).toContain('image.tar');
  });
});
