/**
 * Archive member paths made safe for building an image (issue 5, "malformed archives"): relative, no `..`,
 * no NUL. `./` prefixes and repeated or trailing slashes are dropped; the archive root (`.`, `./`) is `''`.
 */
import { CartiError } from '../machine/errors';

export function normalizeMemberPath(raw: string, inputName: string, where: string, what = 'path'): string {
  const fail = (code: string, reason: string): never => {
    throw new CartiError(code, inputName, where, `${what} ${JSON.stringify(raw)}: ${reason}`);
  };
  if (raw === '') fail('TAR_BAD_PATH', 'is empty');
  if (raw.includes('\0')) fail('TAR_BAD_PATH', 'contains a NUL byte');
  if (raw.startsWith('/')) fail('TAR_ABSOLUTE_PATH', 'is absolute; archive members must be relative to the image root');
  const names: string[] = [];
  for (const name of raw.split('/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') fail('TAR_PATH_TRAVERSAL', 'contains ".." and could point outside the image');
    names.push(name);
  }
  return names.join('/');
}

/** `a/b/c` → [`a`, `a/b`]: the ancestors of a normalized path, shortest first. */
export function ancestorsOf(path: string): string[] {
  const result: string[] = [];
  for (let index = path.indexOf('/'); index !== -1; index = path.indexOf('/', index + 1)) result.push(path.slice(0, index));
  return result;
}
