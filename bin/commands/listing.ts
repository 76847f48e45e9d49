/**
 * `listing validate FILE`: exit 0 when valid, otherwise print every error (carti-formats.md §3). FILE may be
 * `ipfs://<cid>[/path]` (a bundles.json or a directory holding one), read through the node and gateways.
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { CartiError } from '../../lib/carti/errors';
import { parseListingText } from '../../lib/carti/listing';
import { fetchIpfsDocument } from '../../lib/ipfs/listing';
import { LISTING_FILE } from '../../lib/ipfs/machine';
import { isIpfsUri } from '../../lib/ipfs/uri';
import { currentIpfsSettings, fetchOptions, out, warn } from '../context';
import { withIpfsFlags } from './ipfs-options';

async function listingText(file: string): Promise<string> {
  if (isIpfsUri(file)) {
    const ipfs = currentIpfsSettings();
    const document = await fetchIpfsDocument(file, LISTING_FILE, ipfs, { ...(await fetchOptions()), viaRpc: ipfs.rpcUrl !== undefined });
    warn(`read ${document.uri} from ${document.source}`);
    return document.text;
  }
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new CartiError('io', file, '(file)', (cause as Error).message);
  }
}

export function register(program: Command): void {
  const listing = program.command('listing').description('work with bundles.json listings');
  withIpfsFlags(listing
    .command('validate')
    .description('validate a bundles.json file record by record'))
    .argument('<file>', 'listing file, or ipfs://<cid>[/path]')
    .action(async (file: string) => {
      const text = await listingText(file);
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
