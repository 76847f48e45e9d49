/**
 * Finding and installing bundles for the CLI: installed bundles first (local store, then global), then the
 * merged index of listing sources; same-named bundles are chosen deterministically (§12.13) and the chosen
 * id is always shown. Downloads are verified (§2.3) and atomic (lib/store). An `ipfs://` uri goes through
 * the node and the gateways (lib/ipfs: carti id always, IPFS CID when the gateway is trustless) into a
 * temporary file, which the store then copies in, checking the id once more.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { CartiError } from '../lib/carti/errors';
import { fetchIpfsVerified } from '../lib/ipfs/fetch';
import { isIpfsUri } from '../lib/ipfs/uri';
import { fileSink } from '../lib/store/file-sink.node.js';
import { chooseBundle, findBundles } from '../lib/carti/index-merge';
import type { Bundle, IndexedBundle } from '../lib/carti/types';
import type { DiskStore } from '../lib/store/disk-store.node.js';
import type { DiskStoredBundle } from '../lib/store/types';
import { currentIpfsSettings, fetchOptions, loadIndex, stores, warn } from './context';

export async function findInstalled(query: string, version?: string): Promise<DiskStoredBundle | undefined> {
  const { local, global } = stores();
  const candidates = [...(await local.findByName(query)), ...(await global.findByName(query))];
  return chooseBundle(candidates, query, version);
}

/** The index entry for a name or id, refusing an ambiguous name unless `yes` (then the choice is shown). */
export async function findRemote(query: string, options: { version?: string; yes?: boolean } = {}): Promise<IndexedBundle> {
  const index = await loadIndex();
  const matches = findBundles(index.bundles, query).filter((entry) => options.version === undefined || entry.bundle.version === options.version || entry.bundle.id === query);
  const chosen = chooseBundle(matches, query, options.version);
  if (!chosen) {
    const failed = index.sources.filter((status) => !status.ok).map((status) => status.source);
    throw new CartiError('not-found', 'listing sources', query, `no bundle named or with id "${query}"${failed.length ? ` (unreachable sources: ${failed.join(', ')})` : ''}; add a listing with \`repo add\``);
  }
  const distinct = new Set(matches.map((entry) => entry.bundle.id));
  if (distinct.size > 1 && chosen.bundle.id !== query) {
    const list = matches.map((entry) => `  ${entry.bundle.name}:${entry.bundle.version}:${entry.bundle.id}`).join('\n');
    if (!options.yes && options.version === undefined) {
      throw new CartiError('not-found', 'listing sources', query, `${distinct.size} bundles are named "${query}":\n${list}\nuse an id, --version, or -y to take the highest version`);
    }
    warn(`chose ${chosen.bundle.name}:${chosen.bundle.version}:${chosen.bundle.id} among ${distinct.size} bundles named "${query}"`);
  }
  return chosen;
}

/** Download an indexed bundle into `store`, trying each origin's uri in turn. */
export async function installIndexed(entry: IndexedBundle, store: DiskStore): Promise<DiskStoredBundle> {
  const existing = await store.get(entry.bundle.id);
  if (existing) return existing;
  const uris = [...new Set(Object.values(entry.resolvedUris))];
  if (uris.length === 0) throw new CartiError('not-found', entry.bundle.name, entry.bundle.id, 'the listing gives no uri for this bundle');
  let lastError: unknown;
  for (const uri of uris) {
    try {
      if (isAbsolute(uri)) return await store.installFromPath(entry.bundle, uri);
      if (isIpfsUri(uri)) return await installFromIpfs(entry.bundle, uri, store);
      const options = await fetchOptions({
        onProgress: progressPrinter(entry.bundle),
      });
      const installed = await store.install(entry.bundle, uri, options);
      if (process.stderr.isTTY) process.stderr.write('\n');
      return installed;
    } catch (error) {
      lastError = error;
      warn((error as Error).message);
    }
  }
  throw lastError;
}

/** Fetch a verified copy into a temp file (nothing unverified is kept), then install it from there. */
export async function installFromIpfs(bundle: Bundle, uri: string, store: DiskStore): Promise<DiskStoredBundle> {
  const existing = await store.get(bundle.id);
  if (existing) return existing;
  const settings = currentIpfsSettings();
  const dir = await mkdtemp(join(tmpdir(), 'carti-ipfs-'));
  try {
    const download = await fetchIpfsVerified(uri, bundle.id, {
      ...(await fetchOptions({ onProgress: progressPrinter(bundle) })),
      settings,
      viaRpc: settings.rpcUrl !== undefined,
      sinkFactory: () => fileSink(join(dir, 'download')),
      onAttemptFailed: (source, error) => warn(`refused ${source}: ${error.reason ?? error.message}`),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    warn(`verified ${bundle.name} from ${download.source} (${download.cidVerified ? 'carti id and IPFS CID' : 'carti id'}${download.trustless ? ', trustless gateway' : ''})`);
    return await store.installFromPath({ ...bundle, uri }, download.result);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function progressPrinter(bundle: Bundle) {
  let last = 0;
  return (event: { receivedBytes: number; totalBytes?: number }) => {
    const now = Date.now();
    if (now - last < 250 || !process.stderr.isTTY) return;
    last = now;
    const total = event.totalBytes ? ` / ${event.totalBytes}` : '';
    process.stderr.write(`\rdownloading ${bundle.name}: ${event.receivedBytes}${total} bytes`);
  };
}

export const describeStored = (entry: DiskStoredBundle) => `${entry.bundle.name}:${entry.bundle.id}:${entry.bundle.version}:${entry.path}`;
