import { describe, expect, it } from 'vitest';
import { FdtBuilder } from './fdt';
import { dtcToDts } from './test-support.node';

function words(blob: Uint8Array, from: number, count: number): number[] {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  return Array.from({ length: count }, (_, i) => view.getUint32(from + i * 4, false));
}

describe('FdtBuilder', () => {
  it('writes an empty root as BEGIN_NODE, a zero name word, END_NODE and END', () => {
    const blob = new FdtBuilder().beginNode('').endNode().finish();
    expect(words(blob, 0x28, 4)).toEqual([1, 0, 2, 9]);
    expect(words(blob, 0x24, 1)).toEqual([16]); // size_dt_struct
  });

  it('puts strings 8-aligned after the structure and the reservation map 8-aligned after the strings', () => {
    const blob = new FdtBuilder().beginNode('').propEmpty('abc').endNode().finish();
    const [, totalSize, structOffset, stringsOffset, reservationOffset, , , , stringsSize, structSize] = words(blob, 0, 10);
    expect(structOffset).toBe(0x28);
    expect(stringsOffset).toBe(Math.ceil((0x28 + structSize) / 8) * 8);
    expect(stringsSize).toBe(4);
    expect(reservationOffset).toBe(Math.ceil((stringsOffset + stringsSize) / 8) * 8);
    expect(totalSize).toBe(reservationOffset + 16);
    expect(blob.length).toBe(totalSize);
  });

  it('stores each property name once, in order of first use', () => {
    const blob = new FdtBuilder()
      .beginNode('').propU32('b', 1).propU32('a', 2)
      .beginNode('child').propU32('a', 3).propU32('b', 4).endNode()
      .endNode().finish();
    const [, , , stringsOffset, , , , , stringsSize] = words(blob, 0, 10);
    expect(new TextDecoder().decode(blob.subarray(stringsOffset, stringsOffset + stringsSize))).toBe('b\0a\0');
  });

  it('zero-pads node names and values to 4 bytes', () => {
    const blob = new FdtBuilder().beginNode('').beginNode('abcd').propText('t', 'xyz').endNode().endNode().finish();
    // root: 1, 0 | child: 1, "abcd", "\0\0\0\0" | prop: 3, 3, 0, "xyz\0"
    expect(Array.from(blob.subarray(0x30, 0x3c))).toEqual([0, 0, 0, 1, 0x61, 0x62, 0x63, 0x64, 0, 0, 0, 0]);
    expect(Array.from(blob.subarray(0x48, 0x4c))).toEqual([0x78, 0x79, 0x7a, 0]);
  });

  it('encodes string lists, 64-bit reg pairs and unit addresses as dtc reads them', () => {
    const blob = new FdtBuilder()
      .beginNode('')
      .propU32('#address-cells', 2).propU32('#size-cells', 2)
      .beginNodeAt('dev', 0x123456789an)
      .propStringList('compatible', ['one', 'two'])
      .propReg64('reg', [[0x123456789an, 0x1000n]])
      .endNode()
      .endNode()
      .finish();
    const dts = dtcToDts(blob, 'dtb');
    expect(dts).toContain('dev@123456789a {');
    expect(dts).toContain('compatible = "one\\0two";');
    expect(dts).toContain('reg = <0x12 0x3456789a 0x00 0x1000>;');
  });

  it('refuses a reg value that does not fit in 64 bits instead of wrapping it', () => {
    expect(() => new FdtBuilder().beginNode('').propReg64('reg', [[1n << 64n, 1n]])).toThrow(RangeError);
    expect(() => new FdtBuilder().beginNode('').propReg64('reg', [[0n, -1n]])).toThrow(RangeError);
  });

  it('refuses to finish with an open node and to close a node that is not open', () => {
    expect(() => new FdtBuilder().beginNode('').finish()).toThrow(/still open/);
    expect(() => new FdtBuilder().endNode()).toThrow(/without an open node/);
  });
});
