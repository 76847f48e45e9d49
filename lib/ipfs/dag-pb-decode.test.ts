import { describe, expect, it } from 'vitest';
import { CID } from 'multiformats/cid';
import { decodePbNode, decodeUnixfs, UNIXFS_TYPES } from './dag-pb-decode';
import { encodePbNode, unixfsDirectoryData, unixfsFileData } from './dag-pb';
import { fileCid } from './unixfs-cid';

describe('dag-pb and UnixFS decoding', () => {
  it('reads back what the encoder wrote: links in name order, sizes beyond 32 bits', async () => {
    const [a, b] = [(await fileCid(new Uint8Array([1]))).cid, (await fileCid(new Uint8Array([2]))).cid];
    const bytes = encodePbNode(unixfsFileData(5 * 2 ** 32, [2 ** 32, 4 * 2 ** 32]), [
      { hash: b.bytes, name: 'b', tsize: 4 * 2 ** 32 + 10 },
      { hash: a.bytes, name: 'a', tsize: 2 ** 32 + 10 },
    ]);
    const node = decodePbNode(bytes, 'test block');
    expect(node.links.map((link) => [CID.decode(link.hash).toString(), link.name, link.tsize])).toEqual([
      [a.toString(), 'a', 2 ** 32 + 10],
      [b.toString(), 'b', 4 * 2 ** 32 + 10],
    ]);
    expect(decodeUnixfs(node, 'test block')).toEqual({ type: UNIXFS_TYPES.file, data: undefined, fileSizeBytes: 5 * 2 ** 32, blockSizesBytes: [2 ** 32, 4 * 2 ** 32] });
  });

  it('reads a directory node', () => {
    const node = decodePbNode(encodePbNode(unixfsDirectoryData(), []), 'dir');
    expect(decodeUnixfs(node, 'dir').type).toBe(UNIXFS_TYPES.directory);
  });

  it('reads packed blocksizes, as some encoders write them', () => {
    // Data { Type = 2, filesize = 300, blocksizes = packed [100, 200] }
    const data = Uint8Array.from([0x08, 0x02, 0x18, 0xac, 0x02, 0x22, 0x03, 0x64, 0xc8, 0x01]);
    const block = Uint8Array.from([0x0a, data.byteLength, ...data]);
    expect(decodeUnixfs(decodePbNode(block, 'packed'), 'packed').blockSizesBytes).toEqual([100, 200]);
  });

  it('names the block and the offset of a truncated field', () => {
    expect(() => decodePbNode(Uint8Array.from([0x0a, 0x05, 0x01]), 'block bafyX')).toThrow(/block bafyX: byte 2: field of 5 bytes runs past the end/);
  });

  it('refuses a node without UnixFS data', () => {
    expect(() => decodeUnixfs(decodePbNode(new Uint8Array(), 'empty'), 'empty')).toThrow(/without UnixFS Data/);
  });
});
