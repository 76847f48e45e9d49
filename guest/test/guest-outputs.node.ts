// Shared helpers for the guest/ tests: where the built default machine lives, and how to make sure it exists.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const guestDir = fileURLToPath(new URL('..', import.meta.url));
export const outDir = `${guestDir}out`;
export const linuxBinPath = `${outDir}/linux.bin`;
export const rootfsPath = `${outDir}/rootfs.ext2`;
export const versionsPath = `${outDir}/versions.json`;
export const rootfsInputsDir = `${outDir}/rootfs-inputs`;

/** A long build only happens once per cache key; afterwards build.sh copies from guest/cache in well under a second. */
export const guestBuildTimeoutMs = 20 * 60_000;

/** Runs guest/build.sh (a cache hit when nothing changed) and fails with its output if it fails. */
export function ensureGuestBuilt(): void {
  const result = spawnSync('bash', [`${guestDir}build.sh`], { encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(linuxBinPath) || !existsSync(rootfsPath)) {
    throw new Error(`guest/build.sh failed (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** Runs a command, returning its exit status and output; never throws for a non-zero status. */
export function run(command: string, args: string[], timeoutMs = 120_000): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `debugfs -R <request> <image>` output (debugfs prints its banner on stderr). */
export function debugfs(image: string, request: string): string {
  const result = run('debugfs', ['-R', request, image]);
  if (result.status !== 0) throw new Error(`debugfs -R '${request}' failed: ${result.stderr}`);
  return result.stdout;
}
