import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { idOfBytes } from '../lib/carti/id';
import { serializePackage } from '../lib/carti/package';
import { addFlashDrive, initPackage } from '../lib/carti/package-ops';
import { dragWithMouse, expectNoUncaughtErrors } from './helpers';

/**
 * The composer (issue 4, "Composer") against the production build: the embedded default listing
 * (public/default, built by setup) supplies the bundles; the default machine's package is the expected result.
 */
const DEFAULT_PACKAGE = fileURLToPath(new URL('../public/default/carti-machine-package.json', import.meta.url));

expectNoUncaughtErrors('the compose page');

const paletteItem = (page: Page, name: string) => page.getByRole('list', { name: 'Bundle palette' }).locator(`[aria-label^="${name}"]`);
const slot = (page: Page, id: string) => page.locator(`[data-slot="${id}"]`);
const packagePreview = (page: Page) => page.getByRole('tabpanel', { name: 'Package JSON preview' });
const liveRegion = (page: Page) => page.locator('[id^="DndLiveRegion"]');

async function openComposer(page: Page): Promise<void> {
  await page.goto('/compose');
  await expect(paletteItem(page, 'ram bundle default-linux')).toBeVisible();
}

async function composeDefaultByMouse(page: Page): Promise<void> {
  await dragWithMouse(page, paletteItem(page, 'ram bundle default-linux'), slot(page, 'slot:ram'));
  await expect(page.getByTestId('ram-image')).toContainText('default-linux');
  await dragWithMouse(page, paletteItem(page, 'flashdrive bundle default-rootfs'), slot(page, 'slot:root'));
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs');
}

async function expectDefaultPackage(page: Page): Promise<void> {
  const expected = await readFile(DEFAULT_PACKAGE, 'utf8');
  await expect(packagePreview(page)).toHaveText(expected);
}

test('composing the default machine by dragging with the mouse gives the default package', async ({ page }) => {
  await openComposer(page);
  await composeDefaultByMouse(page);
  await expectDefaultPackage(page);
  // Listings carry no sizes: the drive shows the size a HEAD request found.
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs 12 MiB');
  await expect(page.getByRole('button', { name: 'Boot', exact: true })).toBeEnabled();
});

/** Keyboard only: focus the bundle, space to pick it up, arrows until the slot is announced, space to drop. */
async function dropWithKeyboard(page: Page, item: Locator, slotWords: string): Promise<void> {
  await item.focus();
  await page.keyboard.press('Space');
  await expect(liveRegion(page)).toContainText(/Picked up|is over/);
  for (let i = 0; i < 8; i += 1) {
    if (((await liveRegion(page).textContent()) ?? '').includes(`is over ${slotWords}`)) break;
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(100);
  }
  await expect(liveRegion(page)).toContainText(`is over ${slotWords}`);
  await page.keyboard.press('Space');
}

test('composing the default machine with the keyboard only gives the default package', async ({ page }) => {
  await openComposer(page);
  await dropWithKeyboard(page, paletteItem(page, 'ram bundle default-linux'), 'the RAM slot');
  await expect(page.getByTestId('ram-image')).toContainText('default-linux');
  await dropWithKeyboard(page, paletteItem(page, 'flashdrive bundle default-rootfs'), 'the root drive slot');
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs');
  await expectDefaultPackage(page);
});

test('a wrong drop explains why it was refused', async ({ page }) => {
  await openComposer(page);
  await dragWithMouse(page, paletteItem(page, 'flashdrive bundle default-rootfs'), slot(page, 'slot:ram'));
  await expect(page.getByTestId('compose-message')).toContainText('Cannot drop default-rootfs on the RAM slot: a flashdrive bundle cannot be the RAM image');
  await expect(page.getByTestId('ram-image')).toContainText('Drop a ram (kernel) bundle here');
});

test('Boot is disabled with the reason while the machine has no root drive', async ({ page }) => {
  await openComposer(page);
  await dragWithMouse(page, paletteItem(page, 'ram bundle default-linux'), slot(page, 'slot:ram'));
  await expect(page.getByRole('button', { name: 'Boot', exact: true })).toBeDisabled();
  await expect(page.locator('#boot-blocker')).toContainText('no drive is labelled "root"');
});

test('a reload keeps the draft', async ({ page }) => {
  await openComposer(page);
  await composeDefaultByMouse(page);
  await page.reload();
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs');
  await expectDefaultPackage(page);
});

test('undo and redo step through the edits, with buttons and shortcuts', async ({ page }) => {
  await openComposer(page);
  await composeDefaultByMouse(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(slot(page, 'slot:root')).toBeVisible();
  await expect(page.getByTestId('ram-image')).toContainText('default-linux');
  await page.locator('body').press('Control+z');
  await expect(page.getByTestId('ram-image')).toContainText('Drop a ram (kernel) bundle here');
  await page.locator('body').press('Control+Shift+z');
  await expect(page.getByTestId('ram-image')).toContainText('default-linux');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expectDefaultPackage(page);
});

test('a share link reproduces the package in a new browser context', async ({ page, browser }) => {
  await openComposer(page);
  await composeDefaultByMouse(page);
  await page.getByRole('button', { name: 'Make share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/\/compose#pkg=[A-Za-z0-9_-]+$/);

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto('/compose');
  await second.getByRole('button', { name: 'Start from the default machine' }).click();
  await second.getByRole('button', { name: 'New' }).click();
  await second.getByLabel('Empty drive label').fill('scratch');
  await second.getByRole('button', { name: 'Add empty drive' }).click();
  await expect(second.getByRole('listitem', { name: 'Drive 0: scratch' })).toBeVisible();
  await second.goto(link);
  await expect(second.getByRole('dialog')).toContainText('Replace the current draft with the shared package?');
  await second.getByRole('button', { name: 'Replace draft' }).click();
  await expectDefaultPackage(second);
  await other.close();
});

test('exports show the package as JSON config, command line and the Lua explanation', async ({ page }) => {
  await openComposer(page);
  await composeDefaultByMouse(page);
  await page.getByRole('tab', { name: 'v0.21 JSON config' }).click();
  const json = page.getByRole('tabpanel', { name: 'v0.21 JSON config preview' });
  await expect(json).toContainText('"bootargs": "quiet earlycon=sbi console=hvc0 uio_pdrv_genirq.of_id=generic-uio root=/dev/pmem0 rw init=/usr/sbin/cartesi-init"');
  await expect(json).toContainText('"start": 2281701376');
  await page.getByRole('tab', { name: 'Command line' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Command line preview' })).toHaveText(
    /^cartesi-machine --ram-image=\/opt\/carti\/packages\/baenrwi[a-z0-9]+\/linux\.bin --flash-drive=label:root,data_filename:\/opt\/carti\/packages\/baenrwi[a-z0-9]+\/rootfs\.ext2,start:0x88000000,length:0xc00000,truncate --no-init-splash$/,
  );
  await page.getByRole('tab', { name: 'Lua (carti)' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Lua (carti) preview' })).toContainText('the Lua config is the ROM-era format and needs a rom');
});

test('the generated bootargs and init follow the drives live', async ({ page }) => {
  await openComposer(page);
  await composeDefaultByMouse(page);
  await page.getByLabel('Empty drive label').fill('output');
  await page.getByRole('button', { name: 'Add empty drive' }).click();
  await expect(page.getByRole('region', { name: 'Entrypoint and boot' }).getByLabel('Generated init')).toContainText('/mnt/output');
  await expect(page.getByLabel('Generated bootargs')).toContainText('root=/dev/pmem0');
  await page.getByLabel('Entrypoint (run as user dapp; empty: a login shell)').fill('cat /mnt/output/result');
  await page.getByLabel('Generated bootargs').click();
  await expect(packagePreview(page)).toContainText('"args": "cat /mnt/output/result"');
});

test('importing a package by URL replaces the draft after confirmation', async ({ page, baseURL }) => {
  await openComposer(page);
  await dragWithMouse(page, paletteItem(page, 'ram bundle default-linux'), slot(page, 'slot:ram'));
  await page.getByLabel('Package URL or GitHub repository').fill(`${baseURL}/default/carti-machine-package.json`);
  await page.getByRole('button', { name: 'Import URL' }).click();
  await expect(page.getByRole('dialog')).toContainText('Replace the current draft');
  await page.getByRole('button', { name: 'Replace draft' }).click();
  await expectDefaultPackage(page);
});

test('a ROM-era package file is converted after the user confirms, with every change listed', async ({ page }) => {
  const [rom, kernel, root, data] = await Promise.all(['rom', 'old kernel', 'old root', 'data'].map((text) => idOfBytes(text)));
  const ref = (id: string, name: string, fileName: string) => ({ bundle: { id, name, fileName } });
  let legacy = initPackage({ legacy: true, defaults: { rom: ref(rom!, 'default-rom', 'rom.bin'), ram: ref(kernel!, 'default-ram', 'linux-5.5.19-ctsi-2.bin'), root: ref(root!, 'default-root', 'rootfs.ext2') }, args: 'ls /mnt' });
  legacy = addFlashDrive(legacy, { label: 'Input_Data', bundle: ref(data!, 'input', 'input.bin'), length: 0x1000n });

  await openComposer(page);
  await page.getByLabel('carti-machine-package.json file').setInputFiles({ name: 'legacy.json', mimeType: 'application/json', buffer: Buffer.from(serializePackage(legacy)) });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Convert this ROM-era package to v0.21?');
  const changes = dialog.getByRole('list', { name: 'Conversion changes' });
  await expect(changes).toContainText(`ROM ${rom} dropped`);
  await expect(changes).toContainText('replaced by default-linux');
  await expect(changes).toContainText('drive label "Input_Data" renamed to "input-data"');
  await page.getByRole('button', { name: 'Convert' }).click();

  await expect(page.getByTestId('ram-image')).toContainText('default-linux');
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs');
  await expect(page.getByRole('listitem', { name: 'Drive 1: input-data' })).toBeVisible();
  await expect(packagePreview(page)).toContainText('"conversion"');
  await expect(packagePreview(page)).not.toContainText('"rom"');
});

test('Boot from the composer boots the composed machine to a shell prompt', async ({ page }) => {
  // Booting Linux in the emulator takes a while on a shared 2-core machine.
  test.setTimeout(300_000);
  await openComposer(page);
  await composeDefaultByMouse(page);
  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  const terminal = page.getByTestId('terminal');
  await expect(terminal).toContainText('dapp@carti:~ $', { timeout: 240_000 });
  await terminal.click();
  await page.keyboard.type('echo hello; uname -m\n');
  await expect(terminal).toContainText('riscv64', { timeout: 60_000 });
  await expect(terminal).toContainText(/hello\s*riscv64/);
  await page.getByRole('button', { name: 'Stop' }).click();
});
