/**
 * zstd decompression for tar inputs (OCI layers `application/vnd.oci.image.layer.v1.tar+zstd`, spec §2.1) with
 * fzstd: pure JavaScript, so it runs the same in Node, the browser and workers (no platform decoder exists for
 * zstd, unlike gzip's DecompressionStream). Streamed: each compressed chunk is pushed and the decoded pieces are
 * yielded as they come, so a layer never sits whole in memory.
 */
import { Decompress } from 'fzstd';
import { CartiError } from '../machine/errors';

export async function* unzstd(chunks: AsyncIterable<Uint8Array>, inputName: string): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let produced = 0;
  let ended = false;
  const decoder = new Decompress((data, final) => {
    // fzstd may hand out views of its own window buffer, which it overwrites on the next push: copy them.
    if (data.length > 0) out.push(data.slice());
    if (final) ended = true;
  });
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      decoder.push(chunk, final);
    } catch (error) {
      throw new CartiError('TAR_BAD_ZSTD', inputName, `uncompressed byte ${produced}`, `the zstd stream is corrupt or truncated (${(error as Error)?.message ?? String(error)})`);
    }
  };
  for await (const chunk of chunks) {
    push(chunk, false);
    while (out.length > 0) {
      const piece = out.shift()!;
      produced += piece.length;
      yield piece;
    }
  }
  if (!ended) push(new Uint8Array(0), true);
  while (out.length > 0) {
    const piece = out.shift()!;
    produced += piece.length;
    yield piece;
  }
}
