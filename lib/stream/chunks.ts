/**
 * The chunks of a byte stream as an async iterable, whether it is a web `ReadableStream` (browsers, `fetch`,
 * `File.stream()`) or any async iterable (Node streams). Used wherever lib code consumes streamed bytes.
 */
export async function* streamChunks(stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in stream) {
    yield* stream as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (stream as ReadableStream<Uint8Array>).getReader();
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
