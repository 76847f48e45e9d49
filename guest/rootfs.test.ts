// The default machine's root file system and RAM image (guest/README.md), checked with e2fsprogs on the real
// build outputs of guest/build.sh.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  debugfs,
  ensureGuestBuilt,
  guestBuildTimeoutMs,
  guestDir,
  linuxBinPath,
  rootfsInputsDir,
  rootfsPath,
  run,
  versionsPath,
} from './test/guest-outputs.node.ts';

interface DirectoryEntry {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

/** Parses `debugfs -R 'ls -l DIR'` lines: inode, mode (octal), (type), uid, gid, size, date, time, name. */
function listDirectory(path: string): Map<string, DirectoryEntry> {
  const entries = new Map<string, DirectoryEntry>();
  for (const line of debugfs(rootfsPath, `ls -l ${path}`).split('\n')) {
    const match = /^\s*\d+\s+([0-7]+)\s+\(\d+\)\s+(\d+)\s+(\d+)\s+(\d+)\s+\S+\s+\S+\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    entries.set(match[5], {
      mode: parseInt(match[1], 8),
      uid: Number(match[2]),
      gid: Number(match[3]),
      size: Number(match[4]),
      name: match[5],
    });
  }
  return entries;
}

function entry(directory: string, name: string): DirectoryEntry {
  const found = listDirectory(directory).get(name);
  if (!found) throw new Error(`${directory}/${name} is not in ${rootfsPath}`);
  return found;
}

const TWO_MIB = 2 * 1024 * 1024;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

beforeAll(() => ensureGuestBuilt(), guestBuildTimeoutMs);

describe('rootfs.ext2', () => {
  it('passes e2fsck -fn without errors', () => {
    const result = run('e2fsck', ['-fn', rootfsPath]);
    expect(result.stderr + result.stdout).not.toMatch(/ERROR|corrupt|Fix\?/i);
    expect(result.status).toBe(0);
  });

  it('is written by lib/ext2: revision 1, 4 KiB blocks, filetype and sparse_super, zero UUID, label root', () => {
    const header = run('dumpe2fs', ['-h', rootfsPath]).stdout;
    expect(header).toMatch(/^Filesystem revision #:\s+1 /m);
    expect(header).toMatch(/^Block size:\s+4096$/m);
    expect(header).toMatch(/^Filesystem features:\s+filetype sparse_super$/m);
    expect(header).toMatch(/^Filesystem UUID:\s+<none>$/m); // all zero
    expect(header).toMatch(/^Filesystem volume name:\s+root$/m);
  });

  it('uses the whole image as file system (no padding after it)', () => {
    const header = run('dumpe2fs', ['-h', rootfsPath]).stdout;
    const blocks = Number(/^Block count:\s+(\d+)/m.exec(header)?.[1]);
    expect(blocks * 4096).toBe(statSync(rootfsPath).size);
  });

  it('is a whole number of 2 MiB blocks (Linux pmem drives)', () => {
    expect(statSync(rootfsPath).size % TWO_MIB).toBe(0);
  });

  it('keeps at least 8 MiB free', () => {
    const header = run('dumpe2fs', ['-h', rootfsPath]).stdout;
    const freeBlocks = Number(/^Free blocks:\s+(\d+)/m.exec(header)?.[1]);
    const blockSize = Number(/^Block size:\s+(\d+)/m.exec(header)?.[1]);
    expect(freeBlocks * blockSize).toBeGreaterThanOrEqual(8 * 1024 * 1024);
  });

  it('has cartesi-init and xhalt in /usr/sbin as root-owned executables', () => {
    const usrSbin = listDirectory('/usr/sbin');
    for (const name of ['cartesi-init', 'xhalt']) {
      const file = usrSbin.get(name);
      expect(file, name).toBeDefined();
      expect(file!.mode).toBe(S_IFREG | 0o755);
      expect(file!.uid).toBe(0);
      expect(file!.gid).toBe(0);
    }
  });

  it('has the flashdrive helper in /usr/bin', () => {
    expect(entry('/usr/bin', 'flashdrive').mode).toBe(S_IFREG | 0o755);
  });

  it('has busybox in /bin with /bin/sh as an applet link to it', () => {
    expect(entry('/bin', 'busybox').mode).toBe(S_IFREG | 0o755);
    expect(entry('/bin', 'sh').mode & 0o170000).toBe(S_IFLNK);
    expect(debugfs(rootfsPath, 'stat /bin/sh')).toMatch(/Fast link dest: "\.\.\/bin\/busybox"/);
  });

  it('links the applets cartesi-init needs', () => {
    const names = [
      ['/bin', 'mount'],
      ['/bin', 'mountpoint'],
      ['/usr/bin', 'setsid'],
      ['/bin', 'cttyhack'],
      ['/usr/bin', 'setuidgid'],
      ['/sbin', 'poweroff'],
    ];
    for (const [directory, name] of names) {
      expect(entry(directory, name).mode & 0o170000, `${directory}/${name}`).toBe(S_IFLNK);
    }
  });

  it('gives /home/dapp to uid and gid 1000', () => {
    const home = entry('/home', 'dapp');
    expect(home.mode).toBe(S_IFDIR | 0o755);
    expect(home.uid).toBe(1000);
    expect(home.gid).toBe(1000);
  });

  it('makes /tmp world-writable and sticky and /root private', () => {
    const root = listDirectory('/');
    expect(root.get('tmp')!.mode).toBe(S_IFDIR | 0o1777);
    expect(root.get('root')!.mode).toBe(S_IFDIR | 0o700);
  });

  it('has empty mount points /dev, /proc, /sys, /run and /mnt', () => {
    for (const mountPoint of ['/dev', '/proc', '/sys', '/run', '/mnt']) {
      const names = [...listDirectory(mountPoint).keys()].filter((name) => name !== '.' && name !== '..');
      expect(names, mountPoint).toEqual([]);
    }
  });

  it('defines root (0) and dapp (1000, home /home/dapp) in /etc/passwd and /etc/group', () => {
    const passwd = debugfs(rootfsPath, 'cat /etc/passwd');
    expect(passwd).toMatch(/^root:x:0:0:[^:]*:\/root:\/bin\/sh$/m);
    expect(passwd).toMatch(/^dapp:x:1000:1000:[^:]*:\/home\/dapp:\/bin\/sh$/m);
    const group = debugfs(rootfsPath, 'cat /etc/group');
    expect(group).toMatch(/^root:x:0:/m);
    expect(group).toMatch(/^dapp:x:1000:/m);
  });

  it('stores every timestamp as SOURCE_DATE_EPOCH (0)', () => {
    const stat = debugfs(rootfsPath, 'stat /usr/sbin/cartesi-init');
    for (const field of ['ctime', 'atime', 'mtime']) {
      expect(stat).toMatch(new RegExp(`${field}: 0x00000000 `));
    }
  });

  it('is rebuilt byte for byte from the same inputs', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'carti-rootfs-'));
    try {
      const rebuilt = join(scratch, 'rootfs.ext2');
      const result = run('bash', [
        `${guestDir}scripts/build-rootfs.sh`,
        rootfsInputsDir,
        `${rootfsInputsDir}/xhalt`,
        rebuilt,
      ]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(readFileSync(rebuilt).equals(readFileSync(rootfsPath))).toBe(true);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('rootfs inputs', () => {
  /** ELF64 facts that make a static riscv64 Linux executable (System V gABI; EM_RISCV = 243). */
  function elfFacts(path: string): { class64: boolean; executable: boolean; machine: number; dynamic: boolean } {
    const elf = readFileSync(path);
    expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    const programHeaderOffset = Number(elf.readBigUInt64LE(0x20));
    const programHeaderSize = elf.readUInt16LE(0x36);
    const programHeaderCount = elf.readUInt16LE(0x38);
    let dynamic = false;
    for (let i = 0; i < programHeaderCount; i++) {
      const type = elf.readUInt32LE(programHeaderOffset + i * programHeaderSize);
      if (type === 2 /* PT_DYNAMIC */ || type === 3 /* PT_INTERP */) dynamic = true;
    }
    return { class64: elf[4] === 2, executable: elf.readUInt16LE(0x10) === 2, machine: elf.readUInt16LE(0x12), dynamic };
  }

  it('busybox is a static riscv64 executable', () => {
    expect(elfFacts(`${rootfsInputsDir}/busybox`)).toEqual({ class64: true, executable: true, machine: 243, dynamic: false });
  });

  it('xhalt is a static riscv64 executable', () => {
    expect(elfFacts(`${rootfsInputsDir}/xhalt`)).toEqual({ class64: true, executable: true, machine: 243, dynamic: false });
  });
});

describe('linux.bin', () => {
  const kernelOffset = TWO_MIB;
  const firmwareReservedBytes = 512 * 1024; // reserved-memory/fw_resv@80000000 (spec §12.2)

  it('starts with the firmware and is zero from the end of the 512 KiB reservation to 2 MiB', () => {
    const image = readFileSync(linuxBinPath);
    expect(image.readUInt32LE(0)).not.toBe(0);
    const padding = image.subarray(firmwareReservedBytes, kernelOffset);
    expect(padding.every((byte) => byte === 0)).toBe(true);
  });

  it('has a RISC-V Linux Image header at 2 MiB (magic "RISCV\\0\\0\\0" at +0x30, "RSC\\x05" at +0x38)', () => {
    const header = readFileSync(linuxBinPath).subarray(kernelOffset, kernelOffset + 64);
    expect(header.subarray(0x30, 0x38).toString('latin1')).toBe('RISCV\0\0\0');
    expect(header.subarray(0x38, 0x3c).toString('latin1')).toBe('RSC\x05');
  });

  it('declares a 2 MiB text offset and an image size that covers the file', () => {
    const image = readFileSync(linuxBinPath);
    // Image header (Documentation/riscv/boot-image-header.rst): text_offset at +0x08, image_size at +0x10.
    expect(image.readBigUInt64LE(kernelOffset + 0x08)).toBe(BigInt(TWO_MIB));
    expect(image.readBigUInt64LE(kernelOffset + 0x10)).toBeGreaterThanOrEqual(BigInt(image.length - kernelOffset));
  });
});

describe('versions.json', () => {
  it('records the installed Debian package versions and SOURCE_DATE_EPOCH', () => {
    const versions = JSON.parse(readFileSync(versionsPath, 'utf8')) as {
      sourceDateEpoch: number;
      debianPackages: Record<string, string>;
    };
    expect(versions.sourceDateEpoch).toBe(0);
    for (const name of ['linux-source-6.1', 'gcc-riscv64-linux-gnu', 'binutils-riscv64-linux-gnu', 'genext2fs']) {
      const installed = run('dpkg-query', ['-W', '-f=${Version}', name]).stdout;
      expect(versions.debianPackages[name], name).toBe(installed);
    }
    expect(versions.debianPackages['busybox (source)']).toMatch(/^\S+$/);
  });
});
