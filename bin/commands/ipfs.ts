/**
 * `ipfs` (issue 6): `ipfs test` checks the node's RPC API ("test connection"); `ipfs fetch URI --id ID -o FILE`
 * downloads an `ipfs://` uri through the node (`--via rpc`) and/or the gateways in order, verifies it against
 * the carti id, and writes the file only when it matches; every refused source is reported by name.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { CartiError } from '../../lib/carti/errors';
import { fetchIpfsVerified } from '../../lib/ipfs/fetch';
import { nodeVersion } from '../../lib/ipfs/rpc-client';
import { fileSink } from '../../lib/store/file-sink.node.js';
import { out, warn } from '../context';
import { ipfsFetchOptions, ipfsSettings, progressLine, withIpfsFlags, type IpfsFlags } from './ipfs-options';

interface FetchFlags extends IpfsFlags { id: string; output: string; via: string }

export function register(program: Command): void {
  const ipfs = program.command('ipfs').description('IPFS node and gateway helpers');

  withIpfsFlags(ipfs.command('test').description('check that the IPFS node RPC API answers'))
    .action(async (flags: IpfsFlags) => {
      const settings = ipfsSettings(flags);
      if (!settings.rpcUrl) throw new CartiError('bad-url', '--ipfs-api', '(empty)', 'no IPFS node RPC URL is configured');
      out(`IPFS node ${settings.rpcUrl}: version ${await nodeVersion(settings.rpcUrl)}`);
    });

  withIpfsFlags(ipfs.command('fetch')
    .description('download an ipfs:// uri, verify it against a carti id, and write it only if it matches')
    .argument('<uri>', 'ipfs://<cid>[/path]')
    .requiredOption('--id <id>', 'the carti id the bytes must have')
    .requiredOption('-o, --output <file>', 'where to write the verified file')
    .option('--via <source>', 'rpc (the node first, then gateways) or gateway (gateways only)', 'gateway'))
    .action(async (uri: string, flags: FetchFlags) => {
      if (flags.via !== 'rpc' && flags.via !== 'gateway') throw new CartiError('bad-source', '--via', flags.via, 'expected rpc or gateway');
      const settings = ipfsSettings(flags);
      const show = progressLine(`fetching ${uri}`);
      const download = await fetchIpfsVerified(uri, flags.id, {
        ...(await ipfsFetchOptions(settings, { onProgress: (event) => show(event.receivedBytes, event.totalBytes) })),
        settings,
        viaRpc: flags.via === 'rpc',
        sinkFactory: () => fileSink(resolve(flags.output)),
        onAttemptFailed: (source, error) => warn(`refused ${source}: ${error.reason ?? error.message}`),
      });
      warn(`verified ${download.sizeBytes} bytes from ${download.source} (${download.cidVerified ? 'carti id and IPFS CID' : 'carti id'}${download.trustless ? ', trustless gateway: every block checked' : ''})`);
      out(download.result);
    });
}
