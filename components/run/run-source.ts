/**
 * The `?package=` and `?listing=` parameters of the run page (issue 4): a machine package and the listing
 * that locates its assets, both paths on this site. Another origin is refused before anything is fetched:
 * the page would otherwise boot whatever a link points it at, and cross-origin files are not served with
 * the CORP headers the cross-origin-isolated page needs (browser-emulation.md §4.2).
 */
export const DEFAULT_PACKAGE_PATH = '/default/carti-machine-package.json';
export const DEFAULT_LISTING_PATH = '/default/bundles.json';
export const CALCULATOR_PACKAGE_PATH = '/default/calculator-machine-package.json';

export type RunSourceParam =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly message: string };

/** Any base with an origin no real page has: a value that keeps it is a path on whatever site serves us. */
const PROBE_ORIGIN = 'http://same-origin.invalid';

/** Checks one parameter: absent or empty gives `fallback`; a path (with its query) is kept; else refused. */
export function runSourceParam(name: 'package' | 'listing', value: string | string[] | undefined, fallback: string): RunSourceParam {
  if (Array.isArray(value)) {
    return { ok: false, message: `?${name}= is given ${value.length} times: give one path on this site` };
  }
  if (value === undefined || value.trim() === '') return { ok: true, path: fallback };
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return { ok: false, message: `?${name}=${value} is not a URL path: give a path on this site such as ${fallback}` };
  }
  // `//host/x`, `/\host/x` and `https://host/x` all leave the probe origin.
  if (url.origin !== PROBE_ORIGIN || !value.startsWith('/')) {
    return { ok: false, message: `?${name}=${value} refused: only paths on this site are accepted (such as ${fallback}), not another origin` };
  }
  return { ok: true, path: `${url.pathname}${url.search}` };
}
