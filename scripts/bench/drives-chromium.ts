/**
 * The Chromium half of `npm run bench:drives` (issue 5): bundles the composer's drive worker and the bench page
 * (scripts/bench/drives-page.ts) with esbuild, serves them with the inputs from a local HTTP server (the app's
 * COOP/COEP headers), and runs the page in headless Debian Chromium through Playwright. Prints figures; never
 * fails on time. Env: BENCH_DRIVES_PORT (default: any free port).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { idOfBytes } from '../../lib/carti/id';
import type { PageFigure } from './drives-page';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MiB = 1 << 20;

async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: { 'drive-worker': join(ROOT, 'components/compose/drive-worker.ts'), page: join(ROOT, 'scripts/bench/drives-page.ts') },
    outdir: dir, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, logLevel: 'warning',
  });
}

function serve(dir: string, files: Map<string, Uint8Array>, port: number): Promise<Server> {
  const page = '<!doctype html><meta charset="utf-8"><title>bench:drives</title><script type="module" src="/page.js"></script>';
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    let body: Uint8Array | string | undefined;
    let type = 'application/octet-stream';
    if (path === '/') [body, type] = [page, 'text/html'];
    else if (path === '/page.js' || path === '/drive-worker.js') [body, type] = [readFileSync(join(dir, path.slice(1))), 'text/javascript'];
    else body = files.get(path);
    if (body === undefined) {
      response.writeHead(404, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': type }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function rate(bytes: number, ms: number): string {
  return `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`;
}

export async function benchDrivesInChromium(drives: readonly Uint8Array[], image: Uint8Array): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-drives-chromium-'));
  const port = Number(process.env.BENCH_DRIVES_PORT ?? 0);
  const files = new Map<string, Uint8Array>();
  const inputs = { drives: [] as Array<{ name: string; id: string; sizeBytes: number }>, image: { name: 'bench-image.tar', sizeBytes: image.length } };
  for (const [index, drive] of drives.entries()) {
    const name = `drive-${index}.ext2`;
    files.set(`/input/${name}`, drive);
    inputs.drives.push({ name, id: await idOfBytes(drive), sizeBytes: drive.length });
  }
  files.set('/input/bench-image.tar', image);
  files.set('/inputs.json', new TextEncoder().encode(JSON.stringify(inputs)));
  let server: Server | undefined;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    await bundle(dir);
    server = await serve(dir, files, port);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const address = server.address();
    await page.goto(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`);
    const figures = await page.evaluate(() => (window as unknown as { benchDrives: Promise<PageFigure[]> }).benchDrives);
    if (errors.length > 0) console.log(`  page errors: ${errors.join('; ')}`);
    console.log(`Chromium ${browser.version()} (the composer's drive worker; sources ${(inputs.drives.reduce((s, d) => s + d.sizeBytes, 0) / MiB).toFixed(1)} MiB, image ${(image.length / MiB).toFixed(1)} MiB):`);
    for (const figure of figures) {
      console.log(`  ${figure.label}: ${(figure.pageMs / 1000).toFixed(3)} s in the page = ${rate(figure.inputBytes, figure.pageMs)}; worker: read ${figure.readMs.toFixed(0)} ms, build ${figure.buildMs.toFixed(0)} ms (${rate(figure.inputBytes, figure.buildMs)}), store ${figure.storeMs.toFixed(0)} ms; output ${(figure.outputBytes / MiB).toFixed(1)} MiB; worst page timer delay ${figure.worstTimerDelayMs.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
