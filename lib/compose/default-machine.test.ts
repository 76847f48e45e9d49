import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft } from './draft';
import { setRamBundle, setRootBundle } from './drive-edits';
import { conversionDefaultsFrom } from './default-machine';
import { testBundles, type TestBundles } from './test-bundles';

let b: TestBundles;
beforeAll(async () => { b = await testBundles(); });

describe('conversionDefaultsFrom', () => {
  it('takes the kernel and root filesystem of the default machine', () => {
    const defaults = conversionDefaultsFrom(setRootBundle(setRamBundle(emptyDraft(), b.kernel), b.rootfs, 12n << 20n));
    expect(defaults.ram.bundle).toEqual({ name: b.kernel.name, fileName: b.kernel.fileName, id: b.kernel.id });
    expect(defaults.root).toEqual({ bundle: { name: b.rootfs.name, fileName: b.rootfs.fileName, id: b.rootfs.id }, sizeBytes: 12n << 20n });
  });
  it('explains a default machine without a root drive', () => {
    expect(() => conversionDefaultsFrom(setRamBundle(emptyDraft(), b.kernel))).toThrow(/has no root drive/);
  });
});
