/**
 * The files of a machine to publish (issue 6, "Publish a whole machine"; issue 4's "publish first"): every
 * asset of the package, from this browser's store when it is there (assets only in the store are published
 * this way) and otherwise downloaded from its listing and verified, exactly as Boot resolves them
 * (components/run/asset-loader). Each asset goes with its listing record, or a minimal one from the package.
 */
import type { Bundle, CartiPackage, IndexedBundle } from '@/lib/carti/types';
import { locateAssets } from '@/lib/compose/asset-sources';
import type { MachineAsset } from '@/lib/ipfs/machine';
import type { BrowserStore } from '@/lib/store/types';
import { resolveAssets, storeRecordOf, type AssetEvents } from '@/components/run/asset-loader';
import type { BootAsset } from '@/components/run/boot-plan';

export interface CollectOptions {
  readonly pageOrigin: string;
  readonly events: AssetEvents;
  readonly signal?: AbortSignal;
  /** The page's browser store by default (tests pass their own). */
  readonly store?: BrowserStore | null;
}

export async function collectMachineAssets(pkg: CartiPackage, bundles: readonly IndexedBundle[], options: CollectOptions): Promise<MachineAsset[]> {
  const urls = new Map(locateAssets(pkg, bundles).flatMap((asset) => (asset.url ? [[asset.id, asset.url] as const] : [])));
  const records = new Map<string, Bundle>(bundles.map((entry) => [entry.bundle.id, entry.bundle]));
  // One entry per id: a file used by two drives is published once. The id is the key, so names never clash.
  const assets: BootAsset[] = [...new Map(pkg.assets.map((asset) => [asset.cid, asset])).values()].map((asset) => ({
    key: asset.cid,
    id: asset.cid,
    name: asset.name,
    fileName: asset.fileName,
    role: records.get(asset.cid)?.bundleType === 'ram' ? 'ram' : 'asset',
  }));
  const images = await resolveAssets(assets, { urlOf: (asset) => urls.get(asset.id), recordOf: (asset) => records.get(asset.id), pageOrigin: options.pageOrigin, events: options.events, signal: options.signal, store: options.store });
  return assets.map((asset) => ({
    bundle: storeRecordOf(asset, records.get(asset.id)),
    file: new Blob([images[asset.key]! as Uint8Array<ArrayBuffer>]),
  }));
}
