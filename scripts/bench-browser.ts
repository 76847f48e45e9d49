/**
 * `npm run bench:browser` (issue 4 benchmark): in headless Debian Chromium against `next start` (production
 * build: run `npx next build` first), measures
 *   - Boot → shell prompt, cold (fresh browser profile: assets fetched and verified from the local server)
 *     and warm (a new run view in the same page, whose verified assets are kept: nothing is downloaded);
 *   - guest MIPS of the same compute-bound, reproducible guest command in the browser and in Node.
 * Prints figures; never fails on time. Env: BENCH_URL (use a running server), BENCH_PORT (default 3107),
 * BENCH_LOOPS (guest loop iterations, default 30000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { parsePackageText } from '../lib/carti/package';
import { packageBootPlan } from '../components/run/boot-plan';
import { createMachineFromConfig } from '../emulator-wasm/src/boot.node.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_DIR = `${ROOT}public/default/`;
const PROMPT = 'dapp@carti:~ $';
const TIMEOUT_MS = 600_000;
const LOOPS = Number(process.env.BENCH_LOOPS ?? 30_000);
const COMMAND = `i=0; while [ $i -lt ${LOOPS} ]; do i=$((i+1)); done; echo done $i`;

async function startServer(port: number): Promise<ChildProcess> {
  const server = spawn(`${ROOT}node_modules/.bin/next`, ['start', '-p', String(port)], { cwd: ROOT, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill();
  throw new Error(`next start did not answer on ${url} within 60 s (did you run npx next build?)`);
}

async function bootToPrompt(page: Page): Promise<number> {
  const started = performance.now();
  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  await page.getByTestId('terminal').filter({ hasText: PROMPT }).waitFor({ timeout: TIMEOUT_MS });
  return performance.now() - started;
}

async function stop(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.locator('[data-testid="run-status"][data-phase="stopped"]').waitFor({ timeout: 30_000 });
}

async function browserMips(page: Page): Promise<{ mcycle: bigint; ms: number }> {
  await page.getByLabel('Interactive console').uncheck();
  await page.getByLabel('Entrypoint (empty: login shell)').fill(COMMAND);
  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  const halted = page.locator('[data-testid="run-status"][data-phase="halted"]');
  await halted.waitFor({ timeout: TIMEOUT_MS });
  const mcycle = BigInt(await page.getByTestId('run-mcycle').innerText());
  const ms = Number(await halted.getAttribute('data-elapsed-ms'));
  return { mcycle, ms };
}

async function nodeMips(): Promise<{ mcycle: bigint; ms: number }> {
  const pkg = parsePackageText(await readFile(`${DEFAULT_DIR}carti-machine-package.json`, 'utf8')).value;
  if (!pkg) throw new Error(`${DEFAULT_DIR}carti-machine-package.json is missing: run npm run setup`);
  const plan = packageBootPlan(pkg, { interactive: false, entrypoint: COMMAND });
  const { machine } = await createMachineFromConfig(plan.config, DEFAULT_DIR);
  const started = performance.now();
  machine.run((1n << 64n) - 1n, () => {});
  return { mcycle: machine.mcycle, ms: performance.now() - started };
}

function mips(run: { mcycle: bigint; ms: number }): number {
  return Number(run.mcycle) / run.ms / 1000;
}

async function main(): Promise<void> {
  const port = Number(process.env.BENCH_PORT ?? 3107);
  const server = process.env.BENCH_URL ? undefined : await startServer(port);
  const baseURL = process.env.BENCH_URL ?? `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto('/run');
    const coldMs = await bootToPrompt(page);
    await stop(page);
    // Warm: a new run view (empty terminal, new worker) in the same page, whose verified assets are kept
    // for the page's lifetime: leave and come back through the app's own links (no reload).
    await page.getByRole('link', { name: 'Browse' }).click();
    await page.getByRole('link', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Boot', exact: true }).and(page.locator(':enabled')).waitFor();
    const warmMs = await bootToPrompt(page);
    await stop(page);
    const browserRun = await browserMips(page);
    const nodeRun = await nodeMips();
    console.log(`Boot → shell prompt, cold (fetch + verify + boot): ${(coldMs / 1000).toFixed(2)} s   (goal < 3 s)`);
    console.log(`Boot → shell prompt, warm (assets verified in the page): ${(warmMs / 1000).toFixed(2)} s   (goal < 1.5 s)`);
    console.log(`Guest command: ${COMMAND}`);
    console.log(`  browser: ${browserRun.mcycle} cycles in ${(browserRun.ms / 1000).toFixed(2)} s = ${mips(browserRun).toFixed(1)} MIPS`);
    console.log(`  node:    ${nodeRun.mcycle} cycles in ${(nodeRun.ms / 1000).toFixed(2)} s = ${mips(nodeRun).toFixed(1)} MIPS`);
    console.log(`  browser / node: ${((100 * mips(browserRun)) / mips(nodeRun)).toFixed(0)}%   (goal ≥ 80%)`);
    if (browserRun.mcycle !== nodeRun.mcycle) console.log(`  note: final mcycle differs (browser ${browserRun.mcycle}, node ${nodeRun.mcycle})`);
  } finally {
    await browser.close();
    server?.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
