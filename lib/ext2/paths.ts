/**
 * Path rules of the file tree. Names are ext2 directory-entry names (spec §5.5): 1–255 bytes of UTF-8, no `/`,
 * no NUL, never `.` or `..` (the writer adds those itself). A path is names joined by `/`; one leading and one
 * trailing `/` are accepted because tar members and users write them (`/etc/`, `./` is not accepted).
 */
import { CartiError } from '../machine/errors';
import { EXT2_NAME_LEN } from './constants';

const utf8 = new TextEncoder();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function nameBytes(name: string): Uint8Array {
  return utf8.encode(name);
}

/** Byte-wise comparison of UTF-8 names: the writer's documented sibling order (README "Allocation order"). */
export function compareNameBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    if (a[index] !== b[index]) return a[index] - b[index];
  }
  return a.length - b.length;
}

/** Splits a path into validated names; `''` and `'/'` are the root (no names). */
export function splitPath(path: string, inputName: string): string[] {
  if (typeof path !== 'string') throw new CartiError('EXT2_INVALID_PATH', inputName, String(path), 'a path must be a string');
  let body = path;
  if (body.startsWith('/')) body = body.slice(1);
  if (body.endsWith('/')) body = body.slice(0, -1);
  if (body === '') return [];
  const names = body.split('/');
  names.forEach((name, index) => validateName(name, path, index, inputName));
  return names;
}

function validateName(name: string, path: string, index: number, inputName: string): void {
  const fail = (reason: string) => {
    throw new CartiError('EXT2_INVALID_PATH', inputName, JSON.stringify(path), `name ${index + 1}: ${reason}`);
  };
  if (name === '') fail('empty name (two slashes in a row, or a path of only slashes)');
  if (name === '.' || name === '..') fail(`"${name}" is not allowed as a name`);
  if (name.includes('\0')) fail('NUL byte in a name');
  if (name.length > EXT2_NAME_LEN || nameBytes(name).length > EXT2_NAME_LEN) {
    fail(`name is ${nameBytes(name).length} bytes of UTF-8, more than the ext2 limit of ${EXT2_NAME_LEN}`);
  }
  // Lone surrogates cannot be encoded as UTF-8 and would silently become U+FFFD.
  if (LONE_SURROGATE.test(name)) fail('name is not valid Unicode (lone surrogate)');
}

export function joinPath(names: readonly string[]): string {
  return '/' + names.join('/');
}
