/**
 * Bundle records (carti-formats.md §3.1): parse + validate against the exact bundleType set (not carti's
 * broken `^ram|rom|raw|flashdrive$` pattern), `flash` read as `flashdrive` with a warning, ids checked (§2.3).
 */
import { CartiError, jsonPath } from './errors';
import { describe } from './hex';
import { parseId } from './id';
import { Issues, isObject, readString, readStringArray, rejectUnknownKeys, type Path } from './json-read';
import { BUNDLE_TYPES, type Bundle, type BundleType, type ParseResult } from './types';

const BUNDLE_KEYS = ['bundleType', 'name', 'fileName', 'id', 'deps', 'version', 'uri'] as const;

/**
 * Validate one record at `path` of `input`. Returns the bundle, or undefined when it has errors (they are
 * added to `issues`).
 */
export function readBundle(issues: Issues, value: unknown, path: Path): Bundle | undefined {
  if (!isObject(value)) {
    issues.error('wrong-type', path, `expected a bundle record object, got ${describe(value)}`);
    return undefined;
  }
  const before = issues.count;
  rejectUnknownKeys(issues, value, BUNDLE_KEYS, path);
  const bundleType = readBundleType(issues, value, path);
  const name = readString(issues, value, 'name', path, true);
  const fileName = readString(issues, value, 'fileName', path, true);
  const id = readString(issues, value, 'id', path, true);
  const version = readString(issues, value, 'version', path, true);
  const uri = readString(issues, value, 'uri', path, false);
  const deps = readStringArray(issues, value, 'deps', path);
  if (id !== undefined) {
    const parts = parseId(id, issues.input, jsonPath([...path, 'id']));
    if (parts instanceof CartiError) issues.errors.push(parts);
  }
  deps?.forEach((dep, index) => {
    const parts = parseId(dep, issues.input, jsonPath([...path, 'deps', index]));
    if (parts instanceof CartiError) issues.errors.push(parts);
  });
  if (fileName !== undefined && !isPlainFileName(fileName)) {
    issues.error('wrong-type', [...path, 'fileName'], `"${fileName.slice(0, 60)}" is not a plain file name (no "/", "\\", "." or "..")`);
  }
  if (issues.count > before) return undefined;
  return {
    bundleType: bundleType!, name: name!, fileName: fileName!, id: id!,
    ...(deps !== undefined ? { deps } : {}), version: version!, ...(uri !== undefined ? { uri } : {}),
  };
}

function readBundleType(issues: Issues, object: Record<string, unknown>, path: Path): BundleType | undefined {
  const value = readString(issues, object, 'bundleType', path, true);
  if (value === undefined) return undefined;
  if (value === 'flash') {
    issues.warn('alias-bundle-type', [...path, 'bundleType'], '"flash" is read as "flashdrive" (first carti-default revision)');
    return 'flashdrive';
  }
  if (!(BUNDLE_TYPES as readonly string[]).includes(value)) {
    issues.error('bad-bundle-type', [...path, 'bundleType'], `unknown bundleType "${value.slice(0, 40)}" (expected one of ${BUNDLE_TYPES.join(', ')})`);
    return undefined;
  }
  return value as BundleType;
}

/** A store path is `<id>/<fileName>`: the name must not escape the directory. */
function isPlainFileName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

export function parseBundle(value: unknown, input = 'bundle'): ParseResult<Bundle | undefined> {
  const issues = new Issues(input);
  const bundle = readBundle(issues, value, []);
  return { value: bundle, errors: issues.errors, warnings: issues.warnings };
}

/** The record as a plain object in carti's key order: bundleType, name, fileName, id, [deps], version, uri. */
export function bundleToJson(bundle: Bundle): Record<string, unknown> {
  return {
    bundleType: bundle.bundleType,
    name: bundle.name,
    fileName: bundle.fileName,
    id: bundle.id,
    ...(bundle.deps !== undefined ? { deps: [...bundle.deps] } : {}),
    version: bundle.version,
    ...(bundle.uri !== undefined ? { uri: bundle.uri } : {}),
  };
}

export function serializeBundle(bundle: Bundle): string {
  return JSON.stringify(bundleToJson(bundle), null, 2);
}
