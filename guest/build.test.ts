// guest/build.sh's cache (guest/README.md, "Cache"): the key covers the build inputs and nothing else, and an
// unchanged tree is served from guest/cache/<key>/ at once.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureGuestBuilt, guestBuildTimeoutMs, guestDir, run } from './test/guest-outputs.node.ts';

function printKey(directory: string): string {
  const result = run('bash', [join(directory, 'build.sh'), '--print-key']);
  if (result.status !== 0) throw new Error(`build.sh --print-key failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** A copy of guest/'s sources (no out/, no cache/) in a temporary directory. */
function copySources(): string {
  const copy = mkdtempSync(join(tmpdir(), 'carti-guest-'));
  const result = run('bash', ['-c', `cd '${guestDir}' && tar --exclude=./out --exclude=./cache -cf - . | tar -C '${copy}' -xf -`]);
  if (result.status !== 0) throw new Error(`copying guest/ failed: ${result.stderr}`);
  return copy;
}

const copies: string[] = [];
afterEach(() => {
  for (const copy of copies.splice(0)) rmSync(copy, { recursive: true, force: true });
});

beforeAll(() => ensureGuestBuilt(), guestBuildTimeoutMs);

describe('guest/build.sh cache', () => {
  it('serves an unchanged tree from the cache within 2 seconds', () => {
    const started = performance.now();
    const result = run('bash', [`${guestDir}build.sh`]);
    const elapsedMs = performance.now() - started;
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/up to date \(cache [0-9a-f]{64}\)/);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('gives the same key to a copy of the sources in another directory', () => {
    const copy = copySources();
    copies.push(copy);
    expect(printKey(copy)).toBe(printKey(guestDir));
  });

  it('changes the key when a build input changes', () => {
    const copy = copySources();
    copies.push(copy);
    appendFileSync(join(copy, 'kernel', 'config-fragment'), '# a change\n');
    expect(printKey(copy)).not.toBe(printKey(guestDir));
  });

  it('keeps the key when only documentation or tests change', () => {
    const copy = copySources();
    copies.push(copy);
    appendFileSync(join(copy, 'README.md'), '\nmore words\n');
    appendFileSync(join(copy, 'rootfs.test.ts'), '\n// a comment\n');
    expect(printKey(copy)).toBe(printKey(guestDir));
  });
});
