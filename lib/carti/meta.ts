/**
 * `carti-meta.json` (carti-formats.md §6.1): read all three shapes carti wrote; write only the full bundle
 * record (never an absolute path, §12.12), compact JSON with a trailing newline.
 */
import { CartiError } from './errors';
import { bundleToJson, readBundle } from './bundle';
import { describe } from './hex';
import { Issues, isObject, parseJsonText, readString } from './json-read';
import { BUNDLE_TYPES, type Bundle, type BundleType, type CartiMeta, type ParseResult } from './types';

export function parseMeta(value: unknown, input = 'carti-meta.json'): ParseResult<CartiMeta | undefined> {
  const issues = new Issues(input);
  const done = (meta: CartiMeta | undefined) => ({ value: meta, errors: issues.errors, warnings: issues.warnings });
  if (!isObject(value)) {
    issues.error('wrong-type', [], `expected an object, got ${describe(value)}`);
    return done(undefined);
  }
  if ('id' in value) {
    const bundle = readBundle(issues, value, []);
    return done(bundle ? { kind: 'bundle', bundle } : undefined);
  }
  if ('bundleType' in value || 'name' in value) {
    const bundleType = readString(issues, value, 'bundleType', [], true);
    const name = readString(issues, value, 'name', [], true);
    const fileName = readString(issues, value, 'fileName', [], true);
    const version = readString(issues, value, 'version', [], true);
    const path = readString(issues, value, 'path', [], false);
    const type = bundleType === 'flash' ? 'flashdrive' : bundleType;
    if (type !== undefined && !(BUNDLE_TYPES as readonly string[]).includes(type)) {
      issues.error('bad-bundle-type', ['bundleType'], `unknown bundleType "${type}"`);
    }
    if (issues.count > 0) return done(undefined);
    return done({ kind: 'authored', bundleType: type as BundleType, name: name!, fileName: fileName!, version: version!, ...(path !== undefined ? { path } : {}) });
  }
  const fileName = readString(issues, value, 'fileName', [], true);
  return done(fileName !== undefined ? { kind: 'packed', fileName } : undefined);
}

export function parseMetaText(text: string, input = 'carti-meta.json'): ParseResult<CartiMeta | undefined> {
  const value = parseJsonText(text, input);
  if (value instanceof CartiError) return { value: undefined, errors: [value], warnings: [] };
  return parseMeta(value, input);
}

/** The meta file Carti Studio writes: the full bundle record, compact, trailing newline. */
export function serializeMeta(bundle: Bundle): string {
  return `${JSON.stringify(bundleToJson(bundle))}\n`;
}
