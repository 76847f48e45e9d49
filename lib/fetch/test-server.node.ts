/**
 * Test helper: a real HTTP server on 127.0.0.1 (port 0) with routes for the hostile cases of issue 2: good and
 * tampered assets, an HTML body, an oversized body, a redirect loop, a slow response.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  readonly origin: string;
  readonly hits: string[];
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    hits.push(path);
    const route = routes[path];
    if (route) route(request, response);
    else { response.statusCode = 404; response.end('not found'); }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const send = (body: string | Uint8Array, type = 'application/octet-stream', status = 200): Route => (_request, response) => {
  response.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
};

export const redirect = (to: string, status = 302): Route => (_request, response) => {
  response.writeHead(status, { location: to });
  response.end();
};

/** Headers at once, then the body only after `delayMs` (a stalled transfer). */
export const slow = (body: string, delayMs: number): Route => (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write(body.slice(0, 1));
  const timer = setTimeout(() => response.end(body.slice(1)), delayMs);
  response.on('close', () => clearTimeout(timer));
};

/** Streams `totalBytes` without Content-Length (so the limit must be enforced while streaming). */
export const endless = (totalBytes: number): Route => (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = () => {
    while (sent < totalBytes) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    response.end();
  };
  response.on('error', () => undefined);
  pump();
};
