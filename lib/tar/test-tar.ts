/**
 * A small tar writer for tests (ustar headers, optional GNU `L`/`K` long names and PAX `x`/`g` records), so
 * tests can build exactly the archives they need, including hostile ones (`corrupt` hooks edit a header).
 */
export interface TestMember {
  name: string;
  /** Tar typeflag: '0' file (default), '1' hard link, '2' symlink, '3' char, '4' block, '5' dir, '6' fifo… */
  type?: string;
  content?: Uint8Array | string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  linkname?: string;
  devMajor?: number;
  devMinor?: number;
  /** PAX records written in an `x` header before the member. */
  pax?: Record<string, string>;
  /** PAX records written in a `g` header before the member. */
  globalPax?: Record<string, string>;
  /** Write the name (and link name) through GNU `L`/`K` headers, with a truncated name in the ustar header. */
  gnuLongNames?: boolean;
  /** Overrides the size field (for hostile archives). */
  sizeField?: number;
  /** Edits the finished header block (after the checksum), e.g. to break it. */
  corrupt?: (header: Uint8Array) => void;
}

const utf8 = new TextEncoder();

function octal(block: Uint8Array, offset: number, length: number, value: number): void {
  const digits = value.toString(8).padStart(length - 1, '0');
  if (digits.length > length - 1) {
    // GNU base-256 for values that do not fit.
    let rest = BigInt(value);
    for (let index = length - 1; index >= 1; index--) {
      block[offset + index] = Number(rest & 0xffn);
      rest >>= 8n;
    }
    block[offset] = 0x80;
    return;
  }
  block.set(utf8.encode(digits), offset);
}

function header(fields: { name: string; type: string; size: number; mode: number; uid: number; gid: number; mtime: number; linkname: string; devMajor: number; devMinor: number }): Uint8Array {
  const block = new Uint8Array(512);
  block.set(utf8.encode(fields.name).subarray(0, 100), 0);
  octal(block, 100, 8, fields.mode);
  octal(block, 108, 8, fields.uid);
  octal(block, 116, 8, fields.gid);
  octal(block, 124, 12, fields.size);
  octal(block, 136, 12, fields.mtime);
  block[156] = fields.type.charCodeAt(0);
  block.set(utf8.encode(fields.linkname).subarray(0, 100), 157);
  block.set(utf8.encode('ustar\u000000'), 257);
  octal(block, 329, 8, fields.devMajor);
  octal(block, 337, 8, fields.devMinor);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.set(utf8.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
  return block;
}

function paxBody(records: Record<string, string>): Uint8Array {
  let text = '';
  for (const [key, value] of Object.entries(records)) {
    const body = ` ${key}=${value}\n`;
    let length = utf8.encode(body).length + 1;
    while (String(length).length + utf8.encode(body).length !== length) length++;
    text += `${length}${body}`;
  }
  return utf8.encode(text);
}

function withPadding(data: Uint8Array): Uint8Array[] {
  const pad = (512 - (data.length % 512)) % 512;
  return [data, new Uint8Array(pad)];
}

export function buildTar(members: TestMember[], options: { endBlocks?: number } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const meta = (name: string, type: string, data: Uint8Array) => {
    parts.push(header({ name, type, size: data.length, mode: 0o644, uid: 0, gid: 0, mtime: 0, linkname: '', devMajor: 0, devMinor: 0 }), ...withPadding(data));
  };
  for (const member of members) {
    const type = member.type ?? '0';
    const content = typeof member.content === 'string' ? utf8.encode(member.content) : member.content ?? new Uint8Array(0);
    if (member.globalPax) meta('pax_global_header', 'g', paxBody(member.globalPax));
    if (member.pax) meta(`PaxHeaders/${member.name}`.slice(0, 99), 'x', paxBody(member.pax));
    if (member.gnuLongNames) {
      meta('././@LongLink', 'L', utf8.encode(member.name + '\0'));
      if (member.linkname) meta('././@LongLink', 'K', utf8.encode(member.linkname + '\0'));
    }
    const block = header({
      name: member.name, type, size: member.sizeField ?? content.length, mode: member.mode ?? (type === '5' ? 0o755 : 0o644),
      uid: member.uid ?? 0, gid: member.gid ?? 0, mtime: member.mtime ?? 0, linkname: member.linkname ?? '',
      devMajor: member.devMajor ?? 0, devMinor: member.devMinor ?? 0,
    });
    member.corrupt?.(block);
    parts.push(block, ...withPadding(content));
  }
  for (let index = 0; index < (options.endBlocks ?? 2); index++) parts.push(new Uint8Array(512));
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const tar = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    tar.set(part, offset);
    offset += part.length;
  }
  return tar;
}
