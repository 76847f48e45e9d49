/**
 * The `/cartesi-machine/init` and `entrypoint` texts as the cartesi-machine v0.21 CLI builds them
 * (cartesi-machine.md §12.4, §15; carti-formats.md §7.2): optional splash, then per non-root drive the
 * lines that find its device with `flashdrive <label>` and format/mount/chown it, then per NVRAM the
 * lines that set its permissions, then the user's init lines (`-u`, `-e`, `-w`, `-h`, `--append-init`) in
 * command-line order. Values the CLI writes raw are written the same way when they are plain words and
 * shell-quoted otherwise (the CLI would have produced broken shell there).
 */
import { doubleQuote, shellQuote } from './shell-quote';
import { ROOT_LABEL } from './constants';

/** The Cartesi logo between `echo "` and `"` (bytes of the v0.21 reference tree; `\\` is one backslash once echoed). */
const SPLASH_LOGO_LINES = [
  '         .',
  '        / \\\\',
  '      /    \\\\',
  '\\\\---/---\\\\  /----\\\\',
  ' \\\\       X       \\\\',
  '  \\\\----/  \\\\---/---\\\\',
  '       \\\\    / CARTESI',
  '        \\\\ /   MACHINE',
  "         '",
];

export const INIT_SPLASH = `echo "\n${SPLASH_LOGO_LINES.join('\n')}\n"\n`;

export interface DriveInit {
  /** Label, or undefined for an unlabelled drive (then `flashdrive<index>`). */
  label?: string;
  /** Position in `flash_drive` (for the automatic name). */
  index: number;
  /** Format the drive as ext2 before mounting (`mke2fs`). */
  mke2fs?: boolean;
  /** Mount point, or undefined not to mount. */
  mount?: string;
  /** Owner to give the mount point (or the device when not mounted). */
  user?: string;
  readOnly?: boolean;
}

export interface NvramInit {
  label?: string;
  index: number;
  user?: string;
  readOnly?: boolean;
}

/** One user-supplied piece of init, kept in command-line order as the CLI does. */
export type InitLine =
  | { kind: 'env'; name: string; value: string }
  | { kind: 'user'; user: string }
  | { kind: 'workdir'; path: string }
  | { kind: 'hostname'; hostname: string }
  /** `--append-init=<text>`: one line, a newline is added. */
  | { kind: 'append'; text: string };

export interface InitTextOptions {
  splash: boolean;
  drives: readonly DriveInit[];
  nvrams?: readonly NvramInit[];
  lines?: readonly InitLine[];
}

export function initText(options: InitTextOptions): string {
  let text = options.splash ? INIT_SPLASH : '';
  for (const drive of options.drives) text += driveLines(drive);
  for (const nvram of options.nvrams ?? []) text += nvramLines(nvram);
  for (const line of options.lines ?? []) text += initLine(line);
  return text;
}

function driveLines(drive: DriveInit): string {
  // The kernel mounts root itself from bootargs; init leaves it alone.
  if (drive.label === ROOT_LABEL) return '';
  if (!drive.mke2fs && drive.mount === undefined && drive.user === undefined) return '';
  const name = drive.label ?? `flashdrive${drive.index}`;
  let text = `dev=$(flashdrive ${shellQuote(name)})\n`;
  if (drive.mke2fs) text += `busybox mke2fs -F -b 4096 -I 256 -L ${doubleQuote(name)} "$dev" > /dev/null\n`;
  if (drive.mount !== undefined) {
    const mountPoint = doubleQuote(drive.mount);
    text += `busybox mkdir -p ${mountPoint} && busybox mount${drive.readOnly ? ' -o ro' : ''} "$dev" ${mountPoint}\n`;
  }
  if (drive.user !== undefined) {
    const target = drive.mount !== undefined ? doubleQuote(drive.mount) : '"$dev"';
    text += `busybox chown ${shellQuote(drive.user)}: ${target}\n`;
  }
  return text;
}

function nvramLines(nvram: NvramInit): string {
  const name = nvram.label ?? `nvram${nvram.index}`;
  let text = `dev=$(nvram ${shellQuote(name)})\n`;
  text += `busybox chmod ${nvram.readOnly ? '0444' : '0664'} "$dev"\n`;
  if (nvram.user !== undefined) text += `busybox chown ${shellQuote(nvram.user)}: "$dev"\n`;
  return text;
}

/** A valid variable name for `-e NAME=VALUE` (the CLI's `[%w_]+`). */
export const ENV_NAME_PATTERN = /^[A-Za-z0-9_]+$/;

function initLine(line: InitLine): string {
  switch (line.kind) {
    case 'env':
      if (!ENV_NAME_PATTERN.test(line.name)) throw new RangeError(`invalid environment variable name ${JSON.stringify(line.name)}`);
      return `export ${line.name}=${shellQuote(line.value)}\n`;
    case 'user':
      return `USER=${shellQuote(line.user)}\n`;
    case 'workdir':
      return `WORKDIR=${shellQuote(line.path)}\n`;
    case 'hostname':
      return `busybox hostname ${shellQuote(line.hostname)}\n`;
    case 'append':
      return line.text === '' ? '' : `${line.text}\n`;
  }
}

/**
 * How to join the words after `--` into the entrypoint. `cartesi` joins them with spaces exactly as the
 * v0.21 CLI does (so `-- 'ls -l | wc'` stays a shell pipeline and the DTB, which is hashed, matches);
 * `shell` quotes each word that needs it, for an argv meant literally (e.g. from an OCI image CMD).
 */
export type EntrypointJoin = 'cartesi' | 'shell';

/**
 * The entrypoint the CLI writes when no command is given: empty (the reference tree has a zero-length
 * `entrypoint`). cartesi-init then falls back to the kernel command line's arguments (§13 step 4); the
 * CLI help's "default /bin/sh" describes what the guest ends up running, not the DTB text.
 */
export const DEFAULT_ENTRYPOINT = '';

export interface EntrypointOptions {
  /** `--append-entrypoint` lines, each followed by a newline. */
  appendLines?: readonly string[];
  /** Words after `--`; none means an empty entrypoint (cartesi-init then falls back, §13). */
  argv?: readonly string[];
  join?: EntrypointJoin;
}

export function entrypointText(options: EntrypointOptions): string {
  let text = DEFAULT_ENTRYPOINT;
  for (const line of options.appendLines ?? []) if (line !== '') text += `${line}\n`;
  const argv = options.argv ?? [];
  const words = options.join === 'shell' ? argv.map(shellQuote) : argv;
  return text + words.join(' ');
}
