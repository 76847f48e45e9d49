/**
 * IPFS settings (issue 6, "Client and node"): the node's RPC URL and the gateways, in order. Defaults are a
 * local node (Kubo's and js-ipfs's default ports on loopback); the CLI reads flags and environment variables,
 * the web app a settings panel. Both the node and the gateways are put on the fetch allow-list, since a local
 * node sits on a private address that the SSRF guard would otherwise refuse.
 */
import { CartiError } from '../carti/errors';

export interface IpfsSettings {
  /** Base URL of the RPC API without `/api/v0`, e.g. `http://127.0.0.1:5001`; undefined = gateways only. */
  readonly rpcUrl?: string;
  /** Path gateways, tried in order (`http://127.0.0.1:8080`, `https://ipfs.io`…). */
  readonly gateways: readonly string[];
  /**
   * Accept only trustless gateways (raw blocks, each checked against its CID): a gateway that answers the
   * file itself is refused (`not-trustless`) instead of being checked by carti id alone. The node's RPC API
   * (the user's own node) is not concerned. Default: trustless gateways are detected and used as such.
   */
  readonly trustlessOnly?: boolean;
}

export const DEFAULT_RPC_URL = 'http://127.0.0.1:5001';
export const DEFAULT_GATEWAYS: readonly string[] = ['http://127.0.0.1:8080'];

export const DEFAULT_IPFS_SETTINGS: IpfsSettings = { rpcUrl: DEFAULT_RPC_URL, gateways: DEFAULT_GATEWAYS };

/** Environment variable names read by the CLI. */
export const IPFS_ENV = { rpcUrl: 'CARTI_STUDIO_IPFS_API', gateways: 'CARTI_STUDIO_IPFS_GATEWAYS', trustlessOnly: 'CARTI_STUDIO_IPFS_TRUSTLESS_ONLY' } as const;

/** Check and normalise one http(s) base URL (no trailing slash, no query). */
export function normaliseBaseUrl(value: string, input: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new CartiError('bad-url', input, value, 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CartiError('bad-url', input, value, `unsupported scheme "${url.protocol}" (use http: or https:)`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * Settings from explicit values, then the environment, then defaults. `gateways` given as a comma-separated
 * list in the environment. An empty `rpcUrl` string means "no node".
 */
export function ipfsSettingsFrom(explicit: { rpcUrl?: string; gateways?: readonly string[]; trustlessOnly?: boolean }, env: Record<string, string | undefined> = {}): IpfsSettings {
  const rpcText = explicit.rpcUrl ?? env[IPFS_ENV.rpcUrl] ?? DEFAULT_RPC_URL;
  const gatewayList = explicit.gateways && explicit.gateways.length > 0
    ? explicit.gateways
    : (env[IPFS_ENV.gateways] ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
  const gateways = (gatewayList.length > 0 ? gatewayList : DEFAULT_GATEWAYS).map((gateway, index) => normaliseBaseUrl(gateway, `gateway ${index + 1}`));
  const trustlessOnly = explicit.trustlessOnly ?? /^(1|true|yes)$/i.test(env[IPFS_ENV.trustlessOnly] ?? '');
  return { rpcUrl: rpcText === '' ? undefined : normaliseBaseUrl(rpcText, 'IPFS node RPC URL'), gateways, ...(trustlessOnly ? { trustlessOnly } : {}) };
}

/** Origins to add to the fetch allow-list so the configured node and gateways are reachable. */
export function ipfsAllowList(settings: IpfsSettings): string[] {
  const urls = [...(settings.rpcUrl ? [settings.rpcUrl] : []), ...settings.gateways];
  return [...new Set(urls.map((url) => new URL(url).origin))];
}
