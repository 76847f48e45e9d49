// `carti-studio run`: cartesi-machine's flags and behaviour (spec/cartesi-machine.md §15) on our emulator.
// Guest console on stdout, CLI messages on stderr, `Halted` and `Cycles: N` at the end, exit status = the
// halt payload. With no image flags it boots the default machine built by setup (guest/out).
import type { Command } from 'commander';
import { parseRunArgs, runOptionsToConfig, type MachineConfig } from '../../lib/machine/index';
import { createMachineFromConfig, writeBackSharedDrives } from '../../emulator-wasm/src/boot.node.ts';
import { runLoop, type RunLoopHost } from '../../emulator-wasm/src/run-loop';
import type { Machine } from '../../emulator-wasm/src/machine';
import { CartiError } from '../../lib/carti/errors';
import { isIpfsUri } from '../../lib/ipfs/uri';
import { packageToRunConfig } from './run-package.ts';
import { ipfsPackageToFile, takeIpfsArgs } from './run-ipfs-package.ts';

export interface RunIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
}

export const RUN_USAGE = `Usage: carti-studio run [cartesi-machine options] [-- entrypoint...]

Boots a Cartesi Machine (v0.21 model) in the Carti Studio emulator. Options follow cartesi-machine:
  --ram-image=<file>          RAM image (default: the default machine's linux.bin)
  --ram-length=<n>            RAM length (default 128Mi; accepts 0x…, Ki/Mi/Gi, a<<b)
  --flash-drive=label:<l>,data_filename:<f>[,start:<n>,length:<n>,shared,read_only,mount:<p>,user:<u>]
  --no-root-flash-drive       drop the implicit root drive (label:root,data_filename:rootfs.ext2)
  --no-bootargs, --append-bootargs=<s>
  --append-init=<s>, --append-entrypoint=<s>, -u/--user=<u>, -e/--env=<NAME=value>, -w/--workdir=<d>, -h/--hostname=<h>
  --no-init-splash            no Cartesi logo in init
  -i, --htif-console-getchar  interactive console (raw terminal)
  --max-mcycle=<n>            stop at this mcycle
  --package=<file>            take the whole machine from a carti-machine-package.json (assets from the store);
                              ipfs://<cid> boots a shared machine (assets installed from its repos, verified;
                              with --ipfs-api=<url> and --gateway=<url>, else $CARTI_STUDIO_IPFS_API/_GATEWAYS)
  --quiet                     no CLI messages
  -- <command...>             the entrypoint, run as user dapp
Exit status: the guest's halt payload (its entrypoint's exit status).`;

function nodeHost(machine: Machine, io: RunIo): { host: RunLoopHost; dispose: () => void } {
  let wake: (() => void) | undefined;
  const onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk);
    machine.pushConsoleInput(bytes);
    wake?.();
  };
  const onEnd = (): void => {
    machine.closeConsoleInput();
    wake?.();
  };
  if (machine.interactive) {
    if (io.stdin.isTTY && io.stdin.setRawMode) io.stdin.setRawMode(true);
    io.stdin.on('data', onData);
    io.stdin.on('end', onEnd);
    io.stdin.resume();
  }
  const host: RunLoopHost = {
    output: (bytes) => { io.stdout.write(bytes); },
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
    waitForInput: (timeoutMs) => new Promise((resolve) => {
      const started = performance.now();
      const done = (): void => {
        clearTimeout(timer);
        wake = undefined;
        resolve(performance.now() - started);
      };
      const timer = setTimeout(done, timeoutMs);
      wake = done;
    }),
  };
  const dispose = (): void => {
    if (!machine.interactive) return;
    io.stdin.off('data', onData);
    io.stdin.off('end', onEnd);
    if (io.stdin.isTTY && io.stdin.setRawMode) io.stdin.setRawMode(false);
    io.stdin.pause();
  };
  return { host, dispose };
}

/** Runs a machine described by cartesi-machine style arguments; resolves to the process exit status. */
export async function runMain(argv: readonly string[], io: RunIo): Promise<number> {
  if (argv.includes('--help')) {
    io.stdout.write(`${RUN_USAGE}\n`);
    return 0;
  }
  let packageIndex = argv.findIndex((a) => a === '--package' || a.startsWith('--package='));
  if (packageIndex >= 0) {
    // `--ipfs-api`/`--gateway` only make sense with a package (an `ipfs://` one): taken out before the rest.
    argv = takeIpfsArgs(argv);
    packageIndex = argv.findIndex((a) => a === '--package' || a.startsWith('--package='));
    const arg = argv[packageIndex];
    const path = arg === '--package' ? argv[packageIndex + 1] : arg.slice('--package='.length);
    if (!path) throw new CartiError('bad-flag', 'carti-studio run', '--package', 'needs a carti-machine-package.json path');
    const rest = argv.filter((_, i) => i !== packageIndex && !(arg === '--package' && i === packageIndex + 1));
    const options = parseRunArgs(rest);
    const allowed = new Set(['-i', '--htif-console-getchar', '--quiet', '--no-init-splash']);
    const extra = rest.filter((a) => a.startsWith('-') && !allowed.has(a) && !a.startsWith('--max-mcycle'));
    if (extra.length > 0) {
      throw new CartiError('bad-flag', 'carti-studio run', extra[0], 'cannot be combined with --package (the package defines the machine)');
    }
    const config = await packageToRunConfig(isIpfsUri(path) ? await ipfsPackageToFile(path) : path);
    if (options.interactive) config.htif.iconsole |= 1n;
    return runConfig(config, options.maxMcycle, options.quiet, io);
  }
  const options = parseRunArgs(argv);
  const config: MachineConfig = runOptionsToConfig(options);
  return runConfig(config, options.maxMcycle, options.quiet, io);
}

/** Runs a MachineConfig (from flags or from a package) and reports like cartesi-machine. */
export async function runConfig(config: MachineConfig, maxMcycle: bigint, quiet: boolean, io: RunIo): Promise<number> {
  const loaded = await createMachineFromConfig(config);
  const { machine } = loaded;
  const { host, dispose } = nodeHost(machine, io);
  let result;
  try {
    result = await runLoop(machine, maxMcycle, host);
  } finally {
    dispose();
  }
  writeBackSharedDrives(loaded);
  const say = (text: string): void => { if (!quiet) io.stderr.write(`${text}\n`); };
  const cycles = `Cycles: ${machine.mcycle}`;
  switch (result.kind) {
    case 'halted':
      say(result.exitCode === 0 ? '\nHalted' : `\nHalted with payload: ${result.exitCode}`);
      say(cycles);
      return result.exitCode & 0xff;
    case 'yielded': {
      const data = `0x${result.data.toString(16).padStart(6, '0')}`;
      say(`\n${result.manual ? 'Manual' : 'Automatic'} yield (${result.reason}) (${data} data)`);
      say(cycles);
      return 0;
    }
    case 'max-mcycle':
      say(`\n${cycles}`);
      return 0;
    default:
      say(`\nStopped (${result.kind})`);
      say(cycles);
      return 1;
  }
}


/** Registers `run`; its arguments are cartesi-machine's, parsed by lib/machine, not by commander. */
export function register(program: Command): void {
  program
    .command('run')
    .description('boot a Cartesi Machine in the emulator (cartesi-machine flags; run --help for them)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async () => {
      // commander keeps the untouched argv in rawArgs (not in its typings); `--` must reach parseRunArgs intact.
      const raw = (program as unknown as { rawArgs: string[] }).rawArgs;
      const argv = raw.slice(raw.indexOf('run') + 1);
      process.exitCode = await runMain(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
    });
}
