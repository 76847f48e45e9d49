// Builds the bare-metal ISA tests (emulator-wasm/tests/isa/*.S) with Debian's riscv64 cross gcc into a cache
// under emulator-wasm/build/isa/ (gitignored). An image is rebuilt only when its inputs change: the cache key
// hashes the source, the shared macros, the linker script and the tool flags.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const isaSourceDir = dirname(fileURLToPath(import.meta.url));
export const isaBuildDir = join(isaSourceDir, '..', '..', 'build', 'isa');

/** Cross toolchain prefix (Debian's gcc-riscv64-linux-gnu); CROSS_COMPILE overrides it, as in kernel builds. */
const crossPrefix = process.env.CROSS_COMPILE ?? 'riscv64-linux-gnu-';
const gcc = `${crossPrefix}gcc`;
const objcopy = `${crossPrefix}objcopy`;

export interface IsaImage {
  name: string;
  elfPath: string;
  binPath: string;
  /** Raw image to place at 0x80000000. */
  bytes: Uint8Array;
}

export interface IsaBuildOptions {
  /** Extra preprocessor defines, e.g. ['QEMU'] for a differential run on qemu-system-riscv64. */
  defines?: string[];
  /** Directory of the source (default tests/isa); tests/isa stays on the include path. */
  sourceDir?: string;
}

/** Names (without .S) of every test source, sorted. */
export function listIsaTests(): string[] {
  return readdirSync(isaSourceDir)
    .filter((file) => file.endsWith('.S'))
    .map((file) => basename(file, '.S'))
    .sort();
}

function gccFlags(defines: string[]): string[] {
  return [
    '-nostdlib',
    '-nostartfiles',
    '-static',
    '-no-pie',
    '-march=rv64gc',
    '-mabi=lp64d',
    `-I${isaSourceDir}`,
    ...defines.map((define) => `-D${define}`),
    `-Wl,-T,${join(isaSourceDir, 'link.ld')}`,
    '-Wl,-Ttext=0x80000000',
    '-Wl,--build-id=none',
  ];
}

/** Throws a clear error unless `<prefix>gcc` and `<prefix>objcopy` run. */
export function checkCrossTools(prefix: string): void {
  for (const tool of [`${prefix}gcc`, `${prefix}objcopy`]) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error(`ISA tests: ${tool} not found (Debian package gcc-riscv64-linux-gnu): run npm run setup`);
    }
  }
}

let toolsChecked = false;
function checkTools(): void {
  if (toolsChecked) return;
  checkCrossTools(crossPrefix);
  toolsChecked = true;
}

/** Builds one test (or returns the cached image when its inputs are unchanged). */
export function buildIsaTest(name: string, options: IsaBuildOptions = {}): IsaImage {
  const defines = options.defines ?? [];
  const sourceDir = options.sourceDir ?? isaSourceDir;
  const sourcePath = join(sourceDir, `${name}.S`);
  if (!existsSync(sourcePath)) throw new Error(`ISA tests: no source ${sourcePath}`);
  const flags = gccFlags(defines);
  const key = createHash('sha256');
  key.update(flags.join('\0'));
  // Every header, include and linker script counts (a test may include any of them).
  const sharedInputs = readdirSync(isaSourceDir).filter((file) => /\.(h|inc|ld)$/.test(file)).sort();
  key.update(sourcePath).update('\0').update(readFileSync(sourcePath));
  for (const input of sharedInputs) {
    key.update(input).update('\0').update(readFileSync(join(isaSourceDir, input)));
  }
  const digest = key.digest('hex').slice(0, 16);
  const variant = defines.length > 0 ? `${name}.${defines.join('.')}` : name;
  const elfPath = join(isaBuildDir, `${variant}.elf`);
  const binPath = join(isaBuildDir, `${variant}.bin`);
  const keyPath = join(isaBuildDir, `${variant}.key`);
  if (existsSync(binPath) && existsSync(keyPath) && readFileSync(keyPath, 'utf8') === digest) {
    return { name, elfPath, binPath, bytes: new Uint8Array(readFileSync(binPath)) };
  }
  checkTools();
  mkdirSync(isaBuildDir, { recursive: true });
  // Build under temporary names and rename: test files may build the same image concurrently.
  const tmp = `.${process.pid}.tmp`;
  try {
    execFileSync(gcc, [...flags, '-o', elfPath + tmp, sourcePath], { stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync(objcopy, ['-O', 'binary', elfPath + tmp, binPath + tmp], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`ISA tests: building ${sourcePath} failed:\n${stderr}`);
  }
  renameSync(elfPath + tmp, elfPath);
  renameSync(binPath + tmp, binPath);
  writeFileSync(keyPath, digest);
  return { name, elfPath, binPath, bytes: new Uint8Array(readFileSync(binPath)) };
}

// `npx tsx emulator-wasm/tests/isa/build.ts [names…]` builds (all) tests and prints their sizes.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-D'));
  const defines = process.argv.slice(2).filter((arg) => arg.startsWith('-D')).map((arg) => arg.slice(2));
  for (const name of names.length > 0 ? names : listIsaTests()) {
    const image = buildIsaTest(name, { defines });
    console.log(`${image.name}: ${image.bytes.length} bytes → ${image.binPath}`);
  }
}
