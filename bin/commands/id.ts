/** `id FILE...`: print `ID  FILE` per file (ids streamed, carti-formats.md §2). */
import type { Command } from 'commander';
import { idOfFile } from '../../lib/carti/id.node.js';
import { CartiError } from '../../lib/carti/errors';
import { out } from '../context';

export function register(program: Command): void {
  program
    .command('id')
    .description('print the carti bundle id of each file')
    .argument('<file...>', 'files to hash')
    .action(async (files: string[]) => {
      for (const file of files) {
        try {
          out(`${await idOfFile(file)}  ${file}`);
        } catch (cause) {
          throw new CartiError('io', file, '(file)', (cause as Error).message);
        }
      }
    });
}
