/**
 * A composed drive placed in a machine package (issue 5, "Drive composition"): the drive goes to the root slot,
 * a new drive or an existing drive, and `metadata.cartiStudio.compositions` records how it was made (ordered
 * source ids, policy, writer version and options; lib/carti STUDIO-METADATA.md). The source bundles are kept
 * in `assets` (collectGarbageAssets keeps them while the output is mounted), so `carti-studio compose --check`
 * and the web app can find and rebuild them. Pure: returns a new package or throws a CartiError.
 */
import { getStudioMetadata, targetOf, withStudioMetadata, type Composition } from '../carti/studio-metadata';
import type { Bundle, CartiPackage } from '../carti/types';
import { addBundleDrive, replaceDriveBundle, setRootBundle } from '../compose/drive-edits';
import type { CompositionRecord } from './compose';

/** Where a new drive bundle goes: the root slot, a new drive, or the drive at `index` (its bundle replaced). */
export type DrivePlacement = { kind: 'root' } | { kind: 'new' } | { kind: 'drive'; index: number };

type BundleNames = Pick<Bundle, 'name' | 'fileName' | 'id'>;

/** Puts `bundle` where `placement` says (the drive's length covers `sizeBytes`, padded to 2 MiB). */
export function placeDriveBundle(pkg: CartiPackage, placement: DrivePlacement, bundle: BundleNames, sizeBytes: bigint): CartiPackage {
  switch (placement.kind) {
    case 'root': return setRootBundle(pkg, bundle, sizeBytes);
    case 'new': return addBundleDrive(pkg, bundle, sizeBytes);
    case 'drive': return replaceDriveBundle(pkg, placement.index, bundle, sizeBytes);
  }
}

/**
 * Records `record` (replacing an older record of the same output), adds the sources to `assets`, then places
 * the output drive. `sources` are the source bundles in the record's order.
 */
export function recordComposition(
  pkg: CartiPackage, record: CompositionRecord, sources: readonly BundleNames[], output: BundleNames, sizeBytes: bigint, placement: DrivePlacement,
): CartiPackage {
  const meta = getStudioMetadata(pkg) ?? { version: 1 as const, targetMachine: targetOf(pkg) };
  const entry: Composition = { ...record, sources: [...record.sources], options: { ...record.options } };
  const compositions = [...(meta.compositions ?? []).filter((c) => c.outputId !== record.outputId), entry];
  const known = new Set(pkg.assets.map((asset) => asset.cid));
  const assets = [...pkg.assets];
  for (const source of sources) {
    if (known.has(source.id)) continue;
    known.add(source.id);
    assets.push({ name: source.name, fileName: source.fileName, cid: source.id });
  }
  const recorded = withStudioMetadata({ ...pkg, assets }, { ...meta, compositions });
  return placeDriveBundle(recorded, placement, output, sizeBytes);
}
