import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { entrypointText, INIT_SPLASH, initText } from './init-text';
import { dtsByteProperty, readFixtureText } from './test-support.node';

const referenceInit = (): string =>
  new TextDecoder().decode(dtsByteProperty(readFixtureText('reference-v0.21.dts'), 'init'));

/** Run `script` with the real /bin/sh and return its stdout. */
function sh(script: string): string {
  return execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' });
}

describe('initText', () => {
  it('equals the reference init bytes for root 4 MiB + data 1 MiB with the splash', () => {
    const text = initText({
      splash: true,
      drives: [{ label: 'root', index: 0, mount: '/mnt/root' }, { label: 'data', index: 1, mount: '/mnt/data' }],
    });
    expect(text).toBe(referenceInit());
  });

  it('has a splash that prints the Cartesi logo with single backslashes', () => {
    const printed = sh(INIT_SPLASH);
    expect(printed).toContain('\\---/---\\  /----\\');
    expect(printed).toContain('/ CARTESI');
    expect(printed).not.toContain('\\\\');
  });

  it('writes nothing for a drive that is neither formatted, mounted nor given a user', () => {
    expect(initText({ splash: false, drives: [{ label: 'scratch', index: 1 }] })).toBe('');
  });

  it('names an unlabelled drive flashdrive<N>', () => {
    expect(initText({ splash: false, drives: [{ index: 2, mount: '/mnt/x' }] })).toMatch(/^dev=\$\(flashdrive flashdrive2\)\n/);
  });

  it('formats, mounts read-only and chowns in the CLI order', () => {
    const text = initText({
      splash: false,
      drives: [{ label: 'out', index: 1, mke2fs: true, mount: '/var/out', user: 'dapp', readOnly: true }],
    });
    expect(text).toBe(
      'dev=$(flashdrive out)\n' +
        'busybox mke2fs -F -b 4096 -I 256 -L "out" "$dev" > /dev/null\n' +
        'busybox mkdir -p "/var/out" && busybox mount -o ro "$dev" "/var/out"\n' +
        'busybox chown dapp: "/var/out"\n',
    );
  });

  it('chowns the device itself when the drive is not mounted', () => {
    expect(initText({ splash: false, drives: [{ label: 'raw', index: 1, user: 'dapp' }] })).toBe(
      'dev=$(flashdrive raw)\nbusybox chown dapp: "$dev"\n',
    );
  });

  it('sets NVRAM permissions by read-only flag', () => {
    expect(initText({ splash: false, drives: [], nvrams: [{ index: 0, readOnly: true }] })).toBe(
      'dev=$(nvram nvram0)\nbusybox chmod 0444 "$dev"\n',
    );
  });

  it('writes user lines as the CLI does for plain values', () => {
    const text = initText({
      splash: false,
      drives: [],
      lines: [
        { kind: 'user', user: 'root' },
        { kind: 'env', name: 'LANG', value: 'C.UTF-8' },
        { kind: 'workdir', path: '/opt/app' },
        { kind: 'hostname', hostname: 'box' },
        { kind: 'append', text: 'echo ready' },
      ],
    });
    expect(text).toBe('USER=root\nexport LANG=C.UTF-8\nWORKDIR=/opt/app\nbusybox hostname box\necho ready\n');
  });

  it('quotes hostile values so the shell sees them literally', () => {
    const hostile = `it's $(rm -rf /) "x" \`y\``;
    const text = initText({ splash: false, drives: [], lines: [{ kind: 'env', name: 'V', value: hostile }] });
    expect(sh(`${text}printf %s "$V"`)).toBe(hostile);
  });

  it('escapes a mount point with shell metacharacters inside its double quotes', () => {
    const mount = '/mnt/a"$b`c\\';
    const text = initText({ splash: false, drives: [{ label: 'd', index: 1, mount }] });
    const line = text.split('\n')[1];
    const quoted = line.slice('busybox mkdir -p '.length, line.indexOf(' &&'));
    expect(sh(`printf %s ${quoted}`)).toBe(mount);
  });

  it('quotes a label that is not a plain word (v0.21 labels always are)', () => {
    const text = initText({ splash: false, drives: [{ label: '$(reboot)', index: 1, mount: '/mnt/x' }] });
    expect(text.split('\n')[0]).toBe("dev=$(flashdrive '$(reboot)')");
  });

  it('rejects an environment variable name that is not a shell name', () => {
    expect(() => initText({ splash: false, drives: [], lines: [{ kind: 'env', name: 'A-B', value: '1' }] })).toThrow(RangeError);
  });
});

describe('entrypointText', () => {
  it('is empty when there is no command', () => {
    expect(entrypointText({})).toBe('');
  });

  it('joins words with spaces as the CLI does, so one word can be a whole pipeline', () => {
    expect(entrypointText({ argv: ['ls -l / | wc -l'] })).toBe('ls -l / | wc -l');
    expect(entrypointText({ argv: ['echo', 'a b'] })).toBe('echo a b');
  });

  it('quotes only the words that need it in shell mode', () => {
    const text = entrypointText({ argv: ['printf', '%s|', 'a b', "it's"], join: 'shell' });
    expect(text).toBe(`printf '%s|' 'a b' 'it'\\''s'`);
    expect(sh(text)).toBe("a b|it's|");
  });

  it('puts --append-entrypoint lines first, each ending with a newline', () => {
    expect(entrypointText({ appendLines: ['cd /app', ''], argv: ['./run'] })).toBe('cd /app\n./run');
  });
});
