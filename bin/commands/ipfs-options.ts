/**
 * CLI settings for IPFS (issue 6): `--ipfs-api <url>` and `--gateway <url>` (repeatable, in order), else
 * `$CARTI_STUDIO_IPFS_API` and `$CARTI_STUDIO_IPFS_GATEWAYS` (comma-separated), else a local node;
 * `--trustless-only` (or `$CARTI_STUDIO_IPFS_TRUSTLESS_ONLY=1`) refuses gateways that are not trustless. The
 * configured node and gateways join the fetch allow-list (a local node sits on a private address).
 */
import type { Command } from 'commander';
import { ipfsAllowList, ipfsSettingsFrom, type IpfsSettings } from '../../lib/ipfs/settings';
import type { FetchOptions } from '../../lib/fetch/fetch-limited';
import { fetchOptions } from '../context';

export interface IpfsFlags { ipfsApi?: string; gateway?: string[]; trustlessOnly?: boolean }

export function withIpfsFlags(command: Command): Command {
  return command
    .option('--ipfs-api <url>', 'IPFS node RPC API base URL (default $CARTI_STUDIO_IPFS_API or http://127.0.0.1:5001)')
    .option('--gateway <url>', 'IPFS path gateway, tried in the order given (repeatable; default $CARTI_STUDIO_IPFS_GATEWAYS or http://127.0.0.1:8080)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--trustless-only', 'accept only trustless gateways (raw blocks, each checked against its CID; default $CARTI_STUDIO_IPFS_TRUSTLESS_ONLY)');
}

export function ipfsSettings(flags: IpfsFlags): IpfsSettings {
  return ipfsSettingsFrom({ rpcUrl: flags.ipfsApi, gateways: flags.gateway, trustlessOnly: flags.trustlessOnly }, process.env);
}

/** The CLI's fetch options (SSRF guard, allow-list) with the node and gateways allowed. */
export async function ipfsFetchOptions(settings: IpfsSettings, extra: Partial<FetchOptions> = {}): Promise<FetchOptions> {
  const base = await fetchOptions(extra);
  return { ...base, allowList: [...(base.allowList ?? []), ...ipfsAllowList(settings)] };
}

/** A progress line on stderr, at most four times a second, only on a terminal. */
export function progressLine(label: string): (doneBytes: number, totalBytes?: number) => void {
  let last = 0;
  return (doneBytes, totalBytes) => {
    const now = Date.now();
    if (!process.stderr.isTTY || now - last < 250) return;
    last = now;
    const percent = totalBytes ? ` (${Math.floor((doneBytes / totalBytes) * 100)}%)` : '';
    process.stderr.write(`\r${label}: ${doneBytes}${totalBytes ? ` / ${totalBytes}` : ''} bytes${percent}`);
  };
}
