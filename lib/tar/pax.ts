/**
 * PAX extended header records (POSIX.1-2001 `pax`, "pax Extended Header"): `"<length> <key>=<value>\n"`,
 * where length counts the whole record in bytes. Used keys: path, linkpath, size, uid, gid, mtime.
 */
export type PaxRecords = Map<string, string>;

const utf8 = new TextDecoder('utf-8');

/** Parses the records; throws a reason string on a malformed record. */
export function parsePax(bytes: Uint8Array): PaxRecords {
  const records: PaxRecords = new Map();
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes[offset] === 0) break; // some writers pad with NULs
    const space = bytes.indexOf(0x20, offset);
    if (space === -1 || space - offset > 20) throw `record at ${offset} has no length`;
    const lengthText = utf8.decode(bytes.subarray(offset, space));
    if (!/^[0-9]+$/.test(lengthText)) throw `record at ${offset} has length ${JSON.stringify(lengthText)}`;
    const length = Number(lengthText);
    if (length <= space - offset + 1 || offset + length > bytes.length || bytes[offset + length - 1] !== 0x0a) {
      throw `record at ${offset} of length ${length} does not end with a newline inside the header`;
    }
    const record = utf8.decode(bytes.subarray(space + 1, offset + length - 1));
    const equals = record.indexOf('=');
    if (equals <= 0) throw `record at ${offset} has no key=value`;
    records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

/** A decimal PAX number (`mtime` may have a fraction, which is dropped); throws a reason string. */
export function paxNumber(records: PaxRecords, key: string): number | undefined {
  const value = records.get(key);
  if (value === undefined) return undefined;
  if (!/^[0-9]+(\.[0-9]*)?$/.test(value)) throw `PAX ${key} ${JSON.stringify(value)} is not a non-negative number`;
  const result = Math.floor(Number(value));
  if (!Number.isSafeInteger(result)) throw `PAX ${key} ${value} is larger than 2^53`;
  return result;
}
