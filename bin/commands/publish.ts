/**
 * `publish` (carti-formats.md §11, issue 6):
 * - `publish ipfs FILE -t -n -v [--listing bundles.json]`: carti id, `add` to the node (CIDv1, raw leaves,
 *   256 KiB chunks, checked against the locally computed CID), pin, record `uri: ipfs://<cid>`;
 * - `publish uri BUNDLE URL`: record a uri for bytes hosted elsewhere, after downloading and verifying them;
 * - `publish disk BUNDLE DIR`: copy into `DIR/<id>/<fileName>` with `carti-meta.json` and record that absolute
 *   path, which `install` reads as a disk store uri (§10.3; carti's recorded uri could not install, §12.8);
 * - `publish machine PACKAGE`: the package and every asset as one IPFS directory; prints its CID and a share link.
 * BUNDLE is an installed bundle's name or id (local store, then global).
 */
import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { bundleToJson } from '../../lib/carti/bundle';
import { CartiError } from '../../lib/carti/errors';
import { createIdHasher, isCartiId } from '../../lib/carti/id';
import { serializeMeta } from '../../lib/carti/meta';
import { parsePackageText } from '../../lib/carti/package';
import { BUNDLE_TYPES, type Bundle, type BundleType } from '../../lib/carti/types';
import { downloadVerified, type DownloadSink } from '../../lib/fetch/download';
import { fileBlob } from '../../lib/ipfs/file-blob.node.js';
import { publishMachine, type MachineAsset } from '../../lib/ipfs/machine';
import { publishFile } from '../../lib/ipfs/publish';
import { fileSink, writeFileAtomic } from '../../lib/store/file-sink.node.js';
import type { DiskStoredBundle } from '../../lib/store/types';
import { fetchOptions, out, stores, warn } from '../context';
import { findInstalled } from '../resolve';
import { ipfsSettings, progressLine, withIpfsFlags, type IpfsFlags } from './ipfs-options';
import { recordInListing } from './publish-listing';

interface ListingFlags { listing: string; save: boolean }
interface IpfsPublishFlags extends IpfsFlags, ListingFlags { type: string; name: string; version: string; fileName?: string }
interface MachineFlags extends IpfsFlags { appUrl: string }

/** Where the composer opens a shared machine: the composer's fragment scheme, carrying the CID. */
export function machineShareLink(appUrl: string, rootCid: string): string {
  return `${appUrl.replace(/\/+$/, '')}/compose#ipfs=${rootCid}`;
}

export function register(program: Command): void {
  const publish = program.command('publish').description('publish a bundle (IPFS, a URL, a directory) or a whole machine (IPFS)');
  const withListing = (command: Command) => command
    .option('--listing <path>', 'the bundles.json to record the entry in', 'bundles.json')
    .option('--no-save', 'print the entry without recording it');

  withListing(withIpfsFlags(publish.command('ipfs')
    .description('add a file to an IPFS node (CIDv1, raw leaves, 256 KiB chunks), pin it and record it with uri ipfs://<cid>')
    .argument('<file>', 'the file to publish')
    .requiredOption('-t, --type <type>', `bundle type: ${BUNDLE_TYPES.join(', ')}`)
    .requiredOption('-n, --name <name>', 'bundle name')
    .requiredOption('-v, --version <version>', 'bundle version')
    .option('-f, --file-name <name>', 'file name recorded in the bundle (default: the file\'s basename)')))
    .action(async (file: string, flags: IpfsPublishFlags) => {
      const settings = ipfsSettings(flags);
      if (!settings.rpcUrl) throw new CartiError('bad-url', '--ipfs-api', '(empty)', 'publishing needs an IPFS node RPC URL');
      const show = progressLine(`publishing ${basename(file)}`);
      const published = await publishFile(settings.rpcUrl, {
        file: await fileBlob(file), fileName: flags.fileName ?? basename(file), bundleType: bundleType(flags.type), name: flags.name, version: flags.version,
      }, { onProgress: (progress) => show(progress.doneBytes, progress.totalBytes) });
      if (process.stderr.isTTY) process.stderr.write('\n');
      warn(`published: ${published.bundle.name} as ${published.bundle.id} at ipfs://${published.cid} (pinned on ${settings.rpcUrl})`);
      await record(flags, published.bundle);
      out(JSON.stringify(bundleToJson(published.bundle), null, 2));
    });

  withListing(publish.command('uri')
    .description('record a bundle hosted at URL, after downloading it and checking its id')
    .argument('<bundle>', 'installed bundle name or id')
    .argument('<url>', 'http(s) URL serving the exact bytes'))
    .action(async (query: string, url: string, flags: ListingFlags) => {
      const stored = await installedBundle(query);
      const download = await downloadVerified(url, stored.bundle.id, { ...(await fetchOptions()), sink: discardSink() });
      const bundle: Bundle = { ...stored.bundle, uri: url };
      warn(`verified: ${url} serves ${download.sizeBytes} bytes with id ${download.id}`);
      await record(flags, bundle);
      out(JSON.stringify(bundleToJson(bundle), null, 2));
    });

  withListing(publish.command('disk')
    .description('copy a bundle into DIR/<id>/<fileName> with carti-meta.json and record that path as its uri')
    .argument('<bundle>', 'installed bundle name or id')
    .argument('<dir>', 'the directory (a disk store layout)'))
    .action(async (query: string, dir: string, flags: ListingFlags) => {
      const stored = await installedBundle(query);
      const target = join(resolve(dir), stored.bundle.id, stored.bundle.fileName);
      await copyVerified(stored, target);
      const bundle: Bundle = { ...stored.bundle, uri: target };
      await writeFileAtomic(join(resolve(dir), stored.bundle.id, 'carti-meta.json'), serializeMeta(bundle));
      warn(`copied: ${stored.bundle.name} to ${target}`);
      await record(flags, bundle);
      out(JSON.stringify(bundleToJson(bundle), null, 2));
    });

  withIpfsFlags(publish.command('machine')
    .description('publish a carti-machine-package.json and all its assets as one IPFS directory; prints the CID and a share link')
    .argument('<package>', 'the carti-machine-package.json (assets taken from the local, then global, store)')
    .option('--app-url <url>', 'Carti Studio web app base URL for the share link', 'http://localhost:3000'))
    .action(async (packagePath: string, flags: MachineFlags) => {
      const settings = ipfsSettings(flags);
      if (!settings.rpcUrl) throw new CartiError('bad-url', '--ipfs-api', '(empty)', 'publishing needs an IPFS node RPC URL');
      const parsed = parsePackageText(await readFile(packagePath, 'utf8'), packagePath);
      if (!parsed.value || parsed.errors.length > 0) throw parsed.errors[0] ?? new CartiError('bad-json', packagePath, '(root)', 'not a machine package');
      const assets: MachineAsset[] = [];
      for (const [index, asset] of parsed.value.assets.entries()) {
        const stored = await stores().local.get(asset.cid) ?? await stores().global.get(asset.cid);
        if (!stored) throw new CartiError('missing-asset', packagePath, `assets[${index}]`, `${asset.name} (${asset.cid}) is not in a store; install it first`);
        assets.push({ bundle: stored.bundle, file: await fileBlob(stored.path) });
      }
      const published = await publishMachine(settings.rpcUrl, parsed.value, assets);
      warn(`published ${assets.length} assets; listing directory ipfs://${published.listingCid}`);
      out(`ipfs://${published.rootCid}`, machineShareLink(flags.appUrl, published.rootCid.toString()));
    });
}

function bundleType(text: string): BundleType {
  const type = text === 'flash' ? 'flashdrive' : text;
  if (!(BUNDLE_TYPES as readonly string[]).includes(type)) throw new CartiError('bad-bundle-type', '--type', text, `expected one of ${BUNDLE_TYPES.join(', ')}`);
  return type as BundleType;
}

async function installedBundle(query: string): Promise<DiskStoredBundle> {
  const { local, global } = stores();
  const found = isCartiId(query) ? (await local.get(query)) ?? (await global.get(query)) : await findInstalled(query);
  if (!found) throw new CartiError('not-found', 'stores', query, `no installed bundle named or with id "${query}"; add it with \`bundle\` or \`install\``);
  return found;
}

async function record(flags: ListingFlags, bundle: Bundle): Promise<void> {
  if (!flags.save) return;
  const outcome = await recordInListing(flags.listing, bundle);
  warn(outcome === 'added' ? `recorded in ${flags.listing}` : `${flags.listing} already lists ${bundle.id}; left unchanged`);
}

/** Hash-only sink: `publish uri` checks the remote bytes without keeping them. */
function discardSink(): DownloadSink<void> {
  return { write: () => undefined, commit: () => undefined, abort: () => undefined };
}

/** Copy the stored file, verifying its id on the way; nothing is left at the target when it differs. */
async function copyVerified(stored: DiskStoredBundle, target: string): Promise<void> {
  await mkdir(join(target, '..'), { recursive: true });
  const sink = fileSink(target);
  const hasher = await createIdHasher();
  try {
    for await (const chunk of createReadStream(stored.path) as AsyncIterable<Uint8Array>) {
      hasher.update(chunk);
      await sink.write(chunk);
    }
    const id = await hasher.finish();
    if (id !== stored.bundle.id) throw new CartiError('id-mismatch', stored.path, '(file)', `the stored file has id ${id}, expected ${stored.bundle.id}; not copied`);
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
