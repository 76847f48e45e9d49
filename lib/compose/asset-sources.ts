/**
 * Where a draft's assets come from, as carti's `machine install` finds them (carti-formats.md §4.1 `repos`,
 * §10.2): the package's `repos` become listing sources, then every asset id is looked up in the merged
 * index; the first origin's resolved URI is where it downloads from. Pure: the index is passed in.
 */
import type { CartiPackage, IndexedBundle } from '../carti/types';

export interface AssetLocation {
  readonly id: string;
  readonly name: string;
  readonly fileName: string;
  /** Download URL, when some listing in the index names the id. */
  readonly url?: string;
}

/** Every asset of the package with its URL from the index (undefined when no listing names it). */
export function locateAssets(pkg: CartiPackage, bundles: readonly IndexedBundle[]): AssetLocation[] {
  const byId = new Map(bundles.map((entry) => [entry.bundle.id, entry]));
  return pkg.assets.map((asset) => {
    const entry = byId.get(asset.cid);
    const url = entry ? entry.origins.map((origin) => entry.resolvedUris[origin]).find((uri) => uri !== undefined) : undefined;
    return { id: asset.cid, name: asset.name, fileName: asset.fileName, ...(url !== undefined ? { url } : {}) };
  });
}

/** Repos of the package that are not yet followed listing sources (to add before resolving, as carti does). */
export function reposToFollow(pkg: CartiPackage, followed: readonly string[]): string[] {
  return (pkg.repos ?? []).map((repo) => repo.trim()).filter((repo) => repo !== '' && !followed.includes(repo));
}

/** Ids of assets no listing names: only a local store could hold them (share links say so). */
export function unlistedAssetIds(pkg: CartiPackage, bundles: readonly IndexedBundle[]): string[] {
  return locateAssets(pkg, bundles).filter((asset) => asset.url === undefined).map((asset) => asset.id);
}
