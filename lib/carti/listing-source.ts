/**
 * Listing sources (carti-formats.md §10.2) and bundle `uri` handling (§10.3).
 *
 * - `https://github.com/<o>/<r>` → `https://raw.githubusercontent.com/<o>/<r>/HEAD/bundles.json` (the raw
 *   host resolves `HEAD` to the default branch: unverified, §10.2);
 * - `…/tree/<ref>` (ref may contain `/`) → raw `<ref>/bundles.json`;
 * - `…/blob/<ref>/<path>` → raw `<ref>/<path>` (a ref containing `/` cannot be told apart from the path
 *   without the GitHub API: the first segment is taken as the ref, as GitHub's own raw links do for branches
 *   without slashes);
 * - `ipfs://<cid>[/path]` → kind `ipfs` (issue 6): a `bundles.json`, or a directory holding one, read through
 *   IPFS gateways or a node (lib/ipfs); the CID is checked here so a typo fails with a clear error at once;
 * - any other http(s) URL → as is; a string without a scheme → a local path (CLI only, `*.node.ts`).
 * Extension (documented): a bundle `uri` without a scheme or leading `/` is resolved against the listing URL
 * (for an `ipfs://` listing, inside the same IPFS directory).
 */
import { formatIpfsUri, isIpfsUri, parseIpfsUri, resolveIpfsRelative } from '../ipfs/uri';
import { CartiError } from './errors';

export type ListingSourceKind = 'github' | 'url' | 'path' | 'ipfs';

export interface ResolvedSource {
  /** The source string as given: the origin key of the listing's bundles. */
  readonly source: string;
  readonly kind: ListingSourceKind;
  /** URL to fetch (http/https), for `path` the path as given, for `ipfs` the normalised `ipfs://` uri. */
  readonly url: string;
}

const RAW_HOST = 'https://raw.githubusercontent.com';

export function resolveListingSource(source: string): ResolvedSource {
  return resolveSource(source, 'bundles.json');
}

/**
 * Where to read a machine package (carti's `machine install`, §12.15): a GitHub repository or `/tree/<ref>`
 * URL means its `carti-machine-package.json`, never the HTML page.
 */
export function resolvePackageSource(source: string): ResolvedSource {
  return resolveSource(source, 'carti-machine-package.json');
}

function resolveSource(source: string, defaultFile: string): ResolvedSource {
  const trimmed = source.trim();
  if (trimmed === '') throw new CartiError('bad-source', 'listing source', '(value)', 'the source is empty');
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(trimmed)) return { source, kind: 'path', url: trimmed };
  if (/^ipfs:/i.test(trimmed)) {
    if (!isIpfsUri(trimmed)) throw new CartiError('bad-source', 'listing source', source, 'an IPFS source is ipfs://<cid>[/path]');
    return { source, kind: 'ipfs', url: formatIpfsUri(parseIpfsUri(trimmed, 'listing source')) };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new CartiError('bad-url', 'listing source', source, 'not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CartiError('bad-url', 'listing source', source, `unsupported scheme "${url.protocol}" (use https:, http:, ipfs: or a local path)`);
  }
  if (url.hostname === 'github.com' || url.hostname === 'www.github.com') return { source, kind: 'github', url: githubFileUrl(url, source, defaultFile) };
  return { source, kind: 'url', url: url.toString() };
}

function githubFileUrl(url: URL, source: string, defaultFile: string): string {
  const segments = url.pathname.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  const [owner, repoWithGit, mode, ...rest] = segments;
  if (!owner || !repoWithGit) throw new CartiError('bad-source', 'listing source', source, 'a GitHub URL needs /<owner>/<repository>');
  const repo = repoWithGit.replace(/\.git$/, '');
  const raw = (ref: string, path: string) => `${RAW_HOST}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/${ref.split('/').map(encodeURIComponent).join('/')}/${path.split('/').map(encodeURIComponent).join('/')}`;
  if (mode === undefined) return raw('HEAD', defaultFile);
  if (mode === 'tree' && rest.length > 0) return raw(rest.join('/'), defaultFile);
  if ((mode === 'blob' || mode === 'raw') && rest.length >= 2) return raw(rest[0]!, rest.slice(1).join('/'));
  throw new CartiError('bad-source', 'listing source', source, `unsupported GitHub URL form "/${mode}" (use the repository, /tree/<ref> or /blob/<ref>/<path>)`);
}

/** `https://github.com/<o>/<r>/blob/<ref>/<path>` → raw URL (carti-sample's uris, §10.3); other URLs unchanged. */
export function githubBlobToRaw(uri: string): string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return uri;
  }
  if (url.hostname !== 'github.com' && url.hostname !== 'www.github.com') return uri;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (segments[2] !== 'blob' || segments.length < 5) return uri;
  const [owner, repo, , ref, ...path] = segments;
  return `${RAW_HOST}/${owner}/${repo}/${ref}/${path.join('/')}`;
}

/**
 * The download location of a bundle uri: GitHub `/blob/` rewritten to raw; a relative uri resolved against
 * the listing's URL (documented extension, §10.2); an absolute disk path returned unchanged. Returns
 * undefined when the bundle has no uri.
 */
export function resolveBundleUri(uri: string | undefined, listingUrl: string | undefined): string | undefined {
  if (uri === undefined || uri === '') return undefined;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(uri)) return githubBlobToRaw(uri);
  if (uri.startsWith('/')) return uri;
  if (listingUrl !== undefined && isIpfsUri(listingUrl)) return resolveIpfsRelative(uri, listingUrl);
  if (listingUrl !== undefined && /^https?:/.test(listingUrl)) return new URL(uri, listingUrl).toString();
  // A local listing file (CLI): relative to its directory, as an absolute disk path.
  if (listingUrl !== undefined && listingUrl.startsWith('/')) return decodeURI(new URL(uri, `file://${encodeURI(listingUrl)}`).pathname);
  return uri;
}
