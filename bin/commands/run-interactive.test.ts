// An interactive session of the default machine driven through a real pseudo-terminal (util-linux
// `script`), as a person at a terminal would use `carti-studio run -i`.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultImagesDir } from '../../emulator-wasm/src/boot.node.ts';

const cli = fileURLToPath(new URL('../carti-studio.mjs', import.meta.url));
const haveImages = existsSync(join(defaultImagesDir(), 'linux.bin')) && existsSync(join(defaultImagesDir(), 'rootfs.ext2'));

function waitFor(getText: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (pattern.test(getText())) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${pattern}; got:\n${getText()}`));
      }
    }, 50);
  });
}

/** The default images are built by setup (npm run setup); their absence is a failure, not a skip. */
function requireImages(): void {
  if (!haveImages) throw new Error(`default machine images missing in ${defaultImagesDir()}: run npm run setup`);
}

describe('carti-studio run -i through a pseudo-terminal', () => {
  beforeAll(requireImages);
  it('gets a shell prompt, runs a command, and halts with the shell exit status', async () => {
    const command = `${process.execPath} ${cli} run -i --no-init-splash`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    await waitFor(() => text, /[$#] $/m, 90_000);
    child.stdin.write('echo hello-$((6*7)); uname -m\r');
    await waitFor(() => text, /hello-42[\s\S]*riscv64/, 30_000);
    child.stdin.write('exit 3\r');
    const code = await exited;
    expect(text).toMatch(/Halted with payload: 3/);
    expect(code).toBe(3);
  }, 180_000);
});
