// `carti-studio run --package ipfs://<cid>` (issue 6): a machine shared as one IPFS directory boots from its
// CID alone. The package is read through the node/gateways, every asset missing from the stores is installed
// from the package's own `repos` (its `ipfs://` listing directory) with full verification (carti id, and the
// IPFS CID on a trustless gateway), and the package is written to a temp file for `packageToRunConfig`.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CartiError } from '../../lib/carti/errors';
import { parsePackageText } from '../../lib/carti/package';
import { fetchIpfsDocument } from '../../lib/ipfs/listing';
import { PACKAGE_FILE } from '../../lib/ipfs/machine';
import { currentIpfsSettings, fetchOptions, loadIndex, stores, useIpfsFlags, warn } from '../context';
import { installIndexed } from '../resolve';

/** Take `--ipfs-api URL`, `--gateway URL` (repeatable) and `--trustless-only` out of cartesi-machine style arguments. */
export function takeIpfsArgs(argv: readonly string[]): string[] {
  const rest: string[] = [];
  const flags: { ipfsApi?: string; gateway: string[]; trustlessOnly?: boolean } = { gateway: [] };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (arg === '--') { rest.push(...argv.slice(index)); break; }
    if (arg === '--trustless-only') { flags.trustlessOnly = true; continue; }
    if (name !== '--ipfs-api' && name !== '--gateway') { rest.push(arg); continue; }
    const value = inline ?? argv[++index];
    if (value === undefined) throw new CartiError('bad-flag', 'carti-studio run', name, 'needs a URL');
    if (name === '--ipfs-api') flags.ipfsApi = value;
    else flags.gateway.push(value);
  }
  useIpfsFlags(flags);
  return rest;
}

/** Fetch the shared package, install its assets into the local store, return the package's temp path. */
export async function ipfsPackageToFile(uri: string): Promise<string> {
  const ipfs = currentIpfsSettings();
  const document = await fetchIpfsDocument(uri, PACKAGE_FILE, ipfs, { ...(await fetchOptions()), viaRpc: ipfs.rpcUrl !== undefined });
  const parsed = parsePackageText(document.text, document.uri);
  const errors = parsed.errors.filter((error) => error.severity !== 'warning');
  if (!parsed.value || errors.length > 0) {
    throw new CartiError('invalid-package', document.uri, '$', errors.map((error) => error.message).join('; ') || 'not a machine package');
  }
  const pkg = parsed.value;
  const { local, global } = stores();
  const missing = [];
  for (const asset of pkg.assets) if (!(await local.get(asset.cid)) && !(await global.get(asset.cid))) missing.push(asset);
  if (missing.length > 0) {
    const index = await loadIndex({ sources: [...(pkg.repos ?? [])] });
    for (const asset of missing) {
      const entry = index.bundles.find((candidate) => candidate.bundle.id === asset.cid);
      if (!entry) {
        const failed = index.sources.flatMap((status) => (status.ok ? [] : [status.error.message]));
        throw new CartiError('missing-asset', document.uri, asset.cid, `${asset.name} is in none of the package repos (${(pkg.repos ?? []).join(', ') || 'none'})${failed.length ? `; unreachable: ${failed.join('; ')}` : ''}`);
      }
      warn(`installing ${asset.name} (${asset.cid}) from ${Object.values(entry.resolvedUris)[0] ?? entry.origins.join(',')}`);
      await installIndexed(entry, local);
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'carti-ipfs-package-'));
  const path = join(dir, PACKAGE_FILE);
  await writeFile(path, document.text);
  return path;
}
