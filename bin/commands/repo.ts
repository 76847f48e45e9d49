/** `repo add|list|rm|update`: the listing sources (carti-formats.md §10), kept in ~/.carti-studio/config.json. */
import type { Command } from 'commander';
import { CartiError } from '../../lib/carti/errors';
import { loadConfig, loadSource, out, saveConfig, updateCache, warn } from '../context';
import { withIpfsFlags } from './ipfs-options';

export function register(program: Command): void {
  const repo = program.command('repo').description('manage listing sources (GitHub repository URL, raw URL, ipfs://<cid>, local path)');
  withIpfsFlags(repo
    .command('add')
    .description('add a listing source (fetched and validated first)'))
    .argument('<source>', 'GitHub URL, /tree/<ref> URL, raw bundles.json URL, ipfs://<cid>[/path] or local path')
    .action(async (source: string) => {
      const loaded = await loadSource(source);
      if ('error' in loaded) throw loaded.error;
      const config = await loadConfig();
      if (!config.sources.includes(source)) config.sources.push(source);
      await saveConfig(config);
      await updateCache([loaded]);
      for (const error of loaded.result.errors) warn(`warning: skipped ${error.message}`);
      out(`added ${source}: ${loaded.result.value.bundles.length} bundle(s)`);
    });
  repo
    .command('list')
    .description('list the listing sources')
    .action(async () => {
      for (const source of (await loadConfig()).sources) out(source);
    });
  repo
    .command('rm')
    .description('remove a listing source')
    .argument('<source>', 'the source as it was added')
    .action(async (source: string) => {
      const config = await loadConfig();
      if (!config.sources.includes(source)) throw new CartiError('not-found', 'listing sources', source, 'no such source (see `repo list`)');
      config.sources = config.sources.filter((existing) => existing !== source);
      await saveConfig(config);
      await updateCache([], [source]);
      out(`removed ${source}`);
    });
  withIpfsFlags(repo
    .command('update')
    .description('fetch every source again (or only the given ones)'))
    .argument('[sources...]', 'sources to update (default: all)')
    .action(async (only: string[]) => {
      const config = await loadConfig();
      const sources = only.length > 0 ? only : config.sources;
      // carti 1.7 did not await this (§12.7): every fetch is awaited and reported here.
      const loaded = await Promise.all(sources.map(loadSource));
      await updateCache(loaded);
      for (const entry of loaded) {
        if ('error' in entry) {
          warn(`error: ${entry.error.message}`);
          process.exitCode = 1;
        } else out(`${entry.source}: ok, ${entry.result.value.bundles.length} bundle(s)`);
      }
    });
}
