/**
 * The size of an `ipfs://` asset for the composer's live rules (listings carry no sizes): a HEAD request to
 * each configured gateway in order, until one answers with a Content-Length. Only a hint for the rules
 * (the bytes are verified by id when they are fetched); the app's /api/asset route cannot resolve ipfs://.
 */
import { gatewayUrl, parseIpfsUri } from '@/lib/ipfs/uri';
import { currentIpfsSettings } from './current-settings';

export async function ipfsAssetSize(uri: string): Promise<bigint | null> {
  const ref = parseIpfsUri(uri);
  for (const gateway of (await currentIpfsSettings()).gateways) {
    try {
      const response = await fetch(gatewayUrl(gateway, ref), { method: 'HEAD', cache: 'no-store', signal: AbortSignal.timeout(10_000) });
      const length = response.headers.get('content-length');
      if (response.ok && length !== null && /^\d+$/.test(length)) return BigInt(length);
    } catch {
      // This gateway is down or refuses the origin: the next one may answer.
    }
  }
  return null;
}
