/**
 * Typed errors of lib/carti. One class for the whole project: the machine model (lib/machine/errors.ts)
 * defines it and lib/carti re-exports it, so `instanceof CartiError` holds across both libraries.
 * `message` is `<input>: <location>: <reason>` (a JSON path such as `bundles[2].id`, a byte offset or a line).
 */
import { CartiError } from '../machine/errors';
export { CartiError };
export type { Severity } from '../machine/errors';

/** Error codes raised by lib/carti, lib/fetch and lib/store (stable: the UI and tests match on them). */
export type CartiErrorCode =
  | 'bad-json' | 'wrong-type' | 'missing-field' | 'unknown-field' | 'bad-id' | 'bad-hex' | 'hex-overflow'
  | 'bad-bundle-type' | 'alias-bundle-type' | 'duplicate-id' | 'duplicate-label' | 'missing-asset'
  | 'bad-label' | 'bad-alignment' | 'overlap' | 'root-not-first' | 'bad-lua-string' | 'no-rom' | 'legacy-only'
  | 'not-found' | 'bad-source' | 'bad-url' | 'blocked-address' | 'too-large' | 'timeout' | 'too-many-redirects'
  | 'http-status' | 'html-not-json' | 'id-mismatch' | 'aborted' | 'network' | 'io';

/** A JSON path such as `bundles[2].id` from path segments. */
export function jsonPath(segments: readonly (string | number)[]): string {
  let text = '';
  for (const segment of segments) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text === '' ? '(root)' : text;
}

export function cartiError(code: CartiErrorCode, input: string, location: string, reason: string): CartiError {
  return new CartiError(code, input, location, reason);
}

export function cartiWarning(code: CartiErrorCode, input: string, location: string, reason: string): CartiError {
  return new CartiError(code, input, location, reason, 'warning');
}
