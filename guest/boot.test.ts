// Boots the default machine's kernel and root file system under qemu (guest/qemu-test/run.sh: qemu's spike
// machine has Cartesi's HTIF and CLINT; our firmware, a Cartesi-shaped device tree) and checks the
// init/entrypoint contract of guest/README.md. Also boots the bare kernel under qemu's virt machine with
// qemu's own OpenSBI, which proves the kernel config and the SBI console independently of our firmware.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGuestBuilt, guestBuildTimeoutMs, guestDir, linuxBinPath, rootfsPath, run } from './test/guest-outputs.node.ts';

interface Boot {
  status: number | null;
  console: string;
}

/** One boot under qemu spike; status is the machine's halt payload (124 when the timeout stopped it). */
function boot(entrypoint: string, init = '', timeoutSeconds = 90): Boot {
  const result = run('bash', [`${guestDir}qemu-test/run.sh`, linuxBinPath, rootfsPath, entrypoint, init], (timeoutSeconds + 30) * 1000);
  return { status: result.status, console: result.stdout + result.stderr };
}

function withTimeout(seconds: number, action: () => Boot): Boot {
  const previous = process.env.QEMU_TIMEOUT;
  process.env.QEMU_TIMEOUT = String(seconds);
  try {
    return action();
  } finally {
    if (previous === undefined) delete process.env.QEMU_TIMEOUT;
    else process.env.QEMU_TIMEOUT = previous;
  }
}

beforeAll(() => ensureGuestBuilt(), guestBuildTimeoutMs);

describe('default machine under qemu spike with our firmware', () => {
  let asDapp: Boot;
  let asRoot: Boot;

  beforeAll(() => {
    asDapp = boot(
      'echo "who=$(id -un):$(id -u):$(id -g) pwd=$PWD home=$HOME"; echo "root drive=$(flashdrive root)"; ' +
        ': < /dev/tty && echo "controlling tty=$(tty)"; exit 42',
    );
    asRoot = boot('echo "who=$(id -un) pwd=$PWD greeting=$GREETING"', 'USER=root\nWORKDIR=/tmp\nexport GREETING=hello\necho init-ran-as-$(id -u)');
  }, 300_000);

  it('halts with the entrypoint exit status as the halt payload', () => {
    expect(asDapp.status, asDapp.console).toBe(42);
  });

  it('runs the entrypoint as dapp in /home/dapp by default', () => {
    expect(asDapp.console).toContain('who=dapp:1000:1000 pwd=/home/dapp home=/home/dapp');
  });

  it('gives the entrypoint the console as its controlling tty', () => {
    expect(asDapp.console).toContain('controlling tty=/dev/hvc0');
  });

  it('resolves a drive label to its pmem device with flashdrive', () => {
    expect(asDapp.console).toContain('root drive=/dev/pmem0');
  });

  it('sources init as root before the entrypoint', () => {
    expect(asRoot.console).toContain('init-ran-as-0');
  });

  it('lets init choose the user, the working directory and the environment', () => {
    expect(asRoot.console).toContain('who=root pwd=/tmp greeting=hello');
  });

  it('halts with payload 0 after an entrypoint that succeeds', () => {
    expect(asRoot.status, asRoot.console).toBe(0);
  });

  it('halts with payload 0 when the kernel powers off (SBI system reset)', () => {
    // poweroff -f goes through the kernel's SBI SRST call; if that did not halt, xhalt would report 3.
    const poweredOff = boot('poweroff -f; sleep 5; exit 3', 'USER=root');
    expect(poweredOff.status, poweredOff.console).toBe(0);
  }, 150_000);

  it('starts a login shell with the profile prompt when the entrypoint is empty', () => {
    // No console input under qemu, so the shell waits at its prompt until the timeout stops qemu.
    const shell = withTimeout(30, () => boot(''));
    expect(shell.console).toMatch(/dapp@carti:~ \$ /);
  }, 150_000);
});

describe('kernel under qemu virt with qemu\'s OpenSBI', () => {
  it('boots to the root mount panic with the SBI console (no root drive given)', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'carti-virt-'));
    const image = join(scratch, 'Image');
    run('bash', ['-c', `tail -c +$((2 * 1024 * 1024 + 1)) '${linuxBinPath}' > '${image}'`]);
    const output = await new Promise<string>((resolve, reject) => {
      const qemu = spawn('qemu-system-riscv64', [
        '-M', 'virt', '-m', '256M', '-nographic', '-bios', 'default', '-kernel', image,
        '-append', 'console=hvc0 earlycon=sbi',
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      const timer = setTimeout(() => qemu.kill('SIGKILL'), 90_000);
      const collect = (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('end Kernel panic')) qemu.kill('SIGKILL');
      };
      qemu.stdout.on('data', collect);
      qemu.stderr.on('data', collect);
      qemu.on('error', reject);
      qemu.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
    }).finally(() => rmSync(scratch, { recursive: true, force: true }));
    expect(output).toContain('Linux version 6.1');
    expect(output).toContain('printk: console [hvc0] enabled');
    expect(output).toContain('VFS: Unable to mount root fs');
  }, 120_000);
});
