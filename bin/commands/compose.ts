/**
 * `compose OUT.ext2 SRC... [--later-wins] [--free <n>] [--add <name>] [--record-into PACKAGE]`: squash flash
 * drives (ext2 images, tar archives) into one ext2 drive (lib/drives; issue 5). Prints the id and the
 * composition record. `compose --check PACKAGE` rebuilds every composition recorded in the package from the
 * stores and confirms the ids (exit status 1 on any mismatch).
 */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CartiError } from '../../lib/carti/errors';
import { parsePackageText, serializePackage } from '../../lib/carti/package';
import { getStudioMetadata, targetOf, withStudioMetadata, type Composition } from '../../lib/carti/studio-metadata';
import type { CartiPackage } from '../../lib/carti/types';
import { parseCliNumber } from '../../lib/machine/cli-number';
import { checkComposition, type CompositionOptions, type CompositionRecord, type ConflictPolicy } from '../../lib/drives/compose';
import { composeDrivesToFile, fileComposeSource } from '../../lib/drives/compose.node.ts';
import { writeFileAtomic } from '../../lib/store/file-sink.node.ts';
import { out, stores, warn } from '../context';

interface ComposeFlags {
  laterWins?: boolean;
  free?: string;
  add?: string;
  recordInto?: string;
  check?: string;
}

async function readPackage(file: string): Promise<CartiPackage> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CartiError('io', file, '(file)', (cause as Error).message);
  }
  const result = parsePackageText(text, file);
  if (!result.value) throw result.errors[0] ?? new CartiError('bad-json', file, '(root)', 'unreadable package');
  return result.value;
}

function sizeFlag(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = parseCliNumber(text, flag);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new CartiError('COMPOSE_BAD_OPTION', flag, text, 'too large');
  return Number(value);
}

async function storedPath(id: string): Promise<string | undefined> {
  const { local, global } = stores();
  return (await local.get(id))?.path ?? (await global.get(id))?.path;
}

async function check(packageFile: string): Promise<number> {
  const pkg = await readPackage(packageFile);
  const compositions = getStudioMetadata(pkg)?.compositions ?? [];
  if (compositions.length === 0) {
    warn(`${packageFile}: no compositions recorded in metadata.cartiStudio.compositions`);
    return 1;
  }
  let failures = 0;
  for (const [index, composition] of compositions.entries()) {
    const label = `compositions[${index}] ${composition.outputId}`;
    const sources = [];
    for (const id of composition.sources) {
      const path = await storedPath(id);
      if (!path) {
        warn(`${label}: source ${id} is not in the local or global store (install it first)`);
        sources.length = 0;
        break;
      }
      sources.push(await fileComposeSource(path));
    }
    if (sources.length !== composition.sources.length) {
      failures++;
      continue;
    }
    const record: CompositionRecord = {
      outputId: composition.outputId, sources: [...composition.sources], policy: composition.policy as ConflictPolicy,
      writerVersion: composition.writerVersion, options: (composition.options ?? {}) as unknown as CompositionOptions,
    };
    const result = await checkComposition(record, sources);
    if (result.ok) out(`ok  ${composition.outputId}  (${composition.sources.length} sources, ${composition.policy})`);
    else {
      failures++;
      out(`MISMATCH  ${composition.outputId}: ${result.reason}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

async function recordInto(packageFile: string, record: CompositionRecord): Promise<void> {
  const pkg = await readPackage(packageFile);
  const meta = getStudioMetadata(pkg) ?? { version: 1 as const, targetMachine: targetOf(pkg) };
  const entry: Composition = { ...record, options: { ...record.options } };
  const compositions = [...(meta.compositions ?? []).filter((c) => c.outputId !== record.outputId), entry];
  await writeFileAtomic(resolve(packageFile), serializePackage(withStudioMetadata(pkg, { ...meta, compositions })));
}

export function register(program: Command): void {
  program
    .command('compose')
    .description('compose flash drives (ext2 images, tar archives) into one ext2 drive; or --check a package\'s compositions')
    .argument('[out]', 'the ext2 image to write')
    .argument('[sources...]', 'ext2 images and tar archives (plain or gzip), in order')
    .option('--later-wins', 'let later sources replace conflicting entries of earlier ones (default: conflicts are errors)')
    .option('--free <bytes>', 'free space to leave in the drive (e.g. 8Mi)')
    .option('--add <name>', 'add the composed drive to the local store as a flashdrive bundle with this name')
    .option('--record-into <package>', 'record the composition in this carti-machine-package.json')
    .option('--check <package>', 'rebuild the compositions recorded in a package from the stores and confirm their ids')
    .action(async (output: string | undefined, sources: string[], flags: ComposeFlags) => {
      if (flags.check) {
        process.exitCode = await check(flags.check);
        return;
      }
      if (!output || sources.length === 0) throw new CartiError('COMPOSE_NO_SOURCES', 'compose', 'arguments', 'usage: compose OUT.ext2 SRC... (at least one source)');
      const policy: ConflictPolicy = flags.laterWins ? 'later-wins' : 'error';
      const freeBytes = sizeFlag(flags.free, '--free');
      const inputs = await Promise.all(sources.map((path) => fileComposeSource(path)));
      const result = await composeDrivesToFile(inputs, output, { policy, options: freeBytes === undefined ? {} : { freeBytes } });
      for (const conflict of result.replaced) warn(`replaced ${conflict.path}: ${conflict.earlier} by ${conflict.later} (${conflict.reason})`);
      out(`${result.record.outputId}  ${output}`);
      out(JSON.stringify(result.record, null, 2));
      if (flags.add) {
        const stored = await stores().local.addFile(output, { bundleType: 'flashdrive', name: flags.add, version: '1.0.0', fileName: flags.add.endsWith('.ext2') ? flags.add : `${flags.add}.ext2` });
        out(`added ${stored.bundle.id} to ${stores().local.base}`);
      }
      if (flags.recordInto) {
        await recordInto(flags.recordInto, result.record);
        out(`recorded in ${flags.recordInto}`);
      }
    });
}
