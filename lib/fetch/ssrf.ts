/**
 * SSRF guard: refuse private, loopback, link-local, unique-local, unspecified, multicast and reserved
 * addresses (IPv4 and IPv6, including IPv4-mapped/compatible/NAT64/6to4 IPv6 and the decimal, octal and hex
 * IPv4 forms) unless the URL's origin is on the allow-list. Host names are checked through `resolveHost`
 * when given (Node: `dns.node.ts`); without it (browser) only literals and `localhost` can be checked.
 */
import { CartiError } from '../carti/errors';

export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

export type IpLiteral = { readonly family: 4; readonly bytes: readonly number[] } | { readonly family: 6; readonly bytes: readonly number[] };

/**
 * Parse an IPv4 literal the way `inet_aton`/WHATWG URL do: 1–4 parts, each decimal, octal (leading 0) or hex
 * (0x); the last part fills the remaining bytes (`127.1`, `2130706433`, `0x7f.0.0.1`, `0177.0.0.1`).
 */
function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((part) => part === '')) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return undefined;
    numbers.push(value);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return undefined;
  const bytes = [...numbers];
  for (let i = 4 - numbers.length - 1; i >= 0; i -= 1) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes;
}

function parseIpv6(text: string): number[] | undefined {
  let body = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!/^[0-9a-fA-F:.]+$/.test(body)) return undefined;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (!v4 || body.slice(lastColon + 1).split('.').length !== 4) return undefined;
    tail = v4;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (all.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  const bytes = all.flatMap((group) => { const v = parseInt(group, 16); return [v >> 8, v & 0xff]; });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

export function parseIpLiteral(host: string): IpLiteral | undefined {
  if (host.includes(':')) {
    const bytes = parseIpv6(host);
    return bytes ? { family: 6, bytes } : undefined;
  }
  const bytes = parseIpv4(host);
  return bytes ? { family: 4, bytes } : undefined;
}

function blockedIpv4([a, b, c]: readonly number[]): string | undefined {
  if (a === 0) return 'unspecified ("this network", 0.0.0.0/8)';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b! >= 64 && b! <= 127) return 'carrier-grade NAT (shared, 100.64.0.0/10)';
  if (a === 192 && b === 0 && c === 0) return 'IETF protocol assignments (192.0.0.0/24)';
  if (a === 198 && (b === 18 || b === 19)) return 'benchmarking (198.18.0.0/15)';
  if (a! >= 224) return a! < 240 ? 'multicast' : 'reserved';
  return undefined;
}

/** Why an address is refused, or undefined when it is public. Unparsable text is refused. */
export function isBlockedAddress(address: string): string | undefined {
  const ip = parseIpLiteral(address);
  if (!ip) return 'not an IP address';
  if (ip.family === 4) return blockedIpv4(ip.bytes);
  const b = ip.bytes;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 16)) return 'unspecified (::)';
  if (zeros(0, 15) && b[15] === 1) return 'loopback (::1)';
  // IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d: judge the embedded IPv4.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return embedded(b.slice(12), 'IPv4-mapped');
  if (zeros(0, 12)) return embedded(b.slice(12), 'IPv4-compatible');
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return embedded(b.slice(12), 'NAT64');
  if (b[0] === 0x20 && b[1] === 0x02) return embedded(b.slice(2, 6), '6to4');
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link-local (fe80::/10)';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'site-local (fec0::/10)';
  if ((b[0]! & 0xfe) === 0xfc) return 'unique-local (fc00::/7)';
  if (b[0] === 0xff) return 'multicast';
  return undefined;
}

function embedded(v4: readonly number[], kind: string): string | undefined {
  const reason = blockedIpv4(v4);
  return reason ? `${kind} ${reason} address ${v4.join('.')}` : undefined;
}

export interface UrlCheckOptions {
  /** Origins (`http://127.0.0.1:8080`) allowed even when their address is private. */
  readonly allowList?: readonly string[];
  readonly resolveHost?: ResolveHost;
  readonly input?: string;
}

/** Throw `bad-url` or `blocked-address` unless `url` may be fetched. */
export async function checkUrlAllowed(url: URL, options: UrlCheckOptions = {}): Promise<void> {
  const input = options.input ?? url.toString();
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CartiError('bad-url', input, url.toString(), `only http: and https: are fetched, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new CartiError('bad-url', input, url.toString(), 'URLs with credentials are not fetched');
  }
  if ((options.allowList ?? []).some((origin) => sameOrigin(origin, url))) return;
  // A trailing dot names the same host (`localhost.`): drop it before the name checks.
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  const refuse = (address: string, reason: string) => {
    throw new CartiError('blocked-address', input, url.toString(),
      `${host}${address === host ? '' : ` (${address})`} is a ${reason} address; refused to prevent requests into private networks (add the origin ${url.origin} to the allow-list to permit it)`);
  };
  const literal = parseIpLiteral(host);
  if (literal) {
    const reason = isBlockedAddress(host);
    if (reason) refuse(host, reason);
    return;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) refuse(host, 'loopback');
  if (!options.resolveHost) return;
  let addresses: readonly string[];
  try {
    addresses = await options.resolveHost(host);
  } catch (cause) {
    throw new CartiError('network', input, url.toString(), `cannot resolve ${host}: ${(cause as Error).message}`);
  }
  for (const address of addresses) {
    const reason = isBlockedAddress(address);
    if (reason) refuse(address, reason);
  }
}

/** True when `origin` (an allow-list entry) is the origin of `url`. */
export function sameOrigin(origin: string, url: URL): boolean {
  try {
    return new URL(origin).origin === url.origin;
  } catch {
    return false;
  }
}
