/**
 * Public API of lib/fetch: safe fetching of listings and assets (issue 2, "Fetching safely"). Pure,
 * framework-free; uses the global `fetch`. Node callers pass `resolveHost` from `dns.node.ts` so that host
 * names are checked against private ranges; in the browser only literal addresses can be checked.
 *
 * - `fetchLimited(url, options)`: http(s) only, manual redirects (limit), timeout, size limit while streaming,
 *   SSRF guard with an allow-list of origins. Returns a `LimitedResponse` whose body is read once.
 * - `fetchListing(source, options)`: resolve a listing source (GitHub, raw, http(s); `ipfs://` through
 *   lib/ipfs when `options.ipfs` gives gateways/node), fetch with the listing
 *   limits, refuse HTML with a hint to the raw URL, parse and validate.
 * - `downloadVerified(url, expectedId, options)`: stream an asset with progress, compute its id while
 *   streaming, throw `id-mismatch` showing both ids; the sink commits only verified bytes.
 * - Node callers: pass `resolveHost: nodeResolveHost` (dns.node.ts) and `transport: nodeTransport`
 *   (node-transport.node.ts, checks the connected address itself: no DNS rebinding).
 * - `isBlockedAddress(ip)`, `parseIpLiteral(host)`: the address rules, for reuse and display.
 */
export { fetchLimited, DEFAULT_LIMITS } from './fetch-limited';
export type { FetchKind, FetchOptions, LimitedResponse, ProgressEvent, ResolveHost, Transport } from './fetch-limited';
export { fetchListing } from './listing';
export type { FetchedListing, ListingFetchOptions } from './listing';
export { downloadVerified, memorySink } from './download';
export type { DownloadSink, DownloadOptions, VerifiedDownload } from './download';
export { isBlockedAddress, parseIpLiteral, checkUrlAllowed } from './ssrf';
