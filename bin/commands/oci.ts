/**
 * `oci IMAGE OUT.ext2 [--platform linux/riscv64] [--no-tools] [--free <n>] [--record-into PACKAGE]`: import a `docker save` tarball or
 * an OCI image layout (tar or directory) into an ext2 root drive (lib/oci; issue 5). Prints the entrypoint,
 * env, workdir, user, the tools added from the default machine, the `metadata.cartiStudio.oci` record, a
 * `carti-studio run` line that boots it, and the drive's id.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CartiError } from '../../lib/carti/errors';
import { parsePackageText, serializePackage } from '../../lib/carti/package';
import { getStudioMetadata, targetOf, withStudioMetadata, type OciSettings } from '../../lib/carti/studio-metadata';
import { writeFileAtomic } from '../../lib/store/file-sink.node.ts';
import { parseCliNumber } from '../../lib/machine/cli-number';
import { shellQuote } from '../../lib/machine/shell-quote';
import { runArgsOf } from '../../lib/oci/config';
import { ociMetadata, type OciImportResult } from '../../lib/oci/import';
import { defaultToolsTree, importOciImageToFile, openImage } from '../../lib/oci/import.node.ts';
import { DEFAULT_PLATFORM, parsePlatform } from '../../lib/oci/select';
import { defaultImagesDir } from '../../emulator-wasm/src/boot.node.ts';
import { out, warn } from '../context';

interface OciFlags {
  platform?: string;
  tools: boolean;
  free?: string;
  recordInto?: string;
}

/** Sets `metadata.cartiStudio.oci` of a package to the image's settings. */
async function recordInto(packageFile: string, oci: OciSettings): Promise<void> {
  let text: string;
  try {
    text = await readFile(packageFile, 'utf8');
  } catch (cause) {
    throw new CartiError('io', packageFile, '(file)', (cause as Error).message);
  }
  const parsed = parsePackageText(text, packageFile);
  if (!parsed.value) throw parsed.errors[0] ?? new CartiError('bad-json', packageFile, '(root)', 'unreadable package');
  const meta = getStudioMetadata(parsed.value) ?? { version: 1 as const, targetMachine: targetOf(parsed.value) };
  await writeFileAtomic(resolve(packageFile), serializePackage(withStudioMetadata(parsed.value, { ...meta, oci })));
}

function toolsSummary(result: OciImportResult): string {
  const { files, links, directories } = result.toolsAdded;
  if (files.length + links.length + directories.length === 0) return 'none (the image has cartesi-init, flashdrive and a shell)';
  const parts = [...files];
  if (links.length > 0) parts.push(`${links.length} busybox applet link${links.length === 1 ? '' : 's'}`);
  if (directories.length > 0) parts.push(`mount points ${directories.join(' ')}`);
  return parts.join(', ');
}

export function register(program: Command): void {
  program
    .command('oci')
    .description('import a docker save tarball or an OCI image layout into an ext2 root drive')
    .argument('<image>', 'docker save tarball, OCI layout tar, or OCI layout directory')
    .argument('<out>', 'the ext2 image to write')
    .option('--platform <os/arch>', 'platform to choose from an index', 'linux/riscv64')
    .option('--no-tools', 'do not add cartesi-init, flashdrive or busybox from the default machine')
    .option('--free <bytes>', 'free space to leave in the drive (default 10Mi)')
    .option('--record-into <package>', 'record the image settings as metadata.cartiStudio.oci of this carti-machine-package.json')
    .action(async (image: string, output: string, flags: OciFlags) => {
      const platform = flags.platform ? parsePlatform(flags.platform) : DEFAULT_PLATFORM;
      let tools;
      if (flags.tools) {
        const imagesDir = defaultImagesDir();
        if (existsSync(join(imagesDir, 'rootfs.ext2'))) tools = await defaultToolsTree(imagesDir);
        else warn(`no tools layer: ${join(imagesDir, 'rootfs.ext2')} is not built (npm run setup)`);
      }
      let freeBytes: number | undefined;
      if (flags.free !== undefined) {
        const value = parseCliNumber(flags.free, '--free');
        if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new CartiError('OCI_BAD_OPTION', '--free', flags.free, 'too large');
        freeBytes = Number(value);
      }
      const files = await openImage(image);
      const result = await importOciImageToFile(files, output, { platform, tools, drive: freeBytes === undefined ? {} : { freeBytes } });
      const { settings } = result;
      out(
        `image: ${result.shape}, ${result.layers.length} layer${result.layers.length === 1 ? '' : 's'}${result.manifestDigest ? `, manifest ${result.manifestDigest}` : ''}`,
        `entrypoint: ${JSON.stringify(settings.entrypoint)}`,
        `env: ${JSON.stringify(settings.env)}`,
        `workdir: ${settings.workdir ?? '(none)'}`,
        `user: ${settings.user ?? '(none: runs as root)'}`,
        `tools added: ${toolsSummary(result)}`,
        `metadata.cartiStudio.oci: ${JSON.stringify(ociMetadata(settings))}`,
        `run: carti-studio run ${[`--flash-drive=label:root,data_filename:${output}`, ...runArgsOf(settings)].map(shellQuote).join(' ')}`,
        `${result.outputId}  ${output}`,
      );
      if (flags.recordInto) {
        await recordInto(flags.recordInto, ociMetadata(settings));
        out(`recorded in ${flags.recordInto}`);
      }
    });
}
