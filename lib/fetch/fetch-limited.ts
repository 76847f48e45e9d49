/**
 * `fetchLimited`: one GET with the limits issue 2 asks for: http(s) only, redirects followed by hand (each
 * hop checked by the SSRF guard) up to a limit, a timeout, and a size limit enforced while streaming (never
 * trusting Content-Length alone). The body is exposed as a stream so assets are never buffered whole.
 */
import { CartiError } from '../carti/errors';
import { checkUrlAllowed, sameOrigin, type ResolveHost } from './ssrf';

export type { ResolveHost } from './ssrf';
export type FetchKind = 'listing' | 'asset';

export interface ProgressEvent {
  readonly url: string;
  readonly receivedBytes: number;
  /** From Content-Length when the server sent it. */
  readonly totalBytes?: number;
}

/**
 * How one request is made. Default: the global `fetch` with `redirect: 'manual'`. Node callers should pass
 * `nodeTransport` (node-transport.node.ts), which checks addresses at connect time (no DNS rebinding).
 * `allowPrivate` is true when the origin is on the allow-list.
 */
export type Transport = (url: URL, init: { signal: AbortSignal; headers: Record<string, string>; allowPrivate: boolean }) => Promise<Response>;

const fetchTransport: Transport = (url, init) => fetch(url, { redirect: 'manual', signal: init.signal, headers: init.headers });

export interface FetchOptions {
  readonly transport?: Transport;
  readonly kind?: FetchKind;
  readonly maxBytes?: number;
  /** Time allowed for the response headers, and then between two body chunks (an idle timeout). */
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  /** Origins allowed even on private addresses (default: none; the app passes its own origin). */
  readonly allowList?: readonly string[];
  readonly resolveHost?: ResolveHost;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly signal?: AbortSignal;
  readonly accept?: string;
}

/** Listings are small; assets are drives (up to a few GiB). */
export const DEFAULT_LIMITS: Record<FetchKind, { maxBytes: number; timeoutMs: number; maxRedirects: number }> = {
  listing: { maxBytes: 4 << 20, timeoutMs: 20_000, maxRedirects: 5 },
  asset: { maxBytes: 4 * 2 ** 30, timeoutMs: 60_000, maxRedirects: 10 },
};

export interface LimitedResponse {
  /** The final URL after redirects. */
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly contentLength?: number;
  /** The body, read once, in chunks; throws `too-large`, `timeout` or `aborted` while reading. */
  readonly body: AsyncIterable<Uint8Array>;
  bytes(): Promise<Uint8Array>;
  text(): Promise<string>;
}

export async function fetchLimited(url: string, options: FetchOptions = {}): Promise<LimitedResponse> {
  const kind = options.kind ?? 'asset';
  const limits = DEFAULT_LIMITS[kind];
  const maxBytes = options.maxBytes ?? limits.maxBytes;
  const timeoutMs = options.timeoutMs ?? limits.timeoutMs;
  const maxRedirects = options.maxRedirects ?? limits.maxRedirects;
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    // Node: an unread body must not keep the process alive until the timer fires.
    (timer as { unref?: () => void }).unref?.();
  };
  const cleanup = () => { clearTimeout(timer); options.signal?.removeEventListener('abort', onAbort); };
  const failure = (location: string, cause: unknown): CartiError => {
    if (cause instanceof CartiError) return cause;
    if (timedOut) return new CartiError('timeout', url, location, `no response within ${timeoutMs} ms`);
    if (options.signal?.aborted) return new CartiError('aborted', url, location, 'the download was cancelled');
    return new CartiError('network', url, location, `request failed: ${(cause as Error).message}${(cause as { cause?: Error }).cause ? ` (${(cause as { cause: Error }).cause.message})` : ''}`);
  };

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new CartiError('bad-url', url, '(url)', 'not a valid URL');
  }
  let response: Response | undefined;
  try {
    for (let hop = 0; ; hop += 1) {
      await checkUrlAllowed(current, { allowList: options.allowList, resolveHost: options.resolveHost, input: url });
      arm();
      const allowPrivate = (options.allowList ?? []).some((origin) => sameOrigin(origin, current));
      response = await (options.transport ?? fetchTransport)(current, {
        signal: controller.signal, headers: options.accept ? { accept: options.accept } : {}, allowPrivate,
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        if (hop >= maxRedirects) throw new CartiError('too-many-redirects', url, current.toString(), `more than ${maxRedirects} redirects (a redirect loop?)`);
        current = new URL(location, current);
        continue;
      }
      // Browsers hide manual redirects (opaqueredirect); they are not followed there (use the server route).
      if (response.type === 'opaqueredirect') {
        throw new CartiError('too-many-redirects', url, current.toString(), 'redirects cannot be followed safely from the browser; fetch through the server');
      }
      break;
    }
  } catch (cause) {
    cleanup();
    throw failure(current!.toString(), cause);
  }
  const finalUrl = current.toString();
  if (!response.ok) {
    cleanup();
    await response.body?.cancel().catch(() => undefined);
    throw new CartiError('http-status', url, finalUrl, `HTTP ${response.status} ${response.statusText}`.trim());
  }
  const lengthHeader = response.headers.get('content-length');
  const contentLength = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  if (contentLength !== undefined && contentLength > maxBytes) {
    cleanup();
    await response.body?.cancel().catch(() => undefined);
    throw new CartiError('too-large', url, finalUrl, `${contentLength} bytes announced, more than the ${maxBytes}-byte ${kind} limit`);
  }
  const source = response.body;
  let consumed = false;
  async function* body(): AsyncIterable<Uint8Array> {
    if (consumed) throw new CartiError('io', url, finalUrl, 'the body was already read');
    consumed = true;
    let receivedBytes = 0;
    if (!source) return cleanup();
    const reader = source.getReader();
    try {
      for (;;) {
        arm();
        const { done, value } = await reader.read();
        if (done) break;
        receivedBytes += value.byteLength;
        if (receivedBytes > maxBytes) throw new CartiError('too-large', url, finalUrl, `more than the ${maxBytes}-byte ${kind} limit`);
        options.onProgress?.({ url: finalUrl, receivedBytes, ...(contentLength !== undefined ? { totalBytes: contentLength } : {}) });
        yield value;
      }
    } catch (cause) {
      controller.abort();
      throw failure(`${finalUrl} (byte ${receivedBytes})`, cause);
    } finally {
      cleanup();
      reader.releaseLock();
    }
  }
  const iterable = body();
  const bytes = async () => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of iterable) { chunks.push(chunk); total += chunk.byteLength; }
    const all = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) { all.set(chunk, offset); offset += chunk.byteLength; }
    return all;
  };
  return {
    url: finalUrl, status: response.status, contentType: response.headers.get('content-type') ?? '',
    ...(contentLength !== undefined ? { contentLength } : {}),
    body: iterable, bytes, text: async () => new TextDecoder().decode(await bytes()),
  };
}
