/**
 * Test helper: hostile gateways in front of a real one (issue 6, "a tampered gateway is refused"): a small
 * local HTTP server that forwards `/ipfs/...` to the real gateway and flips one byte of every body, and one
 * that always answers 500. Each listens on its own 127.0.0.1 port (port 0) and allows any origin (browser tests).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestGateway {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

async function listen(server: Server, requests: string[]): Promise<TestGateway> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Forwards to `upstream` and returns the body with its byte at `flipOffset` inverted. */
export async function startTamperingGateway(upstream: string, flipOffset = 0): Promise<TestGateway> {
  const requests: string[] = [];
  const server = createServer(async (request, response) => {
    requests.push(request.url ?? '/');
    const answer = await fetch(`${upstream}${request.url ?? '/'}`);
    const body = new Uint8Array(await answer.arrayBuffer());
    if (body.byteLength > flipOffset) body[flipOffset] = body[flipOffset]! ^ 0xff;
    response.writeHead(answer.status, { 'access-control-allow-origin': '*', 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream', 'content-length': String(body.byteLength) });
    response.end(body);
  });
  return listen(server, requests);
}

/** Answers every request with HTTP 500. */
export async function startBrokenGateway(): Promise<TestGateway> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '/');
    response.writeHead(500, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    response.end('broken on purpose');
  });
  return listen(server, requests);
}

/** A loopback port with nothing listening (bound, then released): a node that is down. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const gateway = await listen(server, []);
  await gateway.close();
  return gateway.url;
}
