import { beforeAll, describe, expect, it } from 'vitest';
import { validatePackage } from '../carti/package';
import { toMachineConfig } from '../carti/exports';
import { getStudioMetadata } from '../carti/studio-metadata';
import { emptyDraft } from '../compose/draft';
import { addBundleDrive, setRamBundle, setRootBundle } from '../compose/drive-edits';
import { testBundles, type TestBundles } from '../compose/test-bundles';
import { withImportedImage } from './package-settings';
import { ociInitLines } from '../carti/oci-init';
import { toCartesiMachineCommand } from '../carti/cli-command';

let b: TestBundles;
beforeAll(async () => { b = await testBundles(); });
const MiB = 1n << 20n;
const image = { name: 'image', fileName: 'image.ext2', id: '' };

describe('withImportedImage', () => {
  it('makes the image the root drive and the machine run its settings', () => {
    const start = addBundleDrive(setRootBundle(setRamBundle(emptyDraft(), b.kernel), b.rootfs, 12n * MiB), b.data, 4096n);
    const settings = { entrypoint: ['/bin/sh', '-c', 'echo "hi there"'], env: ['PATH=/usr/bin:/bin', 'EMPTY'], workdir: '/srv', user: 'dapp' };
    const pkg = withImportedImage(start, { ...image, id: b.data.id }, 20n * MiB, settings);
    expect(validatePackage(pkg)).toEqual([]);
    expect(pkg.machineConfig.flash_drive[0]).toMatchObject({ label: 'root', cid: b.data.id, length: 20n * MiB });
    const meta = getStudioMetadata(pkg)!;
    expect(meta.oci).toEqual({ entrypoint: settings.entrypoint, env: settings.env, workdir: '/srv', user: 'dapp' });
    expect(meta.entrypoint).toBe(`/bin/sh -c 'echo "hi there"'`);
    const { config } = toMachineConfig(pkg);
    expect(config.dtb.entrypoint).toBe(meta.entrypoint);
    // The other drive is still mounted, then the image's user, env and workdir (the CLI's order).
    expect(config.dtb.init).toBe([
      'dev=$(flashdrive sample-input)', 'busybox mkdir -p "/mnt/sample-input" && busybox mount "$dev" "/mnt/sample-input"',
      "USER=dapp", "export PATH=/usr/bin:/bin", "export EMPTY=''", "WORKDIR=/srv", '',
    ].join('\n'));
  });

  it('mounts a drive added after the import, before the image settings, and says the same on the command line', () => {
    const imported = withImportedImage(setRamBundle(emptyDraft(), b.kernel), { ...image, id: b.data.id }, 20n * MiB, { entrypoint: ['/app'], env: ['A=1'], user: 'app' });
    const pkg = addBundleDrive(imported, b.rootfs, 4096n);
    expect(toMachineConfig(pkg).config.dtb.init).toBe([
      'dev=$(flashdrive default-rootfs)', 'busybox mkdir -p "/mnt/default-rootfs" && busybox mount "$dev" "/mnt/default-rootfs"',
      'USER=app', 'export A=1', '',
    ].join('\n'));
    expect(toCartesiMachineCommand(pkg).argv).toEqual(expect.arrayContaining(['--user=app', '--env=A=1']));
  });

  it('runs as root when the image names no user, as Docker does', () => {
    expect(ociInitLines({ entrypoint: [], env: [] })).toEqual([{ kind: 'user', user: 'root' }]);
  });
});
