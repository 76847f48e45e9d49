/** Node host resolution for the SSRF guard: every address the system resolver returns is checked. */
import { lookup } from 'node:dns/promises';
import type { ResolveHost } from './ssrf';

export const nodeResolveHost: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
