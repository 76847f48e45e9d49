import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CartiError } from './errors';
import { decodeLuaStringBody, decodeStoredText, escapeLuaString, luaStringLiteral } from './lua-string';

/** What the real lua5.4 makes of a literal: the bytes of the string, hex encoded. */
function luaBytes(literal: string): string {
  const script = `local s = ${literal}; io.write((s:gsub('.', function(c) return string.format('%02x', c:byte()) end)))`;
  const result = spawnSync('lua5.4', ['-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}
const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

describe('Lua string escaping', () => {
  it('escapes quote, backslash and line breaks', () => {
    expect(escapeLuaString('a"b\\c\nd\re\tf')).toBe('a\\"b\\\\c\\nd\\re\\tf');
  });

  it('writes other control bytes as three-digit decimal escapes', () => {
    expect(escapeLuaString('\x01' + '7\x7f')).toBe('\\0017\\127');
  });

  it('passes UTF-8 through unchanged', () => {
    expect(escapeLuaString('héllo ✓')).toBe('héllo ✓');
  });

  it('gives literals that lua5.4 reads back byte for byte', () => {
    const text = 'say "hi" \\ then\nnew line\r\t\x00\x01' + '9\x7f é ]] os.exit(1) --';
    expect(luaBytes(luaStringLiteral(text))).toBe(hex(text));
  });
});

describe('decoding stored Lua string bodies', () => {
  it('round-trips quote, backslash and newline', () => {
    for (const text of ['"', '\\', '\n', 'echo "a\\b"\nls']) expect(decodeLuaStringBody(escapeLuaString(text))).toBe(text);
  });

  it('decodes the escaped quotes carti-sample stored', () => {
    expect(decodeLuaStringBody('echo \\"hello\\" > /dev/x')).toBe('echo "hello" > /dev/x');
  });

  it('decodes decimal, hex, unicode and \\z escapes like lua5.4', () => {
    const body = '\\65\\x42\\u{e9}\\z   C\\0659';
    expect(hex(decodeLuaStringBody(body) as string)).toBe(luaBytes(`"${body}"`));
  });

  it('assembles escaped UTF-8 bytes into characters', () => {
    expect(decodeLuaStringBody('\\195\\169')).toBe('é');
  });

  it('reports an unescaped double quote with its position', () => {
    const error = decodeLuaStringBody('ls "x', 'pkg', 'machineConfig.boot.args') as CartiError;
    expect(error).toBeInstanceOf(CartiError);
    expect(error.message).toBe('pkg: machineConfig.boot.args (character 3): unescaped double quote: it would end the Lua string (write \\")');
  });

  it('reports a lone trailing backslash', () => {
    expect((decodeLuaStringBody('ls \\') as CartiError).reason).toMatch(/lone backslash/);
  });

  it('reports a raw newline', () => {
    expect(decodeLuaStringBody('a\nb')).toBeInstanceOf(CartiError);
  });

  it('reports decimal escapes above 255 and unknown escapes', () => {
    expect((decodeLuaStringBody('\\256') as CartiError).reason).toMatch(/larger than 255/);
    expect((decodeLuaStringBody('\\q') as CartiError).reason).toMatch(/invalid escape/);
  });

  it('uses invalid stored text literally with a warning for non-Lua exports', () => {
    const result = decodeStoredText('echo "x');
    expect(result.text).toBe('echo "x');
    expect(result.warning?.severity).toBe('warning');
  });
});
