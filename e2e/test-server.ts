/**
 * The e2e tests' remote listing host: a real node:http server on 127.0.0.1:3199 (the app reaches it because
 * the Playwright config puts it on CARTI_STUDIO_ALLOW_ORIGINS). Serves the fixtures' listings and files, an
 * HTML page, and 404s.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { TEST_SERVER_PORT, buildFixtures } from './fixtures';

const HTML = '<!doctype html><html><head><title>Not a listing</title></head><body><h1>A web page</h1></body></html>';

/** Sends a file in 256 KiB pieces 80 ms apart, so a download lasts long enough to watch its progress bar. */
function sendSlowly(response: ServerResponse, bytes: Uint8Array): void {
  const pieceBytes = 256 << 10;
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) });
  let offset = 0;
  const timer = setInterval(() => {
    if (response.destroyed) return void clearInterval(timer);
    response.write(bytes.subarray(offset, offset + pieceBytes));
    offset += pieceBytes;
    if (offset >= bytes.byteLength) {
      clearInterval(timer);
      response.end();
    }
  }, 80);
}

export async function startTestServer(port = TEST_SERVER_PORT): Promise<Server> {
  const fixtures = await buildFixtures();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://test').pathname;
    const listing = fixtures.listings.get(path);
    if (listing !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(listing);
      return;
    }
    const file = fixtures.files.get(path);
    if (file !== undefined && path.endsWith('/e2e-kernel.bin')) {
      sendSlowly(response, file);
      return;
    }
    if (file !== undefined) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.byteLength) }).end(file);
      return;
    }
    if (path === '/page.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
