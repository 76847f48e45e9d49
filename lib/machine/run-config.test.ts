import { describe, expect, it } from 'vitest';
import { parseRunArgs, runOptionsToArgv } from './cli-args';
import { configToCommandLine, configToRunOptions, runOptionsToConfig } from './run-config';
import { buildDtb } from './dtb';
import { DEFAULT_BOOTARGS } from './constants';
import { defaultMachineConfig, memoryRange } from './config';
import { readFixture } from './test-support.node';

describe('runOptionsToConfig', () => {
  it('gives the reference device tree for --flash-drive root 4 MiB and data 1 MiB', () => {
    const options = parseRunArgs([
      '--flash-drive=label:root,data_filename:rootfs.ext2,length:4Mi',
      '--flash-drive=label:data,data_filename:data.ext2,length:1Mi',
    ]);
    expect(buildDtb(runOptionsToConfig(options))).toEqual(readFixture('reference-v0.21.dtb'));
  });

  it('makes a read-only root mount ro in bootargs', () => {
    const config = runOptionsToConfig(parseRunArgs(['--flash-drive=label:root,read_only']));
    expect(config.dtb.bootargs).toBe(DEFAULT_BOOTARGS.replace(' rw ', ' ro '));
    expect(config.flash_drive[0].read_only).toBe(true);
  });

  it('formats and mounts a drive without a file by default, and does not mount it with mount:false', () => {
    const formatted = runOptionsToConfig(parseRunArgs(['--no-init-splash', '--flash-drive=label:scratch,length:4Mi']));
    expect(formatted.dtb.init).toBe(
      'dev=$(flashdrive scratch)\n' +
        'busybox mke2fs -F -b 4096 -I 256 -L "scratch" "$dev" > /dev/null\n' +
        'busybox mkdir -p "/mnt/scratch" && busybox mount "$dev" "/mnt/scratch"\n',
    );
    const raw = runOptionsToConfig(parseRunArgs(['--no-init-splash', '--flash-drive=label:raw,length:4Mi,mke2fs:false']));
    expect(raw.dtb.init).toBe('');
  });

  it('puts init lines after the drive lines and the command in the entrypoint', () => {
    const config = runOptionsToConfig(parseRunArgs(['--no-init-splash', '-e', 'A=1', '--flash-drive=label:d,data_filename:d.ext2', '--', 'ls', '/mnt/d']));
    expect(config.dtb.init).toBe('dev=$(flashdrive d)\nbusybox mkdir -p "/mnt/d" && busybox mount "$dev" "/mnt/d"\nexport A=1\n');
    expect(config.dtb.entrypoint).toBe('ls /mnt/d');
  });

  it('turns -i into console getchar in an unreproducible machine and the yield flags into iyield', () => {
    const config = runOptionsToConfig(parseRunArgs(['-i', '--no-htif-yield-automatic']));
    expect(config.htif.iconsole).toBe(3n);
    expect(config.htif.iyield).toBe(2n);
    expect(config.processor?.registers.iunrep).toBe(1n);
  });

  it('drops root= and init= with --no-root-flash-drive', () => {
    const config = runOptionsToConfig(parseRunArgs(['--no-root-flash-drive']));
    expect(config.dtb.bootargs).not.toMatch(/root=|init=/);
    expect(config.flash_drive).toEqual([]);
  });
});

describe('configToRunOptions', () => {
  it('rebuilds exactly the same config through the command line', () => {
    const original = runOptionsToConfig(parseRunArgs([
      '--ram-length=256Mi', '--flash-drive=label:root,data_filename:/i/rootfs.ext2,length:64Mi',
      '--flash-drive=label:data,data_filename:d.ext2,length:2Mi,user:dapp', '--flash-drive=label:out,length:2Mi,shared',
      '--append-bootargs=loglevel=3', '-u', 'root', '-e', 'MSG=hello world', '--append-entrypoint=cd /mnt/data', '--', 'ls -l | wc',
    ]));
    const { options, notes } = configToRunOptions(original);
    expect(notes).toEqual([]);
    const rebuilt = runOptionsToConfig(parseRunArgs(runOptionsToArgv(options)));
    expect(rebuilt).toEqual(original);
    expect(buildDtb(rebuilt)).toEqual(buildDtb(original));
  });

  it('says what it cannot carry', () => {
    const config = defaultMachineConfig();
    config.dtb.bootargs = 'console=hvc0';
    config.nvram = [memoryRange({ label: 'n', length: 4096n })];
    config.processor = { registers: { mcycle: 5n } };
    const { notes } = configToRunOptions(config);
    expect(notes).toHaveLength(3);
  });

  it('refuses an unlabelled drive, which --flash-drive cannot express', () => {
    const config = defaultMachineConfig();
    config.flash_drive = [memoryRange({ length: 4096n })];
    expect(() => configToRunOptions(config)).toThrowError(/flash_drive\[0\]\.label/);
  });
});

describe('configToCommandLine', () => {
  it('gives a shell-quoted cartesi-machine line that parses back to the same config', () => {
    const config = runOptionsToConfig(parseRunArgs(['--flash-drive=label:data,data_filename:my data.ext2,length:2Mi', '--', "echo 'hi'"]));
    const { line, argv, notes } = configToCommandLine(config);
    expect(notes).toEqual([]);
    expect(line.startsWith('cartesi-machine ')).toBe(true);
    expect(line).toContain("'--flash-drive=label:data,data_filename:my data.ext2,length:0x200000,mount:false'");
    expect(runOptionsToConfig(parseRunArgs(argv))).toEqual(config);
  });
});

describe('entrypoint from the words after --', () => {
  it('keeps a single word verbatim, as cartesi-machine does (a shell command line)', () => {
    const config = runOptionsToConfig(parseRunArgs(['--', 'ls /mnt | wc -l']));
    expect(config.dtb.entrypoint).toBe('ls /mnt | wc -l');
  });

  it('quotes the words of an argv that need it, so sh -c gets its script as one argument', () => {
    const config = runOptionsToConfig(parseRunArgs(['--', 'sh', '-c', 'exit 7']));
    expect(config.dtb.entrypoint).toBe("sh -c 'exit 7'");
  });

  it('gives the same text as cartesi-machine for words that need no quoting', () => {
    const config = runOptionsToConfig(parseRunArgs(['--', 'uname', '-a']));
    expect(config.dtb.entrypoint).toBe('uname -a');
  });
});
