import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { doubleQuote, shellQuote } from './shell-quote';

/** What /bin/sh passes as the one argument written as `word` (bracketed, so empty and '-n' show). */
const echoBack = (word: string): string => execFileSync('/bin/sh', ['-c', `printf '[%s]' ${word}`], { encoding: 'utf8' });

const HOSTILE = ["it's", 'a b', '$(id)', '`id`', '"q"', 'back\\slash', '*', 'semi;colon', 'new\nline', '-n', '~user', ''];

describe('shellQuote', () => {
  it('leaves plain words unchanged', () => {
    expect(shellQuote('/usr/bin/env')).toBe('/usr/bin/env');
    expect(shellQuote('LANG=C.UTF-8')).toBe('LANG=C.UTF-8');
  });

  it('makes /bin/sh see every hostile value literally', () => {
    for (const value of HOSTILE) expect(echoBack(shellQuote(value)), value).toBe(`[${value}]`);
  });
});

describe('doubleQuote', () => {
  it('makes /bin/sh see every hostile value literally inside double quotes', () => {
    for (const value of HOSTILE) expect(echoBack(doubleQuote(value)), value).toBe(`[${value}]`);
  });
});
