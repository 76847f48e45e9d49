import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { idOfBytes } from '../lib/carti/id';
import { parseListingText } from '../lib/carti/listing';
import { patternBytes as pattern } from './fixtures';


const form = (page: Page) => page.getByRole('region', { name: 'Add your own file as a bundle' });
const storedRow = (page: Page, id: string) => page.locator(`[data-testid="stored-row"][data-id="${id}"]`);

async function addFile(page: Page, options: { name: string; bytes: Buffer; fileName?: string; expectedId?: string; bundleType?: string }) {
  const area = form(page);
  await area.getByLabel('File', { exact: true }).setInputFiles({ name: options.fileName ?? `${options.name}.bin`, mimeType: 'application/octet-stream', buffer: options.bytes });
  await area.getByLabel('Type').selectOption(options.bundleType ?? 'flashdrive');
  await area.getByLabel('Name', { exact: true }).fill(options.name);
  await area.getByLabel('Version').fill('0.1.0');
  if (options.expectedId) await area.getByLabel('Expected id (optional)').fill(options.expectedId);
  await area.getByRole('button', { name: 'Add to store' }).click();
}

/** Names of the files in the store's OPFS directory, read in the page. */
function opfsFileNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const directory = await root.getDirectoryHandle('carti-bundles', { create: true });
    const names: string[] = [];
    for await (const name of (directory as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names;
  });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/store');
  await expect(page.getByTestId('store-empty')).toHaveText('Nothing is stored in this browser yet.');
});

test('an added file gets the id lib/carti computes for the same bytes', async ({ page }) => {
  const bytes = pattern(300_000, 11);
  await addFile(page, { name: 'own-drive', bytes });
  await expect(form(page).getByTestId('added-id')).toHaveText(await idOfBytes(bytes));
});

test('a large file shows the progress of its id computation', async ({ page }) => {
  const bytes = pattern(24 << 20, 22);
  await form(page).getByLabel('File', { exact: true }).setInputFiles({ name: 'large.img', mimeType: 'application/octet-stream', buffer: bytes });
  // Record every value the progress bar shows, from the click until the id appears.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Computing id and storing"]');
      const text = bar?.getAttribute('aria-valuetext');
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await form(page).getByRole('button', { name: 'Add to store' }).click();
  await expect(form(page).getByTestId('added-id')).toHaveText(await idOfBytes(bytes), { timeout: 30_000 });
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.length).toBeGreaterThan(1);
  expect(seen.every((text) => text.includes(' of 24.0 MiB ('))).toBe(true);
  expect(seen.some((text) => /\((?:[1-9]|[1-9]\d)%\)$/.test(text))).toBe(true);
});

test('an added file survives a reload and is listed with its size', async ({ page }) => {
  const bytes = pattern(200_000, 12);
  const id = await idOfBytes(bytes);
  await addFile(page, { name: 'kept-drive', bytes });
  await expect(form(page).getByTestId('added-id')).toHaveText(id);
  await page.reload();
  const row = storedRow(page, id);
  await expect(row).toContainText('kept-drive');
  await expect(row.getByTestId('stored-size')).toHaveAttribute('title', '200000 bytes');
  await expect(page.getByTestId('stored-total')).toHaveText('195.3 KiB');
});

test('the file is kept in OPFS under its id, with no temporary file left', async ({ page }) => {
  const bytes = pattern(50_000, 13);
  const id = await idOfBytes(bytes);
  await addFile(page, { name: 'opfs-drive', bytes });
  await expect(form(page).getByTestId('added-id')).toHaveText(id);
  expect(await opfsFileNames(page)).toEqual([id]);
});

test('adding the same bytes again keeps one file and the newer record', async ({ page }) => {
  const bytes = pattern(30_000, 23);
  const id = await idOfBytes(bytes);
  await addFile(page, { name: 'first-name', bytes });
  await expect(form(page).getByTestId('added-id')).toHaveText(id);
  await addFile(page, { name: 'second-name', bytes });
  await expect(form(page).getByRole('status').first()).toContainText('second-name');
  await expect(page.getByTestId('stored-row')).toHaveCount(1);
  await expect(storedRow(page, id)).toContainText('second-name');
  expect(await opfsFileNames(page)).toEqual([id]);
});

test('an added file appears in the browse table as a bundle of this browser', async ({ page }) => {
  const bytes = pattern(10_000, 14);
  const id = await idOfBytes(bytes);
  await addFile(page, { name: 'local-kernel', bytes, bundleType: 'ram' });
  await expect(form(page).getByTestId('added-id')).toHaveText(id);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  const row = page.getByTestId('bundle-row').filter({ hasText: 'local-kernel' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(id);
  await row.getByRole('link', { name: 'local-kernel' }).click();
  await expect(page.getByTestId('origins')).toContainText('This browser');
});

test('delete asks for confirmation, then removes the bundle and its file', async ({ page }) => {
  const bytes = pattern(20_000, 15);
  const id = await idOfBytes(bytes);
  await addFile(page, { name: 'doomed', bytes });
  const row = storedRow(page, id);
  await row.getByRole('button', { name: 'Delete doomed' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(row).toHaveCount(0);
  expect(await opfsFileNames(page)).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('store-empty')).toBeVisible();
});

test('bytes that do not match the expected id are refused and nothing is kept', async ({ page }) => {
  const promised = pattern(40_000, 16);
  const tampered = Buffer.from(promised);
  tampered[1000] ^= 0xff;
  const promisedId = await idOfBytes(promised);
  await addFile(page, { name: 'tampered', bytes: tampered, expectedId: promisedId });
  const error = form(page).getByTestId('add-error');
  await expect(error).toHaveAttribute('data-code', 'id-mismatch');
  await expect(error).toContainText(`not ${promisedId}`);
  await expect(error).toContainText(await idOfBytes(tampered));
  expect(await opfsFileNames(page)).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('store-empty')).toBeVisible();
});

test('bytes that match the expected id are stored under it', async ({ page }) => {
  const bytes = pattern(40_000, 17);
  const id = await idOfBytes(bytes);
  await addFile(page, { name: 'listed', bytes, expectedId: id });
  await expect(form(page).getByTestId('added-id')).toHaveText(id);
  await expect(storedRow(page, id)).toBeVisible();
});

test('the listing entry downloads as a bundles.json holding the record', async ({ page }) => {
  const bytes = pattern(5_000, 18);
  await addFile(page, { name: 'shared-drive', bytes, fileName: 'shared.ext2' });
  const downloading = page.waitForEvent('download');
  await form(page).getByRole('button', { name: 'Download bundles.json' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('bundles.json');
  const parsed = parseListingText(await readFile(await download.path(), 'utf8'));
  expect(parsed.errors).toEqual([]);
  expect(parsed.value.bundles).toEqual([{ bundleType: 'flashdrive', name: 'shared-drive', fileName: 'shared.ext2', id: await idOfBytes(bytes), version: '0.1.0' }]);
});

test('the record can be appended to a chosen listing file, after its records', async ({ page }) => {
  const existing = { bundleType: 'ram', name: 'their-kernel', fileName: 'k.bin', id: await idOfBytes('kernel'), version: '6.1.0' };
  const bytes = pattern(6_000, 21);
  await addFile(page, { name: 'appended', bytes, fileName: 'appended.ext2' });
  const downloading = page.waitForEvent('download');
  await form(page).getByLabel('Append to listing file').setInputFiles({ name: 'team-bundles.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ bundles: [existing] })) });
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('team-bundles.json');
  const parsed = parseListingText(await readFile(await download.path(), 'utf8'));
  expect(parsed.value.bundles.map((b) => b.name)).toEqual(['their-kernel', 'appended']);
  expect(parsed.value.bundles[1].id).toBe(await idOfBytes(bytes));
});

test('with the IndexedDB fallback a file is stored, survives a reload and leaves OPFS empty', async ({ page }) => {
  await page.evaluate(() => localStorage.setItem('carti-studio:store-backend', 'indexeddb'));
  await page.reload();
  const bytes = pattern(120_000, 19);
  const id = await idOfBytes(bytes);
  await addFile(page, { name: 'idb-drive', bytes });
  await expect(form(page).getByTestId('added-id')).toHaveText(id);
  await page.reload();
  await expect(storedRow(page, id).getByTestId('stored-size')).toHaveAttribute('title', '120000 bytes');
  expect(await opfsFileNames(page)).toEqual([]);
  const blobSize = await page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('carti-studio-store');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const blob = await new Promise<Blob | undefined>((resolve, reject) => {
      const request = db.transaction('blobs').objectStore('blobs').get(key);
      request.onsuccess = () => resolve(request.result as Blob | undefined);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return blob?.size;
  }, id);
  expect(blobSize).toBe(120_000);
});

test('the storage summary shows the quota and answers the persist request', async ({ page }) => {
  await expect(page.getByTestId('quota')).not.toHaveText('unknown');
  await page.getByRole('button', { name: 'Persist storage' }).click();
  await expect(page.getByRole('region', { name: 'Storage' }).getByRole('status')).toHaveText(/persistent|declined/);
});

test('a file dropped on the drop zone is picked', async ({ page }) => {
  await page.getByTestId('file-drop-zone').evaluate((zone) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(4096)], 'dropped.img'));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('picked-file')).toHaveText('dropped.img · 4.00 KiB');
  await expect(form(page).getByLabel('File name')).toHaveValue('dropped.img');
  await expect(form(page).getByLabel('Name', { exact: true })).toHaveValue('dropped');
});

test('another open tab sees an added bundle without reloading', async ({ page, context }) => {
  const other = await context.newPage();
  await other.goto('/store');
  await expect(other.getByTestId('store-empty')).toBeVisible();
  const bytes = pattern(8_000, 20);
  const id = await idOfBytes(bytes);
  await addFile(page, { name: 'shared-tab', bytes });
  await expect(storedRow(other, id)).toContainText('shared-tab');
});

test('the header links to the store', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Store' }).click();
  await expect(page).toHaveURL(/\/store$/);
  await expect(page.getByRole('heading', { name: 'Store', level: 1 })).toBeVisible();
});
