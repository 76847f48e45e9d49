'use client';
/**
 * Loads a `carti-machine-package.json` and the listing that says where its assets are (carti-formats.md
 * §4, §10.2), through TanStack Query. Each asset's download URL is its bundle's `uri` resolved against the
 * listing, else its file name next to the package.
 */
import { useQuery } from '@tanstack/react-query';
import { parseListingText } from '@/lib/carti/listing';
import { parsePackageText } from '@/lib/carti/package';
import { resolveBundleUri } from '@/lib/carti/listing-source';
import type { Bundle, CartiPackage } from '@/lib/carti/types';
import type { BootAsset } from './boot-plan';

export const runPackageKey = (packageUrl: string, listingUrl: string) => ['run-package', packageUrl, listingUrl] as const;

export interface PackageSource {
  readonly pkg: CartiPackage;
  readonly urlOf: (asset: BootAsset) => string | undefined;
  /** The listing's record of an asset (kept with its bytes in the browser store). */
  readonly recordOf: (asset: BootAsset) => Bundle | undefined;
}

async function fetchText(url: string, what: string): Promise<string> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${what} ${url}: HTTP ${response.status}${response.status === 404 ? ' (run: npm run setup to build the default machine)' : ''}`);
  return response.text();
}

export async function loadPackageSource(packageUrl: string, listingUrl: string, origin: string): Promise<PackageSource> {
  const absolutePackage = new URL(packageUrl, origin).href;
  const absoluteListing = new URL(listingUrl, origin).href;
  const [packageText, listingText] = await Promise.all([
    fetchText(absolutePackage, 'machine package'),
    fetchText(absoluteListing, 'listing'),
  ]);
  const parsed = parsePackageText(packageText, absolutePackage);
  if (!parsed.value || parsed.errors.length > 0) throw parsed.errors[0] ?? new Error(`${absolutePackage}: not a machine package`);
  const listing = parseListingText(listingText, absoluteListing).value;
  const uris = new Map(listing.bundles.map((bundle) => [bundle.id, resolveBundleUri(bundle.uri, absoluteListing)]));
  const records = new Map(listing.bundles.map((bundle) => [bundle.id, bundle]));
  return {
    pkg: parsed.value,
    urlOf: (asset) => uris.get(asset.id) ?? new URL(asset.fileName, absolutePackage).href,
    recordOf: (asset) => records.get(asset.id),
  };
}

export function usePackageSource(packageUrl: string, listingUrl: string) {
  return useQuery({
    queryKey: runPackageKey(packageUrl, listingUrl),
    queryFn: () => loadPackageSource(packageUrl, listingUrl, window.location.origin),
    staleTime: Infinity,
  });
}
