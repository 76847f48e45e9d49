/**
 * JSON with exact 64-bit integers. cartesi-machine's JSON configs hold values up to 2^64 − 1 as JSON
 * integers (cartesi-machine.md §14); `JSON.parse`/`JSON.stringify` go through IEEE doubles and would corrupt
 * anything above 2^53, so numbers are `bigint` here in both directions.
 */
import { CartiError } from './errors';

export type ExactJson = null | boolean | string | bigint | ExactJson[] | { [key: string]: ExactJson | undefined };

/** Serialise with `indent` spaces; `bigint`s are written as plain integers, `undefined` members are left out. */
export function stringifyExact(value: ExactJson, indent = 2): string {
  return write(value, '', ' '.repeat(indent));
}

function write(value: ExactJson, current: string, step: string): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString(10);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = current + step;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + write(item, inner, step)).join(',\n')}\n${current}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined) as [string, ExactJson][];
  if (entries.length === 0) return '{}';
  const members = entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${write(item, inner, step)}`);
  return `{\n${members.join(',\n')}\n${current}}`;
}

/**
 * Parse JSON whose numbers must all be integers. As in v0.21, a float with an integral value (`1.0`,
 * `4e3`) is accepted; anything else (`1.5`, `1e-3`) is a `non-integer` error naming the JSON path.
 */
export function parseExact(text: string, input: string): ExactJson {
  const parser = new Parser(text, input);
  const value = parser.value('$');
  parser.end();
  return value;
}

class Parser {
  private offset = 0;
  constructor(private readonly text: string, private readonly input: string) {}

  fail(code: string, reason: string, path?: string): never {
    throw new CartiError(code, this.input, path ?? `byte offset ${this.offset}`, reason);
  }

  private skipSpace(): void {
    while (this.offset < this.text.length && ' \t\n\r'.includes(this.text[this.offset])) this.offset++;
  }

  end(): void {
    this.skipSpace();
    if (this.offset !== this.text.length) this.fail('bad-json', 'unexpected text after the JSON value');
  }

  value(path: string): ExactJson {
    this.skipSpace();
    const char = this.text[this.offset];
    if (char === '{') return this.object(path);
    if (char === '[') return this.array(path);
    if (char === '"') return this.string();
    if (char === '-' || (char >= '0' && char <= '9')) return this.number(path);
    for (const [word, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return result;
      }
    }
    return this.fail('bad-json', char === undefined ? 'unexpected end of text' : `unexpected character ${JSON.stringify(char)}`);
  }

  private object(path: string): ExactJson {
    this.offset++;
    const result: { [key: string]: ExactJson } = {};
    this.skipSpace();
    if (this.text[this.offset] === '}') { this.offset++; return result; }
    for (;;) {
      this.skipSpace();
      if (this.text[this.offset] !== '"') this.fail('bad-json', 'expected a member name');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.offset] !== ':') this.fail('bad-json', "expected ':'");
      this.offset++;
      result[key] = this.value(`${path}.${key}`);
      this.skipSpace();
      const next = this.text[this.offset++];
      if (next === '}') return result;
      if (next !== ',') this.fail('bad-json', "expected ',' or '}'");
    }
  }

  private array(path: string): ExactJson {
    this.offset++;
    const result: ExactJson[] = [];
    this.skipSpace();
    if (this.text[this.offset] === ']') { this.offset++; return result; }
    for (;;) {
      result.push(this.value(`${path}[${result.length}]`));
      this.skipSpace();
      const next = this.text[this.offset++];
      if (next === ']') return result;
      if (next !== ',') this.fail('bad-json', "expected ',' or ']'");
    }
  }

  private string(): string {
    // Find the closing quote, honouring escapes, then let JSON.parse decode the escapes exactly.
    const begin = this.offset++;
    while (this.offset < this.text.length && this.text[this.offset] !== '"') {
      if (this.text[this.offset] === '\\') this.offset++;
      this.offset++;
    }
    if (this.offset >= this.text.length) this.fail('bad-json', 'unterminated string');
    this.offset++;
    try {
      return JSON.parse(this.text.slice(begin, this.offset)) as string;
    } catch {
      return this.fail('bad-json', 'invalid string escape');
    }
  }

  private number(path: string): bigint {
    const match = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?/.exec(this.text.slice(this.offset));
    if (!match) return this.fail('bad-json', 'malformed number');
    this.offset += match[0].length;
    const [, sign, whole, fraction = '', exponentText = '0'] = match;
    // value = digits × 10^(exponent − fraction length); integral iff the trailing digits cancel out.
    let digits = whole + fraction;
    let exponent = BigInt(exponentText) - BigInt(fraction.length);
    while (exponent < 0n && digits.length > 1 && digits.endsWith('0')) {
      digits = digits.slice(0, -1);
      exponent++;
    }
    if (exponent < 0n && BigInt(digits) !== 0n) {
      this.fail('non-integer', `${match[0]} is not an integer`, path);
    }
    if (exponent > 64n) this.fail('number-too-large', `${match[0]} is out of range`, path);
    const magnitude = exponent > 0n ? BigInt(digits) * 10n ** exponent : BigInt(digits);
    return sign === '-' ? -magnitude : magnitude;
  }
}
