import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { parsePackageText } from '../lib/carti/package';
import { packageBootPlan } from '../components/run/boot-plan';
import { createMachineFromConfig } from '../emulator-wasm/src/boot.node.ts';
import { expectNoConsoleErrors } from './helpers';

// Booting Linux in an emulator takes a while on a shared 2-core machine.
const BOOT_MS = 240_000;
const DEFAULT_DIR = fileURLToPath(new URL('../public/default/', import.meta.url));

expectNoConsoleErrors('the run page');

function terminal(page: Page) {
  return page.getByTestId('terminal');
}

function status(page: Page) {
  return page.getByTestId('run-status');
}

async function bootToShell(page: Page): Promise<void> {
  await page.goto('/run');
  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  // The default machine's login shell prompt: dapp@carti:~ $ (guest/rootfs/files/etc/profile).
  await expect(terminal(page)).toContainText('dapp@carti:~ $', { timeout: BOOT_MS });
}

test('Boot gives a shell prompt and a typed command runs in the guest', async ({ page }) => {
  test.setTimeout(BOOT_MS + 60_000);
  await bootToShell(page);
  await terminal(page).click();
  await page.keyboard.type('echo hello; uname -m\n');
  await expect(terminal(page)).toContainText('riscv64', { timeout: 60_000 });
  // "hello" on a line of its own, not only the echoed command line.
  // The screen-reader rows follow the screen a little later than the visible rows.
  await expect.poll(async () => {
    const text = await page.locator('.xterm-accessibility-tree').innerText();
    return text.split('\n').map((line) => line.trim());
  }).toContain('hello');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
});

test('Stop ends a running machine and Boot is offered again', async ({ page }) => {
  test.setTimeout(BOOT_MS + 60_000);
  await bootToShell(page);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Stopped');
  await expect(page.getByRole('button', { name: 'Boot', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
});

test('a reproducible run gives the same console text and final mcycle as the Node emulator', async ({ page }) => {
  test.setTimeout(2 * BOOT_MS);
  const pkg = parsePackageText(await readFile(`${DEFAULT_DIR}carti-machine-package.json`, 'utf8')).value!;
  const plan = packageBootPlan(pkg, { interactive: false, entrypoint: 'echo same' });
  const { machine } = await createMachineFromConfig(plan.config, DEFAULT_DIR);
  const nodeChunks: Uint8Array[] = [];
  const result = machine.run((1n << 64n) - 1n, (bytes) => nodeChunks.push(bytes.slice()));
  expect(result).toEqual({ kind: 'halted', exitCode: 0 });
  const nodeText = new TextDecoder().decode(Buffer.concat(nodeChunks));
  expect(nodeText).toContain('same');

  await page.goto('/run');
  await page.getByLabel('Interactive console').uncheck();
  await page.getByLabel('Entrypoint (empty: login shell)').fill('echo same');
  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Halted with exit code 0', { timeout: BOOT_MS });
  await expect(page.getByTestId('run-mcycle')).toHaveText(machine.mcycle.toString());
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save console log' }).click();
  const download = await downloading;
  const browserText = await readFile(await download.path(), 'utf8');
  expect(browserText).toBe(nodeText);
});

test('Reset reboots the machine with a fresh console', async ({ page }) => {
  test.setTimeout(2 * BOOT_MS);
  await bootToShell(page);
  await terminal(page).click();
  await page.keyboard.type('echo before-$((1+1))\n');
  await expect(terminal(page)).toContainText('before-2', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(terminal(page)).not.toContainText('before-2', { timeout: 30_000 });
  await expect(terminal(page)).toContainText('dapp@carti:~ $', { timeout: BOOT_MS });
});

test('after a run halts, a drive can be downloaded with its whole contents', async ({ page }) => {
  test.setTimeout(BOOT_MS + 60_000);
  await page.goto('/run');
  await page.getByLabel('Interactive console').uncheck();
  await page.getByLabel('Entrypoint (empty: login shell)').fill('true');
  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Halted with exit code 0', { timeout: BOOT_MS });
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download drive root' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('root.img');
  const bytes = await readFile(await download.path());
  const pkg = parsePackageText(await readFile(`${DEFAULT_DIR}carti-machine-package.json`, 'utf8')).value!;
  expect(BigInt(bytes.length)).toBe(pkg.machineConfig.flash_drive[0].length);
  expect(bytes.readUInt16LE(1024 + 56)).toBe(0xef53); // the ext2 superblock magic of the root file system
});

test('without cross-origin isolation the console falls back to messages and still works', async ({ page }) => {
  test.setTimeout(BOOT_MS + 60_000);
  // Serve the page without COOP/COEP, as a static host that cannot set headers would (spec §4.2).
  await page.route('**/run', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await bootToShell(page);
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('run-status')).toContainText('console over messages');
  await terminal(page).click();
  await page.keyboard.type('echo fallback-$((2*21))\n');
  await expect(terminal(page)).toContainText('fallback-42', { timeout: 60_000 });
});

test('a large paste reaches the guest intact through the console input ring', async ({ page }) => {
  test.setTimeout(BOOT_MS + 120_000);
  await bootToShell(page);
  await terminal(page).click();
  await page.keyboard.type('cat > /tmp/paste\n');
  const lines = Array.from({ length: 1500 }, (_, i) => `line-${String(i).padStart(4, '0')}`);
  // One paste of about 15 KB (a real paste event, as Ctrl+V gives): more than the guest's 4 KiB input
  // buffer, so it must go through the ring in pieces.
  await page.locator('.xterm-helper-textarea').evaluate((textarea, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, `${lines.join('\n')}\n`);
  await page.keyboard.press('Control+D');
  await page.keyboard.type('echo count=$(wc -l < /tmp/paste) last=$(tail -n 1 /tmp/paste)\n');
  await expect(terminal(page)).toContainText('count=1500 last=line-1499', { timeout: 120_000 });
});

test('a tampered asset is refused before boot, with the id mismatch shown', async ({ page }) => {
  const pkg = parsePackageText(await readFile(`${DEFAULT_DIR}carti-machine-package.json`, 'utf8')).value!;
  const kernel = await readFile(`${DEFAULT_DIR}linux.bin`);
  kernel[4096] ^= 0xff;
  await page.route('**/default/linux.bin', (route) => route.fulfill({ body: kernel, contentType: 'application/octet-stream' }));
  await page.goto('/run');
  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Error');
  const failed = page.locator('[data-testid="boot-asset"][data-phase="failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(`expected ${pkg.machineConfig.ram.cid}`);
  await expect(page.getByTestId('run-error')).toContainText('it was not kept');
  await expect(terminal(page)).not.toContainText('Linux');
});

test('verified assets stay in the browser store: a boot after a reload downloads nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const pkg = parsePackageText(await readFile(`${DEFAULT_DIR}carti-machine-package.json`, 'utf8')).value!;
  const assetRequests: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (pkg.assets.some((asset) => path === `/default/${asset.fileName}`)) assetRequests.push(path);
  });
  const assets = page.getByTestId('boot-asset');
  const bootAndStop = async (phase: 'verified' | 'cached') => {
    await page.getByRole('button', { name: 'Boot', exact: true }).click();
    await expect(assets).toHaveCount(pkg.assets.length);
    for (const row of await assets.all()) await expect(row).toHaveAttribute('data-phase', phase, { timeout: 60_000 });
    await expect(status(page)).toHaveAttribute('data-phase', /running|waiting-input/, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByTestId('run-state')).toHaveText('Stopped');
  };

  await page.goto('/run');
  await bootAndStop('verified');
  expect(assetRequests.length).toBeGreaterThanOrEqual(pkg.assets.length);

  await page.reload();
  assetRequests.length = 0;
  await bootAndStop('cached');
  expect(assetRequests).toEqual([]);
  await expect(assets.first()).toContainText('verified earlier (not downloaded again)');
});
