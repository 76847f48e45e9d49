/**
 * How the browser talks to IPFS gateways and nodes (a lib/fetch `Transport`). lib/fetch follows redirects by hand so
 * that each hop passes the SSRF guard, but a browser hides manual redirects (an opaque response), and path
 * gateways redirect within themselves (a directory `/ipfs/<cid>` → `/ipfs/<cid>/`, kubo's and js-ipfs's
 * `?format=raw` probe of a directory included). Here the browser follows them, and the answer is refused
 * unless it still comes from an allowed origin (the configured node and gateways): a gateway cannot send
 * the app elsewhere. The bytes are verified by carti id (and CID on trustless gateways) either way.
 */
import { CartiError } from '../carti/errors';
import type { Transport } from '../fetch/fetch-limited';

export function gatewayTransport(allowedOrigins: readonly string[]): Transport {
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return async (url, init) => {
    const response = await fetch(url, { redirect: 'follow', signal: init.signal, headers: init.headers });
    const finalOrigin = response.url ? new URL(response.url).origin : url.origin;
    if (response.redirected && !allowed.has(finalOrigin)) {
      await response.body?.cancel().catch(() => undefined);
      throw new CartiError('blocked-address', url.toString(), response.url, `the gateway redirected to ${finalOrigin}, which is not a configured node or gateway`);
    }
    return response;
  };
}
