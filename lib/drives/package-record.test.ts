import { beforeAll, describe, expect, it } from 'vitest';
import { validatePackage } from '../carti/package';
import { getStudioMetadata, parseStudioMetadata } from '../carti/studio-metadata';
import { idOfBytes } from '../carti/id';
import { collectGarbageAssets } from '../carti/package-ops';
import { emptyDraft } from '../compose/draft';
import { setRamBundle, setRootBundle } from '../compose/drive-edits';
import { testBundles, type TestBundles } from '../compose/test-bundles';
import { composeDrives, type CompositionRecord } from './compose';
import { recordComposition } from './package-record';
import { buildTar } from '../tar/test-tar';

let b: TestBundles;
let record: CompositionRecord;
const sources = [
  { name: 'one', fileName: 'one.tar', bytes: buildTar([{ name: 'one.txt', content: 'one\n' }]) },
  { name: 'two', fileName: 'two.tar', bytes: buildTar([{ name: 'two.txt', content: 'two\n' }]) },
];
let ids: string[];
beforeAll(async () => {
  b = await testBundles();
  ids = await Promise.all(sources.map((source) => idOfBytes(source.bytes)));
  ({ record } = await composeDrives(sources, { policy: 'error' }));
});
const MiB = 1n << 20n;
const machine = () => setRootBundle(setRamBundle(emptyDraft(), b.kernel), b.rootfs, 12n * MiB);
const bundles = () => sources.map((source, index) => ({ name: source.name, fileName: source.fileName, id: ids[index]! }));
const output = () => ({ name: 'both', fileName: 'both.ext2', id: record.outputId });

describe('recordComposition', () => {
  it('records the composition (valid metadata), keeps the sources as assets and mounts the output as a new drive', () => {
    const pkg = recordComposition(machine(), record, bundles(), output(), 2n * MiB, { kind: 'new' });
    expect(validatePackage(pkg)).toEqual([]);
    const compositions = getStudioMetadata(pkg)?.compositions;
    expect(compositions).toEqual([{ ...record, options: { ...record.options } }]);
    expect(parseStudioMetadata(JSON.parse(JSON.stringify(pkg.metadata)).cartiStudio).errors).toEqual([]);
    expect(pkg.machineConfig.flash_drive.map((drive) => [drive.label, drive.cid])).toEqual([['root', b.rootfs.id], ['both', record.outputId]]);
    expect(pkg.assets.map((asset) => asset.cid)).toEqual(expect.arrayContaining([...ids, record.outputId]));
    // Sources stay while the output is mounted (carti's garbage collection of assets would keep them too).
    expect(collectGarbageAssets(pkg).assets.map((asset) => asset.cid)).toEqual(expect.arrayContaining(ids));
  });

  it('replaces the root drive and a re-recorded output only once', () => {
    const once = recordComposition(machine(), record, bundles(), output(), 2n * MiB, { kind: 'root' });
    const twice = recordComposition(once, record, bundles(), output(), 2n * MiB, { kind: 'root' });
    expect(twice.machineConfig.flash_drive.map((drive) => [drive.label, drive.cid])).toEqual([['root', record.outputId]]);
    expect(getStudioMetadata(twice)?.compositions).toHaveLength(1);
    expect(twice.assets.map((asset) => asset.cid)).not.toContain(b.rootfs.id);
  });

  it('replaces the bundle of a chosen drive', () => {
    const withDrive = recordComposition(machine(), record, bundles(), output(), 2n * MiB, { kind: 'new' });
    const other = { ...record, outputId: b.data.id };
    const pkg = recordComposition(withDrive, other, bundles(), { name: 'data', fileName: 'data.ext2', id: b.data.id }, 4096n, { kind: 'drive', index: 1 });
    expect(pkg.machineConfig.flash_drive[1]!.cid).toBe(b.data.id);
    expect(pkg.machineConfig.flash_drive[1]!.label).toBe('both');
  });
});
