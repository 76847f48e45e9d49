/**
 * Read a web `ReadableStream` (a Blob's or a fetch body) as an async iterable of chunks: Node's streams are
 * async-iterable, but Chromium's `ReadableStream` is not, so this goes through a reader everywhere.
 */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
