/** `listing validate FILE`: exit 0 when valid, otherwise print every error (carti-formats.md §3). */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { CartiError } from '../../lib/carti/errors';
import { parseListingText } from '../../lib/carti/listing';
import { out, warn } from '../context';

export function register(program: Command): void {
  const listing = program.command('listing').description('work with bundles.json listings');
  listing
    .command('validate')
    .description('validate a bundles.json file record by record')
    .argument('<file>', 'listing file')
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (cause) {
        throw new CartiError('io', file, '(file)', (cause as Error).message);
      }
      const result = parseListingText(text, file);
      for (const warning of result.warnings) warn(`warning: ${warning.message}`);
      for (const error of result.errors) warn(`error: ${error.message}`);
      if (result.errors.length > 0) {
        process.exitCode = 1;
        warn(`${file}: ${result.errors.length} error(s), ${result.value.bundles.length} valid bundle(s)`);
        return;
      }
      out(`${file}: ok, ${result.value.bundles.length} bundle(s)`);
    });
}
