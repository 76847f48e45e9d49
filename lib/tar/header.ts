/**
 * One 512-byte tar header (POSIX ustar, with the GNU and old-GNU variants the Docker and GNU tar writers
 * produce): field offsets from POSIX.1-2001 `pax` "ustar Interchange Format". Numbers are octal text, or the
 * GNU base-256 form (high bit of the first byte set) for values that do not fit.
 */
import { CartiError } from '../machine/errors';

export const BLOCK_BYTES = 512;

export interface RawHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  sizeBytes: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  devMajor: number;
  devMinor: number;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** NUL-terminated text field; names are UTF-8 (what Docker and GNU tar write in a UTF-8 locale). */
function text(block: Uint8Array, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return utf8.decode(end === -1 ? field : field.subarray(0, end));
}

/** Octal number (spaces/NULs around it allowed) or GNU base-256; throws a reason string when invalid. */
function number(block: Uint8Array, offset: number, length: number, what: string): number {
  const field = block.subarray(offset, offset + length);
  if (field[0] & 0x80) {
    if (field[0] === 0xff) throw `${what} is a negative base-256 number`;
    let value = field[0] & 0x7f;
    for (let index = 1; index < field.length; index++) {
      value = value * 256 + field[index];
      if (value > Number.MAX_SAFE_INTEGER) throw `${what} is larger than 2^53`;
    }
    return value;
  }
  const digits = latin1.decode(field).replace(/\0.*$/s, '').trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw `${what} ${JSON.stringify(digits)} is not an octal number`;
  const value = parseInt(digits, 8);
  if (!Number.isSafeInteger(value)) throw `${what} is larger than 2^53`;
  return value;
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (let index = 0; index < block.length; index++) if (block[index] !== 0) return false;
  return true;
}

/** The checksum is the sum of the header bytes with the checksum field read as eight spaces (unsigned; some old writers summed signed bytes). */
function checksumMatches(block: Uint8Array, stored: number): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let index = 0; index < BLOCK_BYTES; index++) {
    const byte = index >= 148 && index < 156 ? 0x20 : block[index];
    unsigned += byte;
    signed += byte >= 0x80 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** Decodes a header block at `offsetBytes` of `inputName`; errors name the byte offset. */
export function parseHeader(block: Uint8Array, inputName: string, offsetBytes: number): RawHeader {
  const fail = (code: string, reason: string): never => {
    throw new CartiError(code, inputName, `byte ${offsetBytes} (tar header)`, reason);
  };
  let stored: number;
  try {
    stored = number(block, 148, 8, 'checksum');
  } catch (reason) {
    return fail('TAR_BAD_HEADER', `${String(reason)}: this is not a tar header`);
  }
  if (!checksumMatches(block, stored)) fail('TAR_BAD_CHECKSUM', `header checksum ${stored} does not match its bytes (corrupt or not a tar archive)`);
  const magic = latin1.decode(block.subarray(257, 263));
  const ustar = magic === 'ustar\0' || magic === 'ustar ';
  try {
    const name = text(block, 0, 100);
    // POSIX ustar (not old GNU "ustar  ") splits long names into prefix/name.
    const prefix = magic === 'ustar\0' ? text(block, 345, 155) : '';
    return {
      name: prefix !== '' ? `${prefix}/${name}` : name,
      mode: number(block, 100, 8, 'mode'),
      uid: number(block, 108, 8, 'uid'),
      gid: number(block, 116, 8, 'gid'),
      sizeBytes: number(block, 124, 12, 'size'),
      mtime: number(block, 136, 12, 'mtime'),
      typeflag: block[156] === 0 ? '0' : String.fromCharCode(block[156]),
      linkname: text(block, 157, 100),
      devMajor: ustar ? number(block, 329, 8, 'devmajor') : 0,
      devMinor: ustar ? number(block, 337, 8, 'devminor') : 0,
    };
  } catch (reason) {
    if (reason instanceof CartiError) throw reason;
    return fail('TAR_BAD_HEADER', String(reason));
  }
}
