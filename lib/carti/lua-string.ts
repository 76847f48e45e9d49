/**
 * Lua string escaping and decoding (carti-formats.md §8.2).
 *
 * Escape: `\\`, `\"`, `\n`, `\r`, `\t`; other bytes below 0x20 and 0x7f as three-digit `\ddd` (so a following
 * digit is never absorbed); bytes ≥ 0x80 unchanged (UTF-8 passes through). Valid in Lua 5.3 and 5.4.
 *
 * Stored `boot.args`/`bootPrefix` are the *body* of a Lua double-quoted string (carti inserted them raw, so
 * users stored already-escaped text). `decodeLuaStringBody` turns such a body into the real text and reports
 * bodies that would not be valid Lua (an unescaped `"`, a raw newline, a lone trailing `\`, a bad escape).
 */
import { CartiError } from './errors';

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text → the body of a Lua double-quoted string. */
export function escapeLuaString(text: string): string {
  let body = '';
  for (const char of text) {
    const simple = SIMPLE_ESCAPES[char];
    if (simple !== undefined) body += simple;
    else {
      const code = char.codePointAt(0)!;
      body += code < 0x20 || code === 0x7f ? `\\${code.toString().padStart(3, '0')}` : char;
    }
  }
  return body;
}

/** Text → a complete Lua string literal with its quotes. */
export function luaStringLiteral(text: string): string {
  return `"${escapeLuaString(text)}"`;
}

const DECODE_SIMPLE: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", '\n': '\n',
};

/**
 * The body of a Lua 5.4 double-quoted string → its text. Supports every Lua escape: simple ones, `\ddd`
 * (≤ 255), `\xXX`, `\z`, `\u{XXX}` and an escaped newline. Decoded bytes are read as UTF-8 (bytes from
 * `\ddd`/`\xXX` are assembled first so escaped UTF-8 sequences decode correctly).
 */
export function decodeLuaStringBody(body: string, input = 'boot args', location = 'machineConfig.boot.args'): string | CartiError {
  const fail = (offset: number, reason: string) =>
    new CartiError('bad-lua-string', input, `${location} (character ${offset})`, reason);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const pushText = (text: string) => bytes.push(...encoder.encode(text));
  let i = 0;
  while (i < body.length) {
    const char = body[i]!;
    if (char === '"') return fail(i, 'unescaped double quote: it would end the Lua string (write \\")');
    if (char === '\n' || char === '\r') return fail(i, 'raw line break inside a Lua string (write \\n)');
    if (char !== '\\') {
      const codePoint = body.codePointAt(i)!;
      const text = String.fromCodePoint(codePoint);
      pushText(text);
      i += text.length;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) return fail(i, 'lone backslash at the end (write \\\\)');
    const simple = DECODE_SIMPLE[next];
    if (simple !== undefined) {
      pushText(simple);
      i += 2;
    } else if (/[0-9]/.test(next)) {
      const digits = /^[0-9]{1,3}/.exec(body.slice(i + 1))![0];
      const value = Number(digits);
      if (value > 255) return fail(i, `decimal escape \\${digits} is larger than 255`);
      bytes.push(value);
      i += 1 + digits.length;
    } else if (next === 'x') {
      const hex = /^[0-9a-fA-F]{2}/.exec(body.slice(i + 2));
      if (!hex) return fail(i, '\\x needs exactly two hex digits');
      bytes.push(parseInt(hex[0], 16));
      i += 4;
    } else if (next === 'z') {
      i += 2;
      while (i < body.length && /\s/.test(body[i]!)) i += 1;
    } else if (next === 'u') {
      const match = /^\{([0-9a-fA-F]+)\}/.exec(body.slice(i + 2));
      if (!match || parseInt(match[1]!, 16) > 0x10ffff) return fail(i, '\\u needs {hex digits} of a code point up to 10FFFF');
      pushText(String.fromCodePoint(parseInt(match[1]!, 16)));
      i += 2 + match[0].length;
    } else {
      return fail(i, `invalid escape sequence \\${next}`);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * Stored text for non-Lua exports (§8.2 project convention): decoded when valid, used literally otherwise,
 * with the decoding error returned as a warning.
 */
export function decodeStoredText(body: string, input?: string, location?: string): { text: string; warning?: CartiError } {
  const decoded = decodeLuaStringBody(body, input, location);
  if (decoded instanceof CartiError) {
    return { text: body, warning: new CartiError(decoded.code, decoded.input, decoded.location, `${decoded.reason}; used literally`, 'warning') };
  }
  return { text: decoded };
}
