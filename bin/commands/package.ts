/**
 * `package init|add|rm|lua|config|bootargs|cli|install`: edit, export and install
 * `carti-machine-package.json` (carti's `machine` commands, carti-formats.md §5, §7, §8, §11).
 */
import type { Command } from 'commander';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseListingText } from '../../lib/carti/listing';
import { CartiError } from '../../lib/carti/errors';
import { parseHexNumber } from '../../lib/carti/hex';
import { parsePackageText, serializePackage } from '../../lib/carti/package';
import {
  addFlashDrive, addRepo, initPackage, removeFlashDrive, removeRam, removeRepo, removeRom, setBoot, setBootText, setRam, setRom,
  type BundleRef,
} from '../../lib/carti/package-ops';
import { legacyBootargs, toCartesiMachineCommand, toLua, toMachineConfig, v021Bootargs } from '../../lib/carti/exports';
import { resolvePackageSource } from '../../lib/carti/listing-source';
import { targetOf } from '../../lib/carti/studio-metadata';
import type { CartiPackage } from '../../lib/carti/types';
import { fetchLimited } from '../../lib/fetch/fetch-limited';
import { toV021Json } from '../../lib/machine/v021-json';
import { writeFileAtomic } from '../../lib/store/file-sink.node.js';
import { fetchIpfsDocument } from '../../lib/ipfs/listing';
import { PACKAGE_FILE } from '../../lib/ipfs/machine';
import { currentIpfsSettings, fetchOptions, loadConfig, loadIndex, loadSource, out, saveConfig, stores, updateCache, warn } from '../context';
import { findInstalled, findRemote, installIndexed } from '../resolve';
import { withIpfsFlags } from './ipfs-options';

const DEFAULT_FILE = 'carti-machine-package.json';

/** The embedded default listing (public/default, written by setup's scripts/build-default-listing.ts). */
const EMBEDDED_LISTING_DIR = fileURLToPath(new URL('../../public/default/', import.meta.url));

async function embeddedDefaultMachine(): Promise<{ ram: BundleRef; root: BundleRef; listingDir: string }> {
  const listingPath = join(EMBEDDED_LISTING_DIR, 'bundles.json');
  const text = await readFile(listingPath, 'utf8').catch(() => {
    throw new CartiError('io', listingPath, '(file)', 'the embedded default machine is not built yet (run: npm run setup)');
  });
  const listing = parseListingText(text, listingPath).value;
  const find = async (name: string, type: string): Promise<BundleRef> => {
    const bundle = listing.bundles.find((b) => b.name === name && b.bundleType === type);
    if (!bundle) throw new CartiError('not-found', listingPath, 'bundles', `no ${type} bundle named ${name}`);
    const size = await stat(join(EMBEDDED_LISTING_DIR, bundle.fileName)).then((st) => BigInt(st.size), () => undefined);
    return { bundle, sizeBytes: size };
  };
  return { ram: await find('default-linux', 'ram'), root: await find('default-rootfs', 'flashdrive'), listingDir: EMBEDDED_LISTING_DIR };
}

interface Globals { file: string }

async function readPackage(file: string): Promise<CartiPackage> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CartiError('io', file, '(file)', `${(cause as Error).message} (create one with \`package init\`)`);
  }
  const result = parsePackageText(text, file);
  if (!result.value) throw result.errors[0] ?? new CartiError('bad-json', file, '(root)', 'unreadable package');
  for (const problem of [...result.errors, ...result.warnings]) warn(`${problem.severity}: ${problem.message}`);
  return result.value;
}

async function writePackage(file: string, pkg: CartiPackage): Promise<void> {
  await writeFileAtomic(resolve(file), serializePackage(pkg));
}

/** A bundle by name or id: installed (with its size) or from the listing sources (size unknown). */
async function bundleRef(query: string, yes?: boolean): Promise<BundleRef> {
  const installed = await findInstalled(query);
  if (installed) return { bundle: installed.bundle, sizeBytes: BigInt(installed.sizeBytes) };
  const remote = await findRemote(query, { yes });
  return { bundle: remote.bundle };
}

function hexOption(value: string | undefined, flag: string): bigint | undefined {
  if (value === undefined) return undefined;
  const parsed = parseHexNumber(value, flag, '(value)');
  if (parsed instanceof CartiError) throw parsed;
  return parsed;
}

/** Run an edit on the package file. */
function edit(command: Command, change: (pkg: CartiPackage) => Promise<CartiPackage> | CartiPackage) {
  return async () => {
    const { file } = command.optsWithGlobals() as Globals;
    await writePackage(file, await change(await readPackage(file)));
    out(`updated ${file}`);
  };
}

export function register(program: Command): void {
  const pkg = program.command('package').description('edit, export and install a carti-machine-package.json')
    .option('-f, --file <path>', 'package file', DEFAULT_FILE);

  pkg.command('init')
    .description('write a new package: the v0.21 default machine, or carti\'s ROM-era default with --legacy')
    .option('--legacy', 'carti 1.7\'s default (default-rom, default-ram, default-root of the carti-default listing)')
    .option('--ram <nameOrId>', 'RAM image (kernel) bundle (default: the embedded default machine\'s)')
    .option('--root <nameOrId>', 'root file system bundle (default: the embedded default machine\'s)')
    .option('--force', 'overwrite an existing package')
    .action(async function (this: Command, options: { legacy?: boolean; ram?: string; root?: string; force?: boolean }) {
      const { file } = this.optsWithGlobals() as Globals;
      if (!options.force && (await stat(file).then(() => true, () => false))) {
        throw new CartiError('io', file, '(file)', 'a package already exists (use --force to overwrite)');
      }
      let created: CartiPackage;
      if (options.legacy) {
        const [rom, ram, root] = await Promise.all([bundleRef('default-rom', true), bundleRef('default-ram', true), bundleRef('default-root', true)]);
        created = initPackage({ legacy: true, defaults: { rom, ram, root } });
      } else {
        if (options.ram || options.root) {
          if (!options.ram || !options.root) {
            throw new CartiError('missing-field', 'package init', '--ram/--root', 'give both --ram and --root, or neither for the embedded default machine');
          }
          const [ram, root] = await Promise.all([bundleRef(options.ram), bundleRef(options.root)]);
          created = initPackage({ defaults: { ram, root } });
        } else {
          // The embedded default machine (built by setup into public/default), with its listing as the repo
          // that `package install` resolves the assets from.
          const defaults = await embeddedDefaultMachine();
          created = initPackage({ defaults: { ram: defaults.ram, root: defaults.root }, repos: [defaults.listingDir] });
        }
      }
      await writePackage(file, created);
      out(`wrote ${file} (${targetOf(created)})`);
    });

  const add = pkg.command('add').description('add or replace ram, rom, flash drives, boot args, repos');
  add.command('ram').argument('<nameOrId>', 'kernel bundle').description('set the RAM image')
    .option('-l, --length <hex>', 'RAM length (default 0x4000000 legacy, 0x8000000 v0.21)')
    .option('-r, --resolved-path <path>', 'use this path instead of the store path')
    .option('-y, --yes', 'take the highest version among same-named bundles')
    .action(async function (this: Command, query: string, options: { length?: string; resolvedPath?: string; yes?: boolean }) {
      await edit(this, async (current) => setRam(current, { bundle: await bundleRef(query, options.yes), length: hexOption(options.length, '--length'), resolvedPath: options.resolvedPath }))();
    });
  add.command('rom').argument('<nameOrId>', 'ROM bundle').description('set the ROM image (legacy packages only)')
    .option('-r, --resolved-path <path>', 'use this path instead of the store path')
    .option('-y, --yes', 'take the highest version among same-named bundles')
    .action(async function (this: Command, query: string, options: { resolvedPath?: string; yes?: boolean }) {
      await edit(this, async (current) => setRom(current, await bundleRef(query, options.yes), options.resolvedPath))();
    });
  add.command('flash').argument('[nameOrId]', 'drive bundle (omit for a bundleless drive)').description('add a flash drive, keyed by its label')
    .requiredOption('-m, --label <label>', 'drive label (unique; "root" is kept first)')
    .option('-l, --length <hex>', 'drive length (default: the bundle size rounded up)')
    .option('-s, --start <hex>', 'drive start (default: automatic for the package target)')
    .option('--shared', 'write guest changes back to the file')
    .option('-r, --resolved-path <path>', 'use this path instead of the store path')
    .option('--replace', 'replace the drive with the same label')
    .option('-y, --yes', 'take the highest version among same-named bundles')
    .action(async function (this: Command, query: string | undefined, options: { label: string; length?: string; start?: string; shared?: boolean; resolvedPath?: string; replace?: boolean; yes?: boolean }) {
      await edit(this, async (current) => addFlashDrive(current, {
        label: options.label,
        ...(query !== undefined ? { bundle: await bundleRef(query, options.yes) } : {}),
        length: hexOption(options.length, '--length'), start: hexOption(options.start, '--start'),
        shared: options.shared, resolvedPath: options.resolvedPath, replace: options.replace,
      }))();
    });
  add.command('boot').argument('<args>', 'the command (after `--`; the v0.21 entrypoint)').description('set boot args (and optional prefix)')
    .option('-p, --prefix <prefix>', 'replace the generated bootargs prefix (legacy)')
    .option('--stored', 'the text is already Lua-escaped (as carti stored it) instead of plain text')
    .action(async function (this: Command, args: string, options: { prefix?: string; stored?: boolean }) {
      await edit(this, (current) => (options.stored ? setBoot(current, args, options.prefix) : setBootText(current, args, options.prefix)))();
    });
  add.command('repo').argument('<sources...>', 'listing sources').description('add listing sources to the package `repos`')
    .action(async function (this: Command, sources: string[]) {
      await edit(this, (current) => sources.reduce(addRepo, current))();
    });

  const rm = pkg.command('rm').description('remove ram, rom, a flash drive or a repo (unused assets are dropped)');
  rm.command('ram').description('clear the RAM image').action(async function (this: Command) { await edit(this, removeRam)(); });
  rm.command('rom').description('remove the ROM').action(async function (this: Command) { await edit(this, removeRom)(); });
  rm.command('flash').argument('<label>', 'drive label').description('remove a flash drive')
    .action(async function (this: Command, label: string) { await edit(this, (current) => removeFlashDrive(current, label))(); });
  rm.command('repo').argument('<source>', 'listing source').description('remove a repo')
    .action(async function (this: Command, source: string) { await edit(this, (current) => removeRepo(current, source))(); });

  pkg.command('deps').description('show each asset, whether it is installed and the listing sources that list it')
    .action(async function (this: Command) {
      const { file } = this.optsWithGlobals() as Globals;
      const current = await readPackage(file);
      const index = await loadIndex();
      for (const asset of current.assets) {
        const installed = (await stores().local.get(asset.cid)) ?? (await stores().global.get(asset.cid));
        const origins = index.bundles.find((entry) => entry.bundle.id === asset.cid)?.origins ?? [];
        out(`${asset.name}  ${asset.cid}  ${installed ? installed.scope : 'not installed'}  ${origins.length > 0 ? origins.join(',') : '(in no listing)'}`);
      }
    });

  pkg.command('lua').description('export carti 1.7\'s machine-config.lua (ROM-era Lua config)')
    .option('-d, --dir <base>', 'directory holding <id>/<fileName> written into the Lua', '/opt/carti/packages')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async function (this: Command, options: { dir: string; output?: string }) {
      const { file } = this.optsWithGlobals() as Globals;
      const lua = toLua(await readPackage(file), { base: options.dir });
      if (options.output) await writeFile(options.output, lua);
      else process.stdout.write(lua);
    });
  pkg.command('config').description('export the cartesi-machine v0.21 JSON machine configuration')
    .option('-d, --dir <base>', 'directory holding <id>/<fileName> (default: the local store)')
    .action(async function (this: Command, options: { dir?: string }) {
      const { file } = this.optsWithGlobals() as Globals;
      const { config, warnings } = toMachineConfig(await readPackage(file), { base: options.dir ?? stores().local.base });
      for (const warning of warnings) warn(`warning: ${warning.message}`);
      process.stdout.write(toV021Json(config));
    });
  pkg.command('bootargs').description('print the kernel command line (mtdparts form for legacy packages, pmem form for v0.21)')
    .action(async function (this: Command) {
      const { file } = this.optsWithGlobals() as Globals;
      const current = await readPackage(file);
      if (targetOf(current) === 'legacy') {
        const { text, warnings } = legacyBootargs(current);
        for (const warning of warnings) warn(`warning: ${warning.message}`);
        out(text);
      } else out(v021Bootargs(current));
    });
  pkg.command('cli').description('print a cartesi-machine v0.21 command line for the package')
    .option('-d, --dir <base>', 'directory holding <id>/<fileName> (default: the local store)')
    .action(async function (this: Command, options: { dir?: string }) {
      const { file } = this.optsWithGlobals() as Globals;
      out(toCartesiMachineCommand(await readPackage(file), { base: options.dir ?? stores().local.base }).line);
    });

  withIpfsFlags(pkg.command('install').argument('<source>', 'package URL (GitHub repository, /tree/<ref>, raw URL), ipfs://<cid> (a shared machine) or file')
    .description('fetch a package, add its repos, download and verify every asset, write it here'))
    .option('-g, --global', 'install assets into the global store')
    .option('--no-repo', 'do not add the package `repos` to the listing sources')
    .option('--force', 'overwrite an existing package file')
    .action(async function (this: Command, source: string, options: { global?: boolean; repo: boolean; force?: boolean }) {
      const { file } = this.optsWithGlobals() as Globals;
      // Installing the package file that is already here only fetches its assets.
      const sameFile = resolve(source) === resolve(file);
      if (!sameFile && !options.force && (await stat(file).then(() => true, () => false))) {
        throw new CartiError('io', file, '(file)', 'a package already exists here (use --force to overwrite)');
      }
      const resolved = resolvePackageSource(source);
      let text: string;
      if (resolved.kind === 'path') {
        text = await readFile(source, 'utf8').catch((cause: Error) => { throw new CartiError('io', source, '(file)', cause.message); });
      } else if (resolved.kind === 'ipfs') {
        // A shared machine's directory (its carti-machine-package.json), or the package file's own CID.
        const ipfs = currentIpfsSettings();
        text = (await fetchIpfsDocument(resolved.url, PACKAGE_FILE, ipfs, { ...(await fetchOptions()), viaRpc: ipfs.rpcUrl !== undefined })).text;
      } else {
        const response = await fetchLimited(resolved.url, await fetchOptions({ kind: 'listing' }));
        text = await response.text();
        if (/^\s*</.test(text)) throw new CartiError('html-not-json', source, response.url, 'the server returned an HTML page, not a package; give the raw URL of carti-machine-package.json');
      }
      const parsed = parsePackageText(text, source);
      if (!parsed.value) throw parsed.errors[0]!;
      for (const problem of parsed.errors) warn(`error: ${problem.message}`);
      const installedPackage = parsed.value;
      if (options.repo && installedPackage.repos?.length) {
        const config = await loadConfig();
        const added = installedPackage.repos.filter((repo) => !config.sources.includes(repo));
        config.sources.push(...added);
        await saveConfig(config);
        await updateCache(await Promise.all(added.map(loadSource)));
      }
      const store = options.global ? stores().global : stores().local;
      for (const asset of installedPackage.assets) {
        const present = (await stores().local.get(asset.cid)) ?? (await stores().global.get(asset.cid));
        if (present) { out(`present: ${asset.name} ${asset.cid}`); continue; }
        const entry = await findRemote(asset.cid);
        const installed = await installIndexed(entry, store);
        out(`installed: ${asset.name} ${asset.cid} ${installed.path}`);
      }
      await writePackage(file, installedPackage);
      out(`wrote ${file}`);
    });
}
