/** `install`, `get`, `which`, `list`: the bundle stores in carti's layout (carti-formats.md §6, §11). */
import type { Command } from 'commander';
import { relative } from 'node:path';
import { CartiError } from '../../lib/carti/errors';
import { loadIndex, out, stores } from '../context';
import { describeStored, findInstalled, findRemote, installIndexed } from '../resolve';
import { withIpfsFlags } from './ipfs-options';

export function register(program: Command): void {
  withIpfsFlags(program
    .command('install')
    .description('download a bundle by name or id from the listing sources into the store (verified; ipfs:// uris through the node and gateways)'))
    .argument('<nameOrId>', 'bundle name or id')
    .option('-g, --global', 'install into the global store (~/.carti/carti_bundles)')
    .option('-y, --yes', 'when several bundles share the name, take the highest version')
    .option('--version <version>', 'the version to install')
    .action(async (query: string, options: { global?: boolean; yes?: boolean; version?: string }) => {
      const entry = await findRemote(query, options);
      const store = options.global ? stores().global : stores().local;
      out(`installed: ${describeStored(await installIndexed(entry, store))}`);
    });

  withIpfsFlags(program
    .command('get')
    .description('print an installed bundle as name:id:version:path (installing it if missing)'))
    .argument('<nameOrId>', 'bundle name or id')
    .option('-p, --path', 'print only the absolute path')
    .option('-r, --relative', 'print only the path relative to the current directory')
    .option('-g, --global', 'install into the global store when missing')
    .option('-y, --yes', 'when several bundles share the name, take the highest version')
    .action(async (query: string, options: { path?: boolean; relative?: boolean; global?: boolean; yes?: boolean }) => {
      let entry = await findInstalled(query);
      if (!entry) entry = await installIndexed(await findRemote(query, options), options.global ? stores().global : stores().local);
      if (options.path) out(entry.path);
      else if (options.relative) out(relative(process.cwd(), entry.path));
      else out(describeStored(entry));
    });

  program
    .command('which')
    .description('print installed bundles with this name as name:id:version:path')
    .argument('<name>', 'bundle name or id')
    .action(async (name: string) => {
      const { local, global } = stores();
      const found = [...(await local.findByName(name)), ...(await global.findByName(name))];
      if (found.length === 0) throw new CartiError('not-found', 'stores', name, 'not installed (see `install`)');
      for (const entry of found) out(describeStored(entry));
    });

  program
    .command('list')
    .description('list installed bundles: @type/name:version:id:local|global')
    .option('--all', 'also list bundles of the listing sources with their uri, or "uninstalled"')
    .action(async (options: { all?: boolean }) => {
      const { local, global } = stores();
      const installed = [...(await local.list()), ...(await global.list())];
      for (const entry of installed) out(`@${entry.bundle.bundleType}/${entry.bundle.name}:${entry.bundle.version}:${entry.bundle.id}:${entry.scope}`);
      if (!options.all) return;
      const ids = new Set(installed.map((entry) => entry.bundle.id));
      for (const entry of (await loadIndex()).bundles) {
        if (ids.has(entry.bundle.id)) continue;
        const uri = Object.values(entry.resolvedUris)[0] ?? 'uninstalled';
        out(`@${entry.bundle.bundleType}/${entry.bundle.name}:${entry.bundle.version}:${entry.bundle.id}:${uri}`);
      }
    });
}
