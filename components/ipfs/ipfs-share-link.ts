/**
 * Share links of machines published to IPFS (issue 6, "Publish a whole machine"): the composer's link scheme
 * with the root CID, `<app>/compose#ipfs=<cid>`, and loading that machine's package back through the
 * configured gateways, in order (`<gateway>/ipfs/<cid>/carti-machine-package.json`). The package's `repos`
 * name the published listing (`ipfs://<A>`), so following them gives every asset an `ipfs://` uri, each
 * verified by its carti id when it is fetched.
 */
import { CartiError } from '@/lib/carti/errors';
import { parsePackageText } from '@/lib/carti/package';
import type { CartiPackage } from '@/lib/carti/types';
import { fetchLimited, type FetchOptions } from '@/lib/fetch/fetch-limited';
import { PACKAGE_FILE } from '@/lib/ipfs/machine';
import { gatewayTransport } from '@/lib/queries/gateway-transport';
import { ipfsAllowList, type IpfsSettings } from '@/lib/ipfs/settings';
import { childRef, gatewayUrl, parseIpfsUri } from '@/lib/ipfs/uri';

const FRAGMENT_KEY = 'ipfs';

export function ipfsShareLink(appOrigin: string, rootCid: string): string {
  return `${appOrigin}/compose#${FRAGMENT_KEY}=${rootCid}`;
}

/** The CID of a `#ipfs=<cid>` fragment (with or without `#`), or undefined for any other fragment. */
export function ipfsCidOfFragment(hash: string): string | undefined {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(FRAGMENT_KEY);
  return value === null ? undefined : value.trim();
}

export interface LoadedIpfsPackage {
  readonly pkg: CartiPackage;
  /** The gateway URL the package came from. */
  readonly url: string;
}

/** The machine package of a shared root CID, from the first gateway that serves a valid one. */
export async function loadIpfsPackage(rootCid: string, settings: IpfsSettings, options: Pick<FetchOptions, 'signal' | 'timeoutMs'> = {}): Promise<LoadedIpfsPackage> {
  const input = `ipfs://${rootCid}`;
  const ref = childRef(parseIpfsUri(input, 'share link'), PACKAGE_FILE);
  const failures: string[] = [];
  for (const gateway of settings.gateways) {
    const url = gatewayUrl(gateway, ref);
    try {
      const allowList = ipfsAllowList(settings);
      const response = await fetchLimited(url, { ...options, kind: 'listing', allowList, transport: gatewayTransport(allowList), accept: 'application/json, */*;q=0.1' });
      const parsed = parsePackageText(await response.text(), `${input}/${PACKAGE_FILE}`);
      if (parsed.value) return { pkg: parsed.value, url };
      failures.push(`gateway ${gateway}: ${parsed.errors[0]?.message ?? 'not a machine package'}`);
    } catch (error) {
      failures.push(`gateway ${gateway}: ${(error as CartiError).reason ?? (error as Error).message}`);
    }
  }
  const reason = failures.length === 0 ? 'no IPFS gateway is configured (Settings)' : `no gateway gave the machine package:\n  ${failures.join('\n  ')}`;
  throw new CartiError('ipfs-unavailable', input, PACKAGE_FILE, reason);
}
