/**
 * Shared CLI context: where Carti Studio keeps its settings (`~/.carti-studio`, or `$CARTI_STUDIO_HOME`),
 * the listing sources and the cached listings (carti's `.bundles_index.json` shape: source → records), the
 * stores, and the fetch options every network call uses (SSRF guard with the Node resolver, allow-list).
 * IPFS settings (issue 6) come from the running command's `--ipfs-api`/`--gateway` flags (recorded by the
 * program's preAction hook, `useIpfsFlags`), else the environment, else a local node; the node and the
 * gateways are on every fetch's allow-list.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CartiError } from '../lib/carti/errors';
import { mergeListings, type LoadedListing } from '../lib/carti/index-merge';
import { parseListing } from '../lib/carti/listing';
import { bundleToJson } from '../lib/carti/bundle';
import { readLocalListing } from '../lib/carti/listing-source.node.js';
import { resolveListingSource } from '../lib/carti/listing-source';
import type { MergedIndex } from '../lib/carti/types';
import { fetchListing } from '../lib/fetch/listing';
import { ipfsAllowList, ipfsSettingsFrom, type IpfsSettings } from '../lib/ipfs/settings';
import { nodeResolveHost } from '../lib/fetch/dns.node.js';
import { nodeTransport } from '../lib/fetch/node-transport.node.js';
import type { FetchOptions } from '../lib/fetch/fetch-limited';
import { DiskStore } from '../lib/store/disk-store.node.js';
import { writeFileAtomic } from '../lib/store/file-sink.node.js';

export interface Config {
  version: 1;
  /** Listing sources, in the order they were added. */
  sources: string[];
  /** Origins allowed on private addresses (e.g. a local listing server). */
  allowList: string[];
}

export function studioHome(): string {
  return process.env.CARTI_STUDIO_HOME ?? join(homedir(), '.carti-studio');
}

const configPath = () => join(studioHome(), 'config.json');
const cachePath = () => join(studioHome(), '.bundles_index.json');

export async function loadConfig(): Promise<Config> {
  let text: string;
  try {
    text = await readFile(configPath(), 'utf8');
  } catch {
    return { version: 1, sources: [], allowList: [] };
  }
  let value: Partial<Config>;
  try {
    value = JSON.parse(text) as Partial<Config>;
  } catch (cause) {
    throw new CartiError('bad-json', configPath(), '(root)', (cause as Error).message);
  }
  const strings = (list: unknown) => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
  return { version: 1, sources: strings(value.sources), allowList: strings(value.allowList) };
}

export async function saveConfig(config: Config): Promise<void> {
  await mkdir(studioHome(), { recursive: true });
  await writeFileAtomic(configPath(), `${JSON.stringify(config, null, 2)}\n`);
}

/** The `--ipfs-api` / `--gateway` flags of the command being run (see `useIpfsFlags`). */
let ipfsFlags: { ipfsApi?: string; gateway?: string[]; trustlessOnly?: boolean } = {};

/** Record the running command's IPFS flags (called by the program's preAction hook with its options). */
export function useIpfsFlags(options: { ipfsApi?: unknown; gateway?: unknown; trustlessOnly?: unknown }): void {
  ipfsFlags = {
    ipfsApi: typeof options.ipfsApi === 'string' ? options.ipfsApi : undefined,
    gateway: Array.isArray(options.gateway) ? options.gateway.filter((item): item is string => typeof item === 'string') : undefined,
    trustlessOnly: options.trustlessOnly === true ? true : undefined,
  };
}

/** The IPFS node and gateways: flags, then `$CARTI_STUDIO_IPFS_API` / `$CARTI_STUDIO_IPFS_GATEWAYS`, then local. */
export function currentIpfsSettings(): IpfsSettings {
  return ipfsSettingsFrom({ rpcUrl: ipfsFlags.ipfsApi, gateways: ipfsFlags.gateway, trustlessOnly: ipfsFlags.trustlessOnly }, process.env);
}

/**
 * Fetch options for every request: the Node resolver and connect-time address check (SSRF guard), the
 * configured allow-list plus `$CARTI_STUDIO_ALLOW` (comma-separated origins, used by tests), plus the IPFS
 * node and gateways (a local node sits on a private address).
 */
export async function fetchOptions(extra: Partial<FetchOptions> = {}): Promise<FetchOptions> {
  const config = await loadConfig();
  const fromEnv = (process.env.CARTI_STUDIO_ALLOW ?? '').split(',').filter((origin) => origin !== '');
  const ipfs = ipfsAllowList(currentIpfsSettings());
  return { resolveHost: nodeResolveHost, transport: nodeTransport, allowList: [...new Set([...config.allowList, ...fromEnv, ...ipfs])], ...extra };
}

/**
 * Load one source: a local path (read from disk), an `ipfs://` uri (the node's RPC API, then the gateways)
 * or a URL (fetched with the listing limits).
 */
export async function loadSource(source: string): Promise<LoadedListing> {
  try {
    if (resolveListingSource(source).kind === 'path') return readLocalListing(source);
  } catch (error) {
    return { source, error: error as CartiError };
  }
  const ipfs = currentIpfsSettings();
  return fetchListing(source, { ...(await fetchOptions()), ipfs, viaRpc: ipfs.rpcUrl !== undefined });
}

/** Cached listings: `{ "<source>": [records] }` (carti's `~/.carti/.bundles_index.json` shape, §6.2) plus the URL. */
interface Cache { [source: string]: { url: string; bundles: unknown[] } }

async function readCache(): Promise<Cache> {
  try {
    return JSON.parse(await readFile(cachePath(), 'utf8')) as Cache;
  } catch {
    return {};
  }
}

export async function updateCache(loaded: readonly LoadedListing[], removed: readonly string[] = []): Promise<void> {
  const cache = await readCache();
  for (const entry of loaded) {
    if ('result' in entry) cache[entry.source] = { url: entry.url, bundles: entry.result.value.bundles.map(bundleToJson) };
  }
  for (const source of removed) delete cache[source];
  await mkdir(studioHome(), { recursive: true });
  await writeFileAtomic(cachePath(), JSON.stringify(cache, null, 2));
}

/**
 * The merged index of the configured sources: from the cache when present, fetched otherwise (`refresh`
 * fetches all). Explicit `sources` are always loaded fresh.
 */
export async function loadIndex(options: { sources?: string[]; refresh?: boolean } = {}): Promise<MergedIndex> {
  if (options.sources && options.sources.length > 0) return mergeListings(await Promise.all(options.sources.map(loadSource)));
  const config = await loadConfig();
  const cache = await readCache();
  const loaded = await Promise.all(config.sources.map(async (source): Promise<LoadedListing> => {
    const cached = cache[source];
    if (cached && !options.refresh) return { source, url: cached.url, result: parseListing({ bundles: cached.bundles }, source) };
    return loadSource(source);
  }));
  await updateCache(loaded.filter((entry) => 'result' in entry && !cache[entry.source]));
  return mergeListings(loaded);
}

export function stores(): { local: DiskStore; global: DiskStore } {
  return { local: DiskStore.local(), global: DiskStore.global() };
}

/** Print lines to stdout. */
export function out(...lines: string[]): void {
  process.stdout.write(lines.map((line) => `${line}\n`).join(''));
}

/** Print a problem to stderr. */
export function warn(...lines: string[]): void {
  process.stderr.write(lines.map((line) => `${line}\n`).join(''));
}
