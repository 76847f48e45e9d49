import { describe, expect, it } from 'vitest';
import { readTarEntries } from '../../lib/tar/reader';
import { buildTar } from '../../lib/tar/test-tar';
import { blobByteSource, jobSource } from './blob-source';

const bytes = new Uint8Array(10_000).map((_, i) => (i * 31) & 0xff);

describe('job sources', () => {
  it('reads the same bytes from a Blob by slices as from memory', async () => {
    const source = blobByteSource(new Blob([bytes]));
    expect(source.sizeBytes).toBe(10_000);
    expect(await source.read(1234, 100)).toEqual(bytes.subarray(1234, 1334));
    expect(await source.read(9_990, 10)).toEqual(bytes.subarray(9_990));
  });

  it('keeps a Blob above the limit lazy, and the tar reader reads through it', async () => {
    const tar = buildTar([{ name: 'a.txt', content: 'lazy\n' }, { name: 'b.bin', content: bytes }]);
    for (const limit of [0, 1 << 20]) {
      const source = await jobSource(new Blob([tar as BlobPart]), limit);
      const entries = await readTarEntries(source);
      expect(entries.map((entry) => entry.path)).toEqual(['a.txt', 'b.bin']);
      expect(await entries[1]!.content!.read(0, bytes.length)).toEqual(bytes);
    }
  });
});
