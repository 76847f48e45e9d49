'use client';
/**
 * File sizes of the draft's bundles. Listings carry no sizes (carti-formats.md §3.1), so a size is unknown
 * until a HEAD request answers (same-origin assets directly, others through the app's /api/asset route, as
 * lib/queries/verify-asset does); the live rules re-run when one arrives.
 */
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { assetRequestUrl } from '@/lib/queries/verify-asset';
import { ASSET_LENGTH_HEADER } from '@/lib/queries/wire';
import { isIpfsUri } from '@/lib/ipfs/uri';
import { ipfsAssetSize } from '@/components/ipfs/ipfs-size';

export const assetSizeKey = (url: string) => ['asset-size', url] as const;

export async function headSize(url: string): Promise<bigint | null> {
  if (isIpfsUri(url)) return ipfsAssetSize(url);
  const response = await fetch(assetRequestUrl(url, window.location.origin), { method: 'HEAD', cache: 'no-store' });
  if (!response.ok) return null;
  const header = response.headers.get(ASSET_LENGTH_HEADER) ?? response.headers.get('content-length');
  return header !== null && /^\d+$/.test(header) ? BigInt(header) : null;
}

/** One size query, shared by the hook and by drops that need the size before they edit. */
export const assetSizeQuery = (url: string) => ({ queryKey: assetSizeKey(url), queryFn: () => headSize(url), staleTime: Infinity, retry: false });

/** id → size for every id with a known URL whose HEAD answered with a length. */
export function useAssetSizes(urls: ReadonlyMap<string, string>): ReadonlyMap<string, bigint> {
  const entries = [...urls.entries()];
  const results = useQueries({
    queries: entries.map(([, url]) => assetSizeQuery(url)),
  });
  const signature = results.map((result, i) => `${entries[i]![0]}=${String(result.data)}`).join(',');
  return useMemo(() => {
    const sizes = new Map<string, bigint>();
    results.forEach((result, i) => {
      if (typeof result.data === 'bigint') sizes.set(entries[i]![0], result.data);
    });
    return sizes;
  }, [signature]); // eslint-disable-line react-hooks/exhaustive-deps
}
