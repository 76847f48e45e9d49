/**
 * Start and stop a real IPFS node for tests and benchmarks (issue 6): the js-ipfs 0.66 daemon installed in
 * this directory (setup.sh), with its own repo in a temp dir, offline, RPC API and gateway on free 127.0.0.1
 * ports, CORS for the given origins. `node_modules/.bin/jsipfs` runs directly (an `npx` wrapper would not
 * pass signals), in its own process group so that stopping reaches every child; a hard kill leaves
 * `repo.lock` behind, which is removed before any start. Node-only (tests, scripts).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const jsipfs = join(here, 'node_modules', '.bin', 'jsipfs');

export interface IpfsDaemon {
  /** RPC base URL, e.g. `http://127.0.0.1:41234` (the API is under `/api/v0`). */
  readonly rpcUrl: string;
  /** Path gateway base URL (`<gatewayUrl>/ipfs/<cid>`). */
  readonly gatewayUrl: string;
  readonly repoPath: string;
  /** Everything the daemon printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Origins allowed by the RPC API's CORS headers (the app's origin in browser tests). */
  readonly corsOrigins?: readonly string[];
  /** How long to wait for the API to answer (a loaded 2-core machine needs far more than the usual 4–9 s). */
  readonly readyTimeoutMs?: number;
}

/** Install the node if needed (idempotent, see setup.sh). Takes minutes on the first run. */
export async function ensureIpfsNodeInstalled(): Promise<void> {
  await run('bash', [join(here, 'setup.sh')], { timeout: 15 * 60_000, maxBuffer: 16 << 20 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Ports { readonly api: number; readonly gateway: number; readonly grpc: number }

async function configure(repoPath: string, ports: Ports, corsOrigins: readonly string[]): Promise<void> {
  const path = join(repoPath, 'config');
  const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, any>;
  // js-ipfs also serves gRPC (`Addresses.RPC`) on a fixed 5003 by default: two daemons would collide there.
  config.Addresses = {
    ...config.Addresses,
    API: `/ip4/127.0.0.1/tcp/${ports.api}`, Gateway: `/ip4/127.0.0.1/tcp/${ports.gateway}`, RPC: `/ip4/127.0.0.1/tcp/${ports.grpc}`,
    Swarm: [], Announce: [], NoAnnounce: [], Delegates: [],
  };
  config.API = { ...config.API, HTTPHeaders: { 'Access-Control-Allow-Origin': [...corsOrigins], 'Access-Control-Allow-Methods': ['POST', 'GET', 'PUT'] } };
  config.Bootstrap = [];
  config.Discovery = { MDNS: { Enabled: false }, webRTCStar: { Enabled: false } };
  await writeFile(path, JSON.stringify(config, null, 2));
}

async function apiAnswers(rpcUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${rpcUrl}/api/v0/version`, { method: 'POST', signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/**
 * Start a daemon; a port taken between choosing it and the daemon binding it (other test files, other
 * engineers' processes) is retried with new ports, up to three times.
 */
export async function startIpfsDaemon(options: StartOptions = {}): Promise<IpfsDaemon> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

async function startOnce(options: StartOptions): Promise<IpfsDaemon> {
  if (!existsSync(jsipfs)) throw new Error(`the IPFS test node is not installed: run bash ${join(here, 'setup.sh')}`);
  const repoPath = await mkdtemp(join(tmpdir(), 'carti-ipfs-'));
  const env = { ...process.env, IPFS_PATH: repoPath };
  await run(jsipfs, ['init', '--profile', 'test'], { env, timeout: 180_000 });
  const ports: Ports = { api: await freePort(), gateway: await freePort(), grpc: await freePort() };
  await configure(repoPath, ports, options.corsOrigins ?? ['*']);
  await rm(join(repoPath, 'repo.lock'), { recursive: true, force: true });
  let output = '';
  const child = spawn(jsipfs, ['daemon', '--offline', '--enable-preload=false'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (data: Buffer) => { output += data.toString(); });
  child.stderr!.on('data', (data: Buffer) => { output += data.toString(); });
  const rpcUrl = `http://127.0.0.1:${ports.api}`;
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child, 'SIGTERM');
    const gracefulMs = 15_000;
    const timedOut = await Promise.race([exited(child).then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), gracefulMs).unref())]);
    if (timedOut) {
      killGroup(child, 'SIGKILL');
      await exited(child);
    }
    await rm(repoPath, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (!(await apiAnswers(rpcUrl))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the js-ipfs daemon did not start (${child.exitCode !== null ? `exit ${child.exitCode}` : 'no answer'}):\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { rpcUrl, gatewayUrl, repoPath, log: () => output, stop };
}
