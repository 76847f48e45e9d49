/**
 * POSIX shell quoting for the text cartesi-init sources (`/cartesi-machine/init`) and runs
 * (`entrypoint`), and for the command lines we export.
 */

/** Characters that never need quoting in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** `value` as one shell word: unchanged when it is safe, otherwise in single quotes with `'\''` escapes. */
export function shellQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * `value` inside double quotes, escaping the characters that stay special there (`\`, `"`, `$`, backquote).
 * The CLI writes mount points as `"<path>"`; for ordinary paths this is the same text.
 */
export function doubleQuote(value: string): string {
  return `"${value.replace(/[\\"$`]/g, (char) => `\\${char}`)}"`;
}
