/**
 * `ipfs://<cid>[/path]` uris (carti-formats.md §10.2, oci-ext2-ipfs.md §8.3) and the gateway URLs that serve
 * them. A path gateway serves `<gateway>/ipfs/<cid>[/path]`; CIDv0 is accepted and kept as given (path
 * gateways take both versions). A carti id (`baenrwi…`, codec 0x1b) is refused: gateways cannot resolve it.
 */
import { CID } from 'multiformats/cid';
import { ipfsError } from './errors';

export interface IpfsRef {
  readonly cid: CID;
  /** Path segments below the root, decoded (`[]` for the root itself). */
  readonly path: readonly string[];
}

/** Codec of carti ids (carti-formats.md §2.1), which look like CIDs but are not IPFS content. */
const CARTI_ID_CODEC = 0x1b;

export function isIpfsUri(uri: string): boolean {
  return /^ipfs:\/\//i.test(uri.trim());
}

export function parseIpfsUri(uri: string, input = 'ipfs uri'): IpfsRef {
  const trimmed = uri.trim();
  if (!isIpfsUri(trimmed)) throw ipfsError('bad-ipfs-uri', input, uri, 'expected ipfs://<cid>[/path]');
  const [cidText = '', ...rest] = trimmed.slice('ipfs://'.length).split('/');
  let cid: CID;
  try {
    cid = CID.parse(cidText);
  } catch (cause) {
    throw ipfsError('bad-ipfs-uri', input, uri, `"${cidText}" is not a CID (${(cause as Error).message})`);
  }
  if (cid.code === CARTI_ID_CODEC) {
    throw ipfsError('bad-ipfs-uri', input, uri, 'this is a carti id (keccak), not an IPFS CID; gateways cannot resolve it');
  }
  const path = rest.filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
  return { cid, path };
}

export function formatIpfsUri(ref: IpfsRef): string {
  return `ipfs://${ref.cid.toString()}${ref.path.map((segment) => `/${encodeURIComponent(segment)}`).join('')}`;
}

/** `<gateway>/ipfs/<cid>[/path]`; the gateway may carry a base path (`https://host/some/prefix`). */
export function gatewayUrl(gateway: string, ref: IpfsRef): string {
  const base = gateway.replace(/\/+$/, '');
  return `${base}/ipfs/${ref.cid.toString()}${ref.path.map((segment) => `/${encodeURIComponent(segment)}`).join('')}`;
}

/** The same ref with more path segments. */
export function childRef(ref: IpfsRef, ...segments: string[]): IpfsRef {
  return { cid: ref.cid, path: [...ref.path, ...segments] };
}

/**
 * A relative bundle uri against an `ipfs://` listing (carti-formats.md §10.2 extension): it resolves inside
 * the listing's directory, like a relative URL against the listing's URL (`./`, `../` and `/` as usual, never
 * above the root CID). Done on segments rather than with `URL`, which older browsers do not resolve for a
 * non-special scheme such as `ipfs:`.
 */
export function resolveIpfsRelative(uri: string, listingUri: string): string {
  const base = parseIpfsUri(listingUri, 'listing uri');
  const [pathPart = ''] = uri.split(/[?#]/);
  // The listing file's own name is dropped: its directory is the base.
  const segments = pathPart.startsWith('/') ? [] : base.path.slice(0, -1);
  for (const raw of pathPart.split('/')) {
    if (raw === '' || raw === '.') continue;
    if (raw === '..') segments.pop();
    else segments.push(decodeURIComponent(raw));
  }
  return formatIpfsUri({ cid: base.cid, path: segments });
}
