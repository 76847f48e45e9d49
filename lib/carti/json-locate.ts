/**
 * Locate the first JSON syntax error in `text` (byte offset of the UTF-16 string), because engines differ in
 * whether `JSON.parse` messages carry a position (V8 in Node 20 does not). A small validating scanner that
 * follows RFC 8259's grammar; it does not build values.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const string = () => {
    i += 1;
    while (i < text.length && text[i] !== '"') {
      const char = text.charCodeAt(i);
      if (char < 0x20) fail();
      if (text[i] === '\\') {
        const escape = text[i + 1];
        if (escape === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(); i += 6; }
        else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 2;
        else { i += 1; fail(); }
      } else i += 1;
    }
    if (i >= text.length) fail();
    i += 1;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail();
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const char = text[i];
    if (char === '{') {
      i += 1; ws();
      if (text[i] === '}') { i += 1; return; }
      for (;;) {
        ws(); if (text[i] !== '"') fail(); string(); ws();
        if (text[i] !== ':') fail(); i += 1; value(); ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === '}') { i += 1; return; }
        fail();
      }
    } else if (char === '[') {
      i += 1; ws();
      if (text[i] === ']') { i += 1; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i += 1; continue; }
        if (text[i] === ']') { i += 1; return; }
        fail();
      }
    } else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else number();
  };
  try {
    value(); ws();
    return i < text.length ? i : undefined;
  } catch (offset) {
    return offset as number;
  }
}
