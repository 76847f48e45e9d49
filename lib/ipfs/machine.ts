/**
 * Publish a whole machine as one IPFS directory (issue 6, "Publish a whole machine"). Layout of the shared
 * root `R`:
 *
 *   R/carti-machine-package.json   the package, `repos: ["ipfs://<A>"]`
 *   R/bundles.json                 every asset's record, `uri: ipfs://<file CID>`
 *   R/<id>/<fileName>              each asset
 *
 * A content address cannot name the directory holding it, so `repos` names `A`: the same directory without
 * the package file (`bundles.json` and the assets, shared blocks, nothing stored twice). `A` is a listing
 * source (`ipfs://<A>` holds a `bundles.json`), and so is `R`. Every file goes through `add` with the
 * UnixFS parameters and is checked against the local CID; the directory nodes are built here, sent with
 * `block/put` (the node's CID must equal ours), and `R` is pinned recursively.
 */
import type { CID } from 'multiformats/cid';
import { serializeListing } from '../carti/listing';
import { serializePackage } from '../carti/package';
import { CartiError } from '../carti/errors';
import type { Bundle, CartiPackage } from '../carti/types';
import { ipfsError } from './errors';
import { addChecked, hashBlob, type PublishOptions } from './publish';
import { pinAdd, putDagPbBlock } from './rpc-client';
import { directoryBlock, fileCid, type DagEntry } from './unixfs-cid';

export const PACKAGE_FILE = 'carti-machine-package.json';
export const LISTING_FILE = 'bundles.json';

export interface MachineAsset {
  /** The record as the package's listings name it (its `uri` is replaced by the IPFS one). */
  readonly bundle: Bundle;
  readonly file: Blob;
}

export interface PublishedMachine {
  /** The shared directory `R` (package, listing, assets). */
  readonly rootCid: CID;
  /** `A`: the listing and the assets, named by the package's `repos`. */
  readonly listingCid: CID;
  readonly pkg: CartiPackage;
  readonly bundles: readonly Bundle[];
}

export async function publishMachine(rpcUrl: string, pkg: CartiPackage, assets: readonly MachineAsset[], options: PublishOptions = {}): Promise<PublishedMachine> {
  checkAssetsCoverPackage(pkg, assets);
  const listingChildren = new Map<string, DagEntry>();
  const bundles: Bundle[] = [];
  for (const asset of assets) {
    if (listingChildren.has(asset.bundle.id)) continue;
    const { id, entry } = await hashBlob(asset.file);
    if (id !== asset.bundle.id) {
      throw new CartiError('id-mismatch', asset.bundle.fileName, asset.bundle.id, `the file has id ${id}; it is not the asset the package names`);
    }
    const cid = await addChecked(rpcUrl, asset.file, asset.bundle.fileName, entry, options);
    const assetDir = await putDirectory(rpcUrl, new Map([[asset.bundle.fileName, entry]]), options);
    listingChildren.set(asset.bundle.id, assetDir);
    bundles.push({ ...asset.bundle, uri: `ipfs://${cid}` });
  }
  listingChildren.set(LISTING_FILE, await addText(rpcUrl, LISTING_FILE, serializeListing({ bundles }), options));
  const listingDir = await putDirectory(rpcUrl, listingChildren, options);
  const published: CartiPackage = { ...pkg, repos: [`ipfs://${listingDir.cid}`] };
  const rootChildren = new Map(listingChildren);
  rootChildren.set(PACKAGE_FILE, await addText(rpcUrl, PACKAGE_FILE, serializePackage(published), options));
  const root = await putDirectory(rpcUrl, rootChildren, options);
  await pinAdd(rpcUrl, root.cid, options);
  return { rootCid: root.cid, listingCid: listingDir.cid, pkg: published, bundles };
}

/** Every asset id of the package must be supplied, or the shared machine would not boot. */
function checkAssetsCoverPackage(pkg: CartiPackage, assets: readonly MachineAsset[]): void {
  const supplied = new Set(assets.map((asset) => asset.bundle.id));
  for (const [index, asset] of pkg.assets.entries()) {
    if (!supplied.has(asset.cid)) {
      throw new CartiError('missing-asset', PACKAGE_FILE, `assets[${index}]`, `no file was given for ${asset.name} (${asset.cid})`);
    }
  }
}

async function addText(rpcUrl: string, fileName: string, text: string, options: PublishOptions): Promise<DagEntry> {
  const bytes = new TextEncoder().encode(text);
  const entry = await fileCid(bytes);
  await addChecked(rpcUrl, new Blob([bytes]), fileName, entry, options);
  return entry;
}

async function putDirectory(rpcUrl: string, children: ReadonlyMap<string, DagEntry>, options: PublishOptions): Promise<DagEntry> {
  const block = await directoryBlock(children);
  const cid = await putDagPbBlock(rpcUrl, block.bytes, options);
  if (!cid.equals(block.entry.cid)) {
    throw ipfsError('cid-mismatch', 'machine directory', `${rpcUrl} /api/v0/block/put`, `the node stored the directory as ${cid}, expected ${block.entry.cid}`);
  }
  return block.entry;
}
