import { describe, expect, it } from 'vitest';
import { defaultRunOptions, flashDriveText, formatCommandLine, parseFlashDrive, parseRunArgs, runOptionsToArgv } from './cli-args';
import { errorOf } from './error-of';

const MiB = 1n << 20n;


describe('parseRunArgs', () => {
  it('starts from the implicit root drive and 128 MiB', () => {
    expect(parseRunArgs([])).toEqual(defaultRunOptions());
    expect(parseRunArgs([]).flashDrives).toEqual([{ label: 'root', data_filename: 'rootfs.ext2' }]);
  });

  it('parses a full --flash-drive with numbers in every form', () => {
    const options = parseRunArgs(['--flash-drive=label:data,data_filename:d.ext2,start:0x90000000,length:1<<21,shared,read_only,mount:/srv,user:dapp']);
    expect(options.flashDrives[1]).toEqual({
      label: 'data', data_filename: 'd.ext2', start: 0x90000000n, length: 2n * MiB, shared: true, read_only: true, mount: '/srv', user: 'dapp',
    });
  });

  it('updates an existing label in place instead of adding a drive', () => {
    const options = parseRunArgs(['--flash-drive=label:root,data_filename:my.ext2,read_only']);
    expect(options.flashDrives).toEqual([{ label: 'root', data_filename: 'my.ext2', read_only: true }]);
  });

  it('reads mount:true and mount:false as booleans', () => {
    const options = parseRunArgs(['--flash-drive=label:a,mount:false', '--flash-drive=label:b,mount:true']);
    expect(options.flashDrives.slice(1).map((d) => d.mount)).toEqual([false, true]);
  });

  it('removes the implicit root with --no-root-flash-drive, and errors when there is none left', () => {
    expect(parseRunArgs(['--no-root-flash-drive']).flashDrives).toEqual([]);
    expect(errorOf(() => parseRunArgs(['--no-root-flash-drive', '--no-root-flash-drive'])).code).toBe('no-root-drive');
  });

  it('keeps -u, -e, -w, -h and --append-init in command-line order, in = and space forms', () => {
    const options = parseRunArgs(['-u=root', '--append-init=echo hi', '-e', 'A=1', '--workdir=/app', '-h', 'box', '--env=B=x=y']);
    expect(options.initLines).toEqual([
      { kind: 'user', user: 'root' },
      { kind: 'append', text: 'echo hi' },
      { kind: 'env', name: 'A', value: '1' },
      { kind: 'workdir', path: '/app' },
      { kind: 'hostname', hostname: 'box' },
      { kind: 'env', name: 'B', value: 'x=y' },
    ]);
  });

  it('takes everything after -- as the entrypoint, flags included', () => {
    expect(parseRunArgs(['-i', '--', 'ls', '-l', '--no-bootargs']).entrypoint).toEqual(['ls', '-l', '--no-bootargs']);
  });

  it('starts the entrypoint at the first word that is not a flag', () => {
    const options = parseRunArgs(['--no-init-splash', 'echo', '--quiet']);
    expect(options.entrypoint).toEqual(['echo', '--quiet']);
    expect(options.quiet).toBe(false);
  });

  it('parses the switches', () => {
    const options = parseRunArgs(['--no-bootargs', '--append-bootargs=a', '--append-bootargs=b', '-i', '--no-htif-yield-manual',
      '--no-htif-yield-automatic', '--no-ram-image', '--max-mcycle=1Mi', '--append-entrypoint=cd /', '--ram-length=0x10000000']);
    expect(options).toMatchObject({
      noBootargs: true, appendBootargs: ['a', 'b'], interactive: true, noYieldManual: true, noYieldAutomatic: true,
      ramImage: '', maxMcycle: MiB, appendEntrypoint: ['cd /'], ramLength: 0x10000000n,
    });
  });

  it('names the flag and the bad value', () => {
    expect(errorOf(() => parseRunArgs(['--ram-length=lots'])).message).toBe(
      'cartesi-machine arguments: --ram-length: "lots": not a number (decimal, 0x hex, Ki/Mi/Gi suffix or a<<b)',
    );
    expect(errorOf(() => parseRunArgs(['--flash-drive=label:a,start:0x1z'])).location).toBe('--flash-drive start');
    expect(errorOf(() => parseRunArgs(['--bogus'])).code).toBe('unknown-flag');
    expect(errorOf(() => parseRunArgs(['-it'])).code).toBe('unsupported-flag');
    expect(errorOf(() => parseRunArgs(['--ram-length='])).code).toBe('missing-value');
    expect(errorOf(() => parseRunArgs(['-u'])).code).toBe('missing-value');
    expect(errorOf(() => parseRunArgs(['-e=1A-=x'])).code).toBe('bad-env');
    expect(errorOf(() => parseRunArgs(['-e=A='])).code).toBe('bad-env');
  });
});

describe('parseFlashDrive', () => {
  it('rejects unknown keys, pointing out the pre-v0.20 filename key', () => {
    expect(errorOf(() => parseFlashDrive('label:a,filename:x')).reason).toContain('data_filename');
    expect(errorOf(() => parseFlashDrive('label:a,colour:red')).code).toBe('bad-flash-drive');
  });

  it('rejects a missing label, a repeated key and a bad boolean', () => {
    expect(errorOf(() => parseFlashDrive('data_filename:x')).reason).toContain('missing label');
    expect(errorOf(() => parseFlashDrive('label:a,label:b')).reason).toContain('twice');
    expect(errorOf(() => parseFlashDrive('label:a,shared:yes')).reason).toContain('true or false');
    expect(errorOf(() => parseFlashDrive('label:a,start')).reason).toContain('needs a value');
    expect(errorOf(() => parseFlashDrive('label:a,mount:')).reason).toContain('mount needs a value');
    expect(errorOf(() => parseFlashDrive('label:a,user:')).reason).toContain('user needs a value');
  });
});

describe('runOptionsToArgv', () => {
  it('gives no arguments for the defaults', () => {
    expect(runOptionsToArgv(defaultRunOptions())).toEqual([]);
  });

  it('round-trips through parseRunArgs', () => {
    const argv = ['--ram-length=256Mi', '--ram-image=k.bin', '--no-bootargs', '--append-bootargs=console=hvc0',
      '--flash-drive=label:root,data_filename:r.ext2,read_only', '--flash-drive=label:data,data_filename:d,start:0x90000000,length:4Mi,shared,mke2fs:false,mount:false,user:dapp',
      '--no-init-splash', '-u', 'root', '-e=X=it is', '--append-entrypoint=cd /', '-i', '--no-htif-yield-manual', '--max-mcycle=1000',
      '--quiet', '--', 'sh', '-c', 'echo $X'];
    const options = parseRunArgs(argv);
    expect(parseRunArgs(runOptionsToArgv(options))).toEqual(options);
  });

  it('refuses a flash-drive value containing a comma', () => {
    expect(errorOf(() => flashDriveText({ label: 'a', data_filename: 'x,y' })).code).toBe('unrepresentable');
  });
});

describe('formatCommandLine', () => {
  it('quotes only the arguments that need it', () => {
    expect(formatCommandLine(['--flash-drive=label:a,data_filename:a b.ext2', '--', 'echo', "it's"])).toBe(
      `cartesi-machine '--flash-drive=label:a,data_filename:a b.ext2' -- echo 'it'\\''s'`,
    );
  });
});
