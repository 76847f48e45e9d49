/**
 * Resolves the assets of a boot (issue 4, "Boot in the browser"; ARCHITECTURE.md "Data flow" 3): each one
 * comes from the page's verified cache, else the browser store (lib/store: OPFS or IndexedDB, written only
 * with bytes whose id was recomputed, carti-formats.md §6.3), else its bundle's `uri` (resolved against its
 * listing, §10.2), downloaded with progress while lib/fetch's downloadVerified recomputes its carti id (§2.3).
 * A verified download is put in the store so a second boot, even after a reload, downloads nothing; a store
 * failure (quota, private mode) only costs that. Nothing unverified is ever returned or kept. Cross-origin
 * assets go through the app's /api/asset route. An `ipfs://` uri (issue 6) is fetched in the browser with
 * lib/ipfs `fetchIpfsVerified`: the user's node (`cat`) when one is configured, then each configured gateway
 * in order; a source that fails or returns other bytes is reported and the next one is tried.
 */
import { downloadVerified } from '../../lib/fetch/download';
import { fetchIpfsVerified } from '../../lib/ipfs/fetch';
import { ipfsAllowList, type IpfsSettings } from '../../lib/ipfs/settings';
import { isIpfsUri } from '../../lib/ipfs/uri';
import { currentIpfsSettings } from '../ipfs/current-settings';
import { assetRequestUrl } from '../../lib/queries/verify-asset';
import { gatewayTransport } from '../../lib/queries/gateway-transport';
import { CartiError } from '../../lib/carti/errors';
import type { Bundle } from '../../lib/carti/types';
import { getBrowserStore } from '../../lib/store/browser-store';
import type { BrowserStore } from '../../lib/store/types';
import type { BootAsset } from './boot-plan';

/** Verified bytes by carti id, kept for the page's lifetime so a second Boot does not even read the store. */
const verified = new Map<string, Uint8Array>();

export interface AssetEvents {
  /** Taken from the page cache or the browser store: nothing was downloaded. */
  cached(id: string, sizeBytes: number): void;
  progress(id: string, doneBytes: number, totalBytes?: number): void;
  verified(id: string, sizeBytes: number): void;
  failed(id: string, error: CartiError): void;
  /** The verified bytes could not be kept in the store (the boot goes on). */
  notStored?(id: string, error: CartiError): void;
  /** An `ipfs://` source (node or gateway, named in `source`) failed or sent other bytes; the next is tried. */
  attemptFailed?(id: string, source: string, error: CartiError): void;
}

export interface ResolveOptions {
  /** The download URL of each id (absolute, or relative to `pageOrigin`). */
  readonly urlOf: (asset: BootAsset) => string | undefined;
  /** The listing record of an asset, kept with it in the store; a minimal record is made when absent. */
  readonly recordOf?: (asset: BootAsset) => Bundle | undefined;
  readonly pageOrigin: string;
  readonly events: AssetEvents;
  readonly signal?: AbortSignal;
  /** The browser store of this page by default; `null` keeps nothing beyond the page cache. */
  readonly store?: BrowserStore | null;
  /** Node and gateways for `ipfs://` uris; default: the settings saved on the Settings page. */
  readonly ipfsSettings?: () => IpfsSettings | Promise<IpfsSettings>;
}

function asCartiError(error: unknown, input: string, location: string): CartiError {
  if (error instanceof CartiError) return error;
  return new CartiError('network', input, location, error instanceof Error ? error.message : String(error));
}

/** The record stored with an asset: its listing's when that one has the same id (§3.1), else a minimal one. */
export function storeRecordOf(asset: BootAsset, listed: Bundle | undefined): Bundle {
  if (listed && listed.id === asset.id) return listed;
  return {
    bundleType: asset.role === 'ram' ? 'ram' : 'flashdrive',
    name: asset.name,
    fileName: asset.fileName,
    id: asset.id,
    version: '0.0.0',
  };
}

/** The asset's bytes from the store, or undefined when absent or unreadable (then it is downloaded). */
async function readStored(store: BrowserStore, asset: BootAsset): Promise<Uint8Array | undefined> {
  try {
    const blob = await store.read(asset.id);
    if (!blob) return undefined;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    await store.touch(asset.id).catch(() => undefined); // last use only: never worth failing a boot
    return bytes;
  } catch {
    return undefined;
  }
}

async function keep(store: BrowserStore, asset: BootAsset, bytes: Uint8Array, options: ResolveOptions): Promise<void> {
  try {
    // put() hashes the bytes again while writing them: the store never trusts its caller (§2.3).
    await store.put(storeRecordOf(asset, options.recordOf?.(asset)), bytes, { origin: 'download' });
  } catch (error) {
    options.events.notStored?.(asset.id, asCartiError(error, asset.name, asset.role));
  }
}

/** Node first when one is configured (the user's own), then the gateways in order; verified by carti id. */
async function downloadFromIpfs(asset: BootAsset, uri: string, options: ResolveOptions): Promise<{ sizeBytes: number; result: Uint8Array }> {
  const settings = await (options.ipfsSettings ?? currentIpfsSettings)();
  return fetchIpfsVerified<Uint8Array>(uri, asset.id, {
    settings,
    viaRpc: settings.rpcUrl !== undefined,
    allowList: [options.pageOrigin, ...ipfsAllowList(settings)],
    transport: gatewayTransport(ipfsAllowList(settings)),
    signal: options.signal,
    // Each attempt starts from zero: the bar shows the source being read now.
    onProgress: (event) => options.events.progress(asset.id, event.receivedBytes, event.totalBytes),
    onAttemptFailed: (source, error) => options.events.attemptFailed?.(asset.id, source, error),
  });
}

async function resolveOne(asset: BootAsset, store: BrowserStore | null, options: ResolveOptions): Promise<Uint8Array> {
  const hit = verified.get(asset.id);
  if (hit) {
    options.events.cached(asset.id, hit.length);
    return hit;
  }
  const stored = store ? await readStored(store, asset) : undefined;
  if (stored) {
    verified.set(asset.id, stored);
    options.events.cached(asset.id, stored.length);
    return stored;
  }
  const url = options.urlOf(asset);
  if (!url) {
    throw new CartiError('no-uri', asset.name, asset.role, `no listing gives a download location for ${asset.fileName} (${asset.id})`);
  }
  const download = isIpfsUri(url) ? await downloadFromIpfs(asset, url, options) : await downloadVerified(assetRequestUrl(url, options.pageOrigin), asset.id, {
    allowList: [options.pageOrigin],
    signal: options.signal,
    onProgress: (event) => options.events.progress(asset.id, event.receivedBytes, event.totalBytes),
  });
  verified.set(asset.id, download.result);
  // Stored before "verified" is reported, so a reload right after it finds the asset in the store.
  if (store) await keep(store, asset, download.result, options);
  options.events.verified(asset.id, download.sizeBytes);
  return download.result;
}

/** Image bytes by asset key; throws the first failure (every failure is also reported as an event). */
export async function resolveAssets(assets: readonly BootAsset[], options: ResolveOptions): Promise<Record<string, Uint8Array>> {
  const store = options.store === undefined ? getBrowserStore() : options.store;
  const results = await Promise.allSettled(assets.map(async (asset) => {
    try {
      return await resolveOne(asset, store, options);
    } catch (error) {
      const typed = asCartiError(error, asset.name, asset.role);
      options.events.failed(asset.id, typed);
      throw typed;
    }
  }));
  const images: Record<string, Uint8Array> = {};
  results.forEach((result, index) => {
    if (result.status === 'rejected') throw result.reason;
    images[assets[index].key] = result.value;
  });
  return images;
}

/** Forgets every verified asset of the page cache (tests and "free memory"); the store keeps its own. */
export function forgetVerifiedAssets(): void {
  verified.clear();
}
