/**
 * Small helpers to read untrusted JSON field by field, collecting `CartiError`s with JSON paths instead of
 * throwing, so one bad record never hides the valid ones (carti-formats.md §3.2).
 */
import { CartiError, jsonPath } from './errors';
import type { CartiErrorCode } from './errors';
import { describe, parseHexNumber } from './hex';
import { jsonErrorOffset } from './json-locate';

export type Path = readonly (string | number)[];

/** Collects the problems of one input (a file name or a source URL). */
export class Issues {
  readonly errors: CartiError[] = [];
  readonly warnings: CartiError[] = [];
  constructor(readonly input: string) {}

  error(code: CartiErrorCode, path: Path, reason: string): void {
    this.errors.push(new CartiError(code, this.input, jsonPath(path), reason));
  }

  warn(code: CartiErrorCode, path: Path, reason: string): void {
    this.warnings.push(new CartiError(code, this.input, jsonPath(path), reason, 'warning'));
  }

  get count(): number {
    return this.errors.length;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse JSON text; on failure report the byte offset / line the engine gives. */
export function parseJsonText(text: string, input: string): unknown | CartiError {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const message = (cause as Error).message;
    const offset = jsonErrorOffset(text);
    let location = '(root)';
    if (offset !== undefined) {
      const line = text.slice(0, offset).split('\n').length;
      location = `line ${line}, offset ${offset}`;
    }
    const looksHtml = /^\s*</.test(text);
    const reason = looksHtml
      ? 'this is HTML, not JSON (a web page was given where a raw file was expected)'
      : `malformed JSON (${message})`;
    return new CartiError(looksHtml ? 'html-not-json' : 'bad-json', input, location, reason);
  }
}

export function readString(issues: Issues, object: Record<string, unknown>, key: string, path: Path, required: boolean): string | undefined {
  const value = object[key];
  if (value === undefined) {
    if (required) issues.error('missing-field', [...path, key], `required field "${key}" is missing`);
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.error('wrong-type', [...path, key], `expected a string, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

export function readBoolean(issues: Issues, object: Record<string, unknown>, key: string, path: Path, required: boolean): boolean | undefined {
  const value = object[key];
  if (value === undefined) {
    if (required) issues.error('missing-field', [...path, key], `required field "${key}" is missing`);
    return undefined;
  }
  if (typeof value !== 'boolean') {
    issues.error('wrong-type', [...path, key], `expected true or false, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

export function readHex(issues: Issues, object: Record<string, unknown>, key: string, path: Path, required: boolean): bigint | undefined {
  const value = object[key];
  if (value === undefined) {
    if (required) issues.error('missing-field', [...path, key], `required field "${key}" is missing`);
    return undefined;
  }
  const parsed = parseHexNumber(value, issues.input, jsonPath([...path, key]));
  if (parsed instanceof CartiError) {
    issues.errors.push(parsed);
    return undefined;
  }
  return parsed;
}

export function readStringArray(issues: Issues, object: Record<string, unknown>, key: string, path: Path): string[] | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    issues.error('wrong-type', [...path, key], `expected an array of strings, got ${describe(value)}`);
    return undefined;
  }
  const strings: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string') strings.push(item);
    else issues.error('wrong-type', [...path, key, index], `expected a string, got ${describe(item)}`);
  });
  return strings;
}

export function rejectUnknownKeys(issues: Issues, object: Record<string, unknown>, allowed: readonly string[], path: Path): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) issues.error('unknown-field', [...path, key], `unknown field "${key}" (allowed: ${allowed.join(', ')})`);
  }
}

/** Serialize as carti does: JSON.stringify with 2-space indentation and no trailing newline. */
export function cartiJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
