import { expect, test, type Locator, type Page } from '@playwright/test';
import { idOfBytes } from '../lib/carti/id';
import { FileTree, writeExt2ToBytes } from '../lib/ext2/index';
import { dragWithMouse, expectNoConsoleErrors } from './helpers';

/**
 * Drives in the composer beyond the default machine (issue 4): an own file added to the browser store boots
 * as a drive, a drive can be made read-only, and bundles arrive from the browse table by native drag and drop
 * (from another tab or window) or by "Add to machine" on a bundle's page.
 */
expectNoConsoleErrors('composer drives');

const paletteItem = (page: Page, name: string) => page.getByRole('list', { name: 'Bundle palette' }).locator(`[aria-label^="${name}"]`);
const slot = (page: Page, id: string) => page.locator(`[data-slot="${id}"]`);
const packagePreview = (page: Page) => page.getByRole('tabpanel', { name: 'Package JSON preview' });

async function startFromDefault(page: Page): Promise<void> {
  await page.goto('/compose');
  await expect(paletteItem(page, 'ram bundle default-linux')).toBeVisible();
  // Each test has a fresh browser context, so the draft is empty and nothing asks to confirm the replacement.
  await page.getByRole('button', { name: 'Start from the default machine' }).click();
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs');
}

/** An ext2 image written by lib/ext2 here, so the test owns the bytes the guest will read. */
async function ownImage(text: string): Promise<Buffer> {
  const tree = new FileTree();
  tree.addFile('/hello.txt', new TextEncoder().encode(text), { mode: 0o644 });
  return Buffer.from(await writeExt2ToBytes(tree));
}

test('an own file becomes a bundle and boots as a read-only drive', async ({ page }) => {
  // Booting Linux in the emulator takes a while on a shared 2-core machine.
  test.setTimeout(300_000);
  const bytes = await ownImage('hello from my own drive\n');
  const id = await idOfBytes(bytes);
  await page.goto('/store');
  const form = page.getByRole('region', { name: 'Add your own file as a bundle' });
  await form.getByLabel('File', { exact: true }).setInputFiles({ name: 'mine.ext2', mimeType: 'application/octet-stream', buffer: bytes });
  await form.getByLabel('Type').selectOption('flashdrive');
  await form.getByLabel('Name', { exact: true }).fill('mine');
  await form.getByLabel('Version').fill('1.0.0');
  await form.getByRole('button', { name: 'Add to store' }).click();
  await expect(form.getByTestId('added-id')).toHaveText(id);

  await startFromDefault(page);
  await dragWithMouse(page, paletteItem(page, 'flashdrive bundle mine'), slot(page, 'slot:drive'));
  const drive = page.getByRole('listitem', { name: 'Drive 1: mine' });
  await expect(drive).toContainText('mine');
  await drive.getByLabel('Read-only').check();
  await expect(packagePreview(page)).toContainText('"readOnlyDrives": [\n        "mine"\n      ]');
  await expect(page.getByLabel('Generated init')).toContainText('busybox mount -o ro "$dev" "/mnt/mine"');
  const entrypoint = page.getByRole('textbox', { name: /^Entrypoint/ });
  await entrypoint.fill("cat /mnt/mine/hello.txt; grep ' /mnt/mine ' /proc/mounts");
  await entrypoint.blur();

  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  const terminal = page.getByTestId('terminal');
  await expect(terminal).toContainText('hello from my own drive', { timeout: 240_000 });
  await expect(terminal).toContainText(/\/mnt\/mine ext2 ro,/);
  await expect(page.getByTestId('run-status')).toContainText(/halted/i, { timeout: 60_000 });
});

test('a read-only root turns rw into ro in the generated bootargs, and back', async ({ page }) => {
  await startFromDefault(page);
  const bootargs = page.getByLabel('Generated bootargs');
  await expect(bootargs).toContainText(' rw ');
  const root = page.getByRole('listitem', { name: 'Drive 0: root' });
  await root.getByLabel('Read-only').check();
  await expect(bootargs).toContainText(' ro ');
  await expect(bootargs).not.toContainText(' rw ');
  await root.getByLabel('Read-only').uncheck();
  await expect(bootargs).toContainText(' rw ');
  await expect(packagePreview(page)).not.toContainText('readOnlyDrives');
});

/** The bundle record a browse row puts on a native drag, read from a real dragstart in Chromium. */
async function dragDataOfRow(page: Page, name: string): Promise<Record<string, string>> {
  const row = page.getByTestId('bundle-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  const transfer = await page.evaluateHandle(() => new DataTransfer());
  await row.dispatchEvent('dragstart', { dataTransfer: transfer });
  return transfer.evaluate((t) => Object.fromEntries(t.types.map((type) => [type, t.getData(type)])));
}

/** A native drop of that data on a composer slot, as when the row is dragged into another window. */
async function dropData(page: Page, target: Locator, data: Record<string, string>): Promise<void> {
  const transfer = await page.evaluateHandle((entries) => {
    const t = new DataTransfer();
    for (const [type, value] of Object.entries(entries)) t.setData(type, value);
    return t;
  }, data);
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

test('a browse row dragged into a composer window lands in the slot, and a wrong slot is refused', async ({ page, context }) => {
  await page.goto('/');
  const rootfs = await dragDataOfRow(page, 'default-rootfs');
  const kernel = await dragDataOfRow(page, 'default-linux');
  expect(Object.keys(rootfs)).toContain('application/x-carti-bundle+json');

  const composer = await context.newPage();
  await composer.goto('/compose');
  await composer.getByRole('button', { name: 'New' }).click();
  await dropData(composer, slot(composer, 'slot:ram'), rootfs);
  await expect(composer.getByTestId('compose-message')).toContainText('Cannot drop default-rootfs on the RAM slot: a flashdrive bundle cannot be the RAM image');
  await dropData(composer, slot(composer, 'slot:ram'), kernel);
  await expect(composer.getByTestId('ram-image')).toContainText('default-linux');
  await dropData(composer, slot(composer, 'slot:root'), rootfs);
  await expect(composer.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs');
  await dropData(composer, slot(composer, 'slot:drive'), { 'application/x-carti-bundle+json': '{"name": 1}' });
  await expect(composer.getByTestId('compose-message')).toContainText('The dragged item is not a bundle');
  await composer.close();
});

test('Add to machine on a bundle page puts it in the composer draft', async ({ page }) => {
  await page.goto('/compose');
  await page.getByRole('button', { name: 'New' }).click();
  for (const name of ['default-linux', 'default-rootfs']) {
    await page.goto('/');
    await page.getByTestId('bundle-row').filter({ hasText: name }).getByRole('link', { name }).click();
    await page.getByRole('button', { name: 'Add to machine' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added to' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Open the composer' }).click();
  await expect(page.getByTestId('ram-image')).toContainText('default-linux');
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs');
  await expect(page.getByRole('button', { name: 'Boot', exact: true })).toBeEnabled();
});
