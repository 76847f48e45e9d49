/** `index [SOURCE...] [--json]`: the merged bundles of the given or configured sources (§10.2). */
import type { Command } from 'commander';
import { bundleToJson } from '../../lib/carti/bundle';
import { loadIndex, out, warn } from '../context';
import { withIpfsFlags } from './ipfs-options';

export function register(program: Command): void {
  withIpfsFlags(program
    .command('index')
    .description('print the merged index of listing sources (default: the configured ones)'))
    .argument('[sources...]', 'listing sources to read instead of the configured ones (URL, path, ipfs://<cid>)')
    .option('--json', 'print JSON: { bundles: [{ bundle, origins, uris }], sources: [...] }')
    .option('--refresh', 'fetch the configured sources again instead of using the cache')
    .action(async (sources: string[], options: { json?: boolean; refresh?: boolean }) => {
      const index = await loadIndex({ sources, refresh: options.refresh });
      const failed = index.sources.filter((status) => !status.ok);
      if (options.json) {
        out(JSON.stringify({
          bundles: index.bundles.map((entry) => ({ bundle: bundleToJson(entry.bundle), origins: entry.origins, uris: entry.resolvedUris })),
          sources: index.sources.map((status) => status.ok
            ? { source: status.source, ok: true, url: status.url, count: status.count, errors: status.errors.map((e) => e.message) }
            : { source: status.source, ok: false, error: status.error.message }),
        }, null, 2));
      } else {
        const rows = index.bundles.map((entry) => [entry.bundle.bundleType, entry.bundle.name, entry.bundle.version, entry.bundle.id, entry.origins.join(',')]);
        const header = ['TYPE', 'NAME', 'VERSION', 'ID', 'ORIGINS'];
        const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
        for (const row of [header, ...rows]) out(row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
      }
      for (const status of index.sources) {
        if (!status.ok) warn(`error: ${status.error.message}`);
        else for (const error of status.errors) warn(`warning: skipped ${error.message}`);
      }
      if (failed.length > 0) process.exitCode = 1;
    });
}
