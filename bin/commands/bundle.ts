/** `bundle FILE --type --name --version`: add a local file to the store as a bundle (carti's `bundle`, §11). */
import type { Command } from 'commander';
import { basename, join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { BUNDLE_TYPES, type BundleType } from '../../lib/carti/types';
import { CartiError } from '../../lib/carti/errors';
import { bundleToJson } from '../../lib/carti/bundle';
import { out, stores } from '../context';

interface BundleOptions { type: string; name: string; version: string; description?: string; fileName?: string; global?: boolean }

export function register(program: Command): void {
  program
    .command('bundle')
    .description('add a local file to the store as a bundle and print its record')
    .argument('<file>', 'the file (kernel, ROM, drive image)')
    .requiredOption('-t, --type <type>', `bundle type: ${BUNDLE_TYPES.join(', ')}`)
    .requiredOption('-n, --name <name>', 'bundle name')
    .requiredOption('-v, --version <version>', 'bundle version, e.g. 1.0.0')
    .option('-d, --description <text>', 'description (kept beside the bundle, not in carti-meta.json)')
    .option('-f, --file-name <name>', 'file name in the store (default: the source basename)')
    .option('-g, --global', 'use the global store (~/.carti/carti_bundles)')
    .action(async (file: string, options: BundleOptions) => {
      const type = options.type === 'flash' ? 'flashdrive' : options.type;
      if (!(BUNDLE_TYPES as readonly string[]).includes(type)) {
        throw new CartiError('bad-bundle-type', '--type', options.type, `expected one of ${BUNDLE_TYPES.join(', ')}`);
      }
      const store = options.global ? stores().global : stores().local;
      const entry = await store.addFile(file, { bundleType: type as BundleType, name: options.name, version: options.version, fileName: options.fileName ?? basename(file) });
      if (options.description !== undefined) {
        // carti required and then dropped the description (§11); ours sits in a side file carti ignores.
        await writeFile(join(store.base, entry.bundle.id, 'carti-studio.json'), `${JSON.stringify({ description: options.description })}\n`);
      }
      process.stderr.write(`bundled: ${entry.bundle.name} as ${entry.bundle.id}\n`);
      out(JSON.stringify(bundleToJson(entry.bundle), null, 2));
    });
}
