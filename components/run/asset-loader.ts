/**
 * Resolves the assets of a boot (issue 4, "Boot in the browser"): each one is taken from the verified
 * cache of this page, or downloaded from its bundle's `uri` (resolved against its listing, carti-formats.md
 * §10.2) with progress and its carti id recomputed while streaming (§2.3) by lib/fetch's downloadVerified.
 * Nothing unverified is ever returned or kept. Cross-origin assets go through the app's /api/asset route.
 */
import { downloadVerified } from '../../lib/fetch/download';
import { assetRequestUrl } from '../../lib/queries/verify-asset';
import { CartiError } from '../../lib/carti/errors';
import type { BootAsset } from './boot-plan';

/** Verified bytes by carti id, kept for the page's lifetime so a second Boot downloads nothing. */
const verified = new Map<string, Uint8Array>();

export interface AssetEvents {
  cached(id: string, sizeBytes: number): void;
  progress(id: string, doneBytes: number, totalBytes?: number): void;
  verified(id: string, sizeBytes: number): void;
  failed(id: string, error: CartiError): void;
}

export interface ResolveOptions {
  /** The download URL of each id (absolute, or relative to `pageOrigin`). */
  readonly urlOf: (asset: BootAsset) => string | undefined;
  readonly pageOrigin: string;
  readonly events: AssetEvents;
  readonly signal?: AbortSignal;
}

function asCartiError(error: unknown, asset: BootAsset): CartiError {
  if (error instanceof CartiError) return error;
  return new CartiError('network', asset.name, asset.role, error instanceof Error ? error.message : String(error));
}

async function resolveOne(asset: BootAsset, options: ResolveOptions): Promise<Uint8Array> {
  const hit = verified.get(asset.id);
  if (hit) {
    options.events.cached(asset.id, hit.length);
    return hit;
  }
  const url = options.urlOf(asset);
  if (!url) {
    throw new CartiError('no-uri', asset.name, asset.role, `no listing gives a download location for ${asset.fileName} (${asset.id})`);
  }
  const requestUrl = assetRequestUrl(url, options.pageOrigin);
  const download = await downloadVerified(requestUrl, asset.id, {
    allowList: [options.pageOrigin],
    signal: options.signal,
    onProgress: (event) => options.events.progress(asset.id, event.receivedBytes, event.totalBytes),
  });
  verified.set(asset.id, download.result);
  options.events.verified(asset.id, download.sizeBytes);
  return download.result;
}

/** Image bytes by asset key; throws the first failure (every failure is also reported as an event). */
export async function resolveAssets(assets: readonly BootAsset[], options: ResolveOptions): Promise<Record<string, Uint8Array>> {
  const results = await Promise.allSettled(assets.map(async (asset) => {
    try {
      return await resolveOne(asset, options);
    } catch (error) {
      const typed = asCartiError(error, asset);
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

/** Forgets every verified asset (tests and "free memory"). */
export function forgetVerifiedAssets(): void {
  verified.clear();
}
