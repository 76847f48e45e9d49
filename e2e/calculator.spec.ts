// The calculator example of the embedded listing (issue 4): booted in the browser without console input
// (reproducible mode), it prints the answer, leaves it in its output drive, and gives the same console text
// and final mcycle as the same package run by the Node CLI's code path.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { packageToRunConfig } from '../bin/commands/run-package.ts';
import { createMachineFromConfig } from '../emulator-wasm/src/boot.node.ts';
import { parseListingText } from '../lib/carti/listing';
import { DiskStore } from '../lib/store/disk-store.node.ts';
import { expectNoConsoleErrors } from './helpers';

// Booting Linux in an emulator takes a while on a shared 2-core machine.
const BOOT_MS = 240_000;
const DEFAULT_DIR = fileURLToPath(new URL('../public/default/', import.meta.url));
const CALCULATOR_PACKAGE = 'calculator-machine-package.json';
/** scripts/default-package.ts: the expression on the input drive and what the guest prints for it. */
const EXPECTED_LINE = '(6*7)+(100/4)-1 = 66';

expectNoConsoleErrors('the run page');

/** Opens the calculator, boots it without console input and waits for it to halt. */
async function runCalculator(page: Page): Promise<void> {
  await page.goto(`/run?package=/default/${CALCULATOR_PACKAGE}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Run ${CALCULATOR_PACKAGE}`);
  await page.getByLabel('Interactive console').uncheck();
  const boot = page.getByRole('button', { name: 'Boot', exact: true });
  await expect(boot).toBeEnabled();
  await boot.click();
  await expect(page.getByTestId('run-state')).toHaveText('Halted with exit code 0', { timeout: BOOT_MS });
}

/** The bytes of a download the page starts with `click`. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const downloading = page.waitForEvent('download');
  await click();
  const download = await downloading;
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** The Node run of the same package, as `carti-studio run --package` does, assets installed in a store. */
async function runInNode(): Promise<{ text: string; mcycle: bigint; output: Uint8Array; exit: unknown }> {
  const dir = await mkdtemp(join(tmpdir(), 'carti-calc-e2e-'));
  const store = new DiskStore(join(dir, 'carti_bundles'), 'local');
  const listing = parseListingText(await readFile(join(DEFAULT_DIR, 'bundles.json'), 'utf8'), 'bundles.json').value;
  const pkg = JSON.parse(await readFile(join(DEFAULT_DIR, CALCULATOR_PACKAGE), 'utf8')) as { assets: { cid: string }[] };
  for (const asset of pkg.assets) {
    const bundle = listing.bundles.find((entry) => entry.id === asset.cid);
    if (!bundle) throw new Error(`the embedded listing has no record of ${asset.cid}`);
    await store.installFromPath(bundle, join(DEFAULT_DIR, bundle.fileName));
  }
  const config = await packageToRunConfig(join(DEFAULT_DIR, CALCULATOR_PACKAGE), [store], dir);
  const { machine, config: resolved } = await createMachineFromConfig(config, DEFAULT_DIR);
  const chunks: Uint8Array[] = [];
  const exit = machine.run((1n << 64n) - 1n, (bytes) => chunks.push(bytes.slice()));
  const outputIndex = resolved.flash_drive.findIndex((drive) => drive.label === 'output');
  return {
    text: new TextDecoder().decode(Buffer.concat(chunks)),
    mcycle: machine.mcycle,
    output: machine.driveContents(outputIndex).slice(),
    exit,
  };
}

test('the calculator prints its answer and leaves it at the start of its output drive', async ({ page }) => {
  test.setTimeout(BOOT_MS + 60_000);
  await runCalculator(page);
  await expect(page.getByTestId('terminal')).toContainText('= 66');
  const drive = await downloaded(page, () => page.getByRole('button', { name: 'Download drive output' }).click());
  expect(drive.name).toBe('output.img');
  expect(drive.bytes.length).toBe(2 << 20);
  expect(drive.bytes.subarray(0, 3).toString('latin1')).toBe('66\n');
});

test('the calculator gives the same console text and final mcycle in the browser as in Node', async ({ page }) => {
  test.setTimeout(2 * BOOT_MS);
  const node = await runInNode();
  expect(node.exit).toEqual({ kind: 'halted', exitCode: 0 });
  expect(node.text).toContain(EXPECTED_LINE);
  expect(Buffer.from(node.output.subarray(0, 3)).toString('latin1')).toBe('66\n');

  await runCalculator(page);
  await expect(page.getByTestId('run-final-mcycle')).toHaveText(node.mcycle.toString());
  const log = await downloaded(page, () => page.getByRole('button', { name: 'Save console log' }).click());
  expect(log.bytes.toString('utf8')).toBe(node.text);
  const drive = await downloaded(page, () => page.getByRole('button', { name: 'Download drive output' }).click());
  expect(Buffer.compare(drive.bytes, Buffer.from(node.output))).toBe(0);
});

test('the run page links to the calculator example', async ({ page }) => {
  await page.goto('/run');
  await page.getByRole('navigation', { name: 'Example machines' }).getByRole('link', { name: /Calculator/ }).click();
  await expect(page).toHaveURL(/\/run\?package=%2Fdefault%2Fcalculator-machine-package\.json$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Run ${CALCULATOR_PACKAGE}`);
  // The package's own entrypoint is what Boot runs, shown in the field.
  await expect(page.getByLabel('Entrypoint (empty: login shell)')).toHaveValue(/flashdrive input/);
});

test('a package on another origin is refused with the reason', async ({ page }) => {
  await page.goto('/run?package=https://example.com/carti-machine-package.json');
  // Filtered: Next's route announcer is an (empty) alert too.
  const refusal = page.getByRole('alert').filter({ hasText: 'refused' });
  await expect(refusal).toHaveText('?package=https://example.com/carti-machine-package.json refused: only paths on this site are accepted (such as /default/carti-machine-package.json), not another origin');
  await expect(page.getByRole('button', { name: 'Boot', exact: true })).toHaveCount(0);
});
