/**
 * The SSRF allow-list of the app's API routes (issue 2, "Fetching safely"): private, loopback and link-local
 * addresses are refused except these origins. It holds the app's own origin (where the server listens) plus
 * the origins in CARTI_STUDIO_ALLOW_ORIGINS (comma-separated; the e2e tests add their local server here).
 * The own origin comes from the server's configuration, never from a request's Host header, which a
 * client controls.
 */
import { CartiError } from '../carti/errors';

export const ALLOW_ORIGINS_ENV = 'CARTI_STUDIO_ALLOW_ORIGINS';
/** Public origin(s) of a deployment behind a proxy, comma-separated (optional). */
export const OWN_ORIGIN_ENV = 'CARTI_STUDIO_ORIGIN';

function parseOriginList(text: string | undefined, variable: string): string[] {
  if (text === undefined || text.trim() === '') return [];
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new CartiError('bad-url', variable, `entry ${index + 1}`, `"${entry}" is not a URL (expected an origin such as http://127.0.0.1:3199)`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new CartiError('bad-url', variable, `entry ${index + 1}`, `"${entry}" is not an http(s) origin`);
      }
      return url.origin;
    });
}

/** The allow-list for a server listening on `env.PORT` (set by `next start -p`), without duplicates. */
export function allowedOrigins(env: Readonly<Record<string, string | undefined>>): string[] {
  const port = env.PORT ?? '3000';
  const own = [`http://localhost:${port}`, `http://127.0.0.1:${port}`, ...parseOriginList(env[OWN_ORIGIN_ENV], OWN_ORIGIN_ENV)];
  return [...new Set([...own, ...parseOriginList(env[ALLOW_ORIGINS_ENV], ALLOW_ORIGINS_ENV)])];
}
