/**
 * carti-studio CLI entry (issue 2; carti 1.7's command set, carti-formats.md §11). One file per command group
 * in bin/commands, each exporting `register(program)`; add a group by adding it to COMMAND_GROUPS.
 * Errors go to stderr with a non-zero exit status.
 */
import { Command, CommanderError } from 'commander';
import { CartiError } from '../lib/carti/errors';
import { useIpfsFlags } from './context';
import * as bundleCommands from './commands/bundle';
import * as composeCommand from './commands/compose';
import * as idCommand from './commands/id';
import * as indexCommand from './commands/index-cmd';
import * as listingCommands from './commands/listing';
import * as ociCommand from './commands/oci';
import * as packageCommands from './commands/package';
import * as repoCommands from './commands/repo';
import * as runCommand from './commands/run.ts';
import * as publishCommands from './commands/publish';
import * as ipfsCommands from './commands/ipfs';
import * as storeCommands from './commands/store';

export interface CommandGroup {
  register(program: Command): void;
}

export const COMMAND_GROUPS: CommandGroup[] = [idCommand, listingCommands, repoCommands, indexCommand, bundleCommands, storeCommands, packageCommands, runCommand, composeCommand, ociCommand, publishCommands, ipfsCommands];

export function buildProgram(): Command {
  const program = new Command('carti-studio')
    .description('Find, verify, compose and export Cartesi Machine packages (Carti-compatible).')
    .version('0.1.0')
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError();
  for (const group of COMMAND_GROUPS) group.register(program);
  // Commands that read `ipfs://` sources take --ipfs-api/--gateway; the context reads them from here.
  program.hook('preAction', (_program, action) => useIpfsFlags(action.opts()));
  return program;
}

/** Run the CLI; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CartiError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
}
