/**
 * Flattened device tree writer laid out exactly as cartesi-machine's `FDTBuilder` (cartesi-machine.md
 * §12.1): header version 17 / last compatible 16, structure block at 0x28, strings block (each name once,
 * in order of first use) aligned to 8, then the memory-reservation block (one zero terminator) aligned to 8
 * and placed after the strings. Sizes in the header are exact; padding is zero.
 */

const FDT_MAGIC = 0xd00dfeed;
const FDT_VERSION = 17;
const FDT_LAST_COMPATIBLE_VERSION = 16;
const FDT_HEADER_SIZE = 0x28;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_END = 9;
const RESERVATION_TERMINATOR_SIZE = 16;

const encoder = new TextEncoder();

/** A growable big-endian byte buffer. */
class ByteWriter {
  private bytes = new Uint8Array(4096);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  u32(value: number): void {
    this.reserve(4);
    new DataView(this.bytes.buffer).setUint32(this.length, value >>> 0, false);
    this.length += 4;
  }

  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** Zero bytes up to the next multiple of `alignment`. */
  pad(alignment: number): void {
    const padded = Math.ceil(this.length / alignment) * alignment;
    this.reserve(padded - this.length);
    this.bytes.fill(0, this.length, padded);
    this.length = padded;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class FdtBuilder {
  private readonly structure = new ByteWriter();
  private readonly strings = new ByteWriter();
  private readonly stringOffsets = new Map<string, number>();
  private openNodes = 0;

  beginNode(name: string): this {
    this.structure.u32(FDT_BEGIN_NODE);
    this.structure.raw(encoder.encode(`${name}\0`));
    this.structure.pad(4);
    this.openNodes++;
    return this;
  }

  /** `name@<address>` with the address in lower-case hex, no `0x`, no leading zeros (§12.2). */
  beginNodeAt(name: string, address: bigint): this {
    return this.beginNode(`${name}@${address.toString(16)}`);
  }

  endNode(): this {
    if (this.openNodes === 0) throw new Error('FdtBuilder: endNode without an open node');
    this.structure.u32(FDT_END_NODE);
    this.openNodes--;
    return this;
  }

  /** A property with raw bytes, zero-padded to 4 in the structure block. */
  propBytes(name: string, value: Uint8Array): this {
    this.structure.u32(FDT_PROP);
    this.structure.u32(value.length);
    this.structure.u32(this.nameOffset(name));
    this.structure.raw(value);
    this.structure.pad(4);
    return this;
  }

  propEmpty(name: string): this {
    return this.propBytes(name, new Uint8Array(0));
  }

  /** A NUL-terminated string. */
  propString(name: string, value: string): this {
    return this.propBytes(name, encoder.encode(`${value}\0`));
  }

  /** Strings joined by NULs plus the final NUL. */
  propStringList(name: string, values: readonly string[]): this {
    return this.propBytes(name, encoder.encode(values.map((value) => `${value}\0`).join('')));
  }

  /** The bytes of `value` without a terminating NUL (used by `/cartesi-machine` init and entrypoint). */
  propText(name: string, value: string): this {
    return this.propBytes(name, encoder.encode(value));
  }

  /** Big-endian 32-bit cells. */
  propCells(name: string, cells: readonly number[]): this {
    const value = new Uint8Array(cells.length * 4);
    const view = new DataView(value.buffer);
    cells.forEach((cell, i) => view.setUint32(i * 4, cell >>> 0, false));
    return this.propBytes(name, value);
  }

  propU32(name: string, value: number): this {
    return this.propCells(name, [value]);
  }

  /** `<address size>` pairs, each 64-bit value as two cells (#address-cells = #size-cells = 2). */
  propReg64(name: string, pairs: readonly (readonly [bigint, bigint])[]): this {
    const cells: number[] = [];
    for (const [address, size] of pairs) {
      for (const value of [address, size]) {
        if (value < 0n || value >= 1n << 64n) throw new RangeError(`FdtBuilder: ${name} value ${value} does not fit in 64 bits`);
      }
      for (const value of [address, size]) cells.push(Number(value >> 32n), Number(value & 0xffffffffn));
    }
    return this.propCells(name, cells);
  }

  private nameOffset(name: string): number {
    let offset = this.stringOffsets.get(name);
    if (offset === undefined) {
      offset = this.strings.length;
      this.stringOffsets.set(name, offset);
      this.strings.raw(encoder.encode(`${name}\0`));
    }
    return offset;
  }

  /** The finished blob (throws if a node is still open). */
  finish(bootCpuId = 0): Uint8Array {
    if (this.openNodes !== 0) throw new Error(`FdtBuilder: ${this.openNodes} node(s) still open`);
    const structure = this.structure.result();
    const strings = this.strings.result();
    const structSize = structure.length + 4; // + FDT_END
    const stringsOffset = FDT_HEADER_SIZE + structSize;
    const alignedStringsOffset = Math.ceil(stringsOffset / 8) * 8;
    const reservationOffset = Math.ceil((alignedStringsOffset + strings.length) / 8) * 8;
    const totalSize = reservationOffset + RESERVATION_TERMINATOR_SIZE;

    const blob = new Uint8Array(totalSize);
    const view = new DataView(blob.buffer);
    const header = [
      FDT_MAGIC, totalSize, FDT_HEADER_SIZE, alignedStringsOffset, reservationOffset,
      FDT_VERSION, FDT_LAST_COMPATIBLE_VERSION, bootCpuId, strings.length, structSize,
    ];
    header.forEach((word, i) => view.setUint32(i * 4, word >>> 0, false));
    blob.set(structure, FDT_HEADER_SIZE);
    view.setUint32(FDT_HEADER_SIZE + structure.length, FDT_END, false);
    blob.set(strings, alignedStringsOffset);
    // The reservation terminator is already zero.
    return blob;
  }
}
