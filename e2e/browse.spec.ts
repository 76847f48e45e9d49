import { expect, test } from '@playwright/test';
import { BROKEN_LISTING, GOOD_LISTING, HTML_PAGE, MIRROR_LISTING, MIXED_LISTING, TAMPERED_LISTING } from './fixtures';
import { addListing, bundleRows, sourceRow } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('a fresh start lists the embedded default listing', async ({ page }) => {
  await expect(sourceRow(page, '/default/bundles.json')).toHaveAttribute('data-state', 'ok');
  await expect(sourceRow(page, '/default/bundles.json')).toContainText(/ok · \d+ bundles/);
  await expect(bundleRows(page).filter({ hasText: 'sample-greeting' })).toHaveCount(1);
});

test('adding a listing served by a local server lists its bundles with the count', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await expect(sourceRow(page, GOOD_LISTING)).toContainText('ok · 3 bundles');
  await expect(bundleRows(page).filter({ hasText: 'e2e-kernel' })).toHaveCount(1);
  await expect(bundleRows(page).filter({ hasText: 'e2e-drive' })).toHaveCount(1);
});

test('listing strings render as text, never as HTML', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await expect(page.getByRole('link', { name: '<img src=x onerror=alert(1)>' })).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('search filters the table as you type, by name, version and id prefix', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  const search = page.getByLabel('Search');
  await search.pressSequentially('e2e-ker');
  await expect(bundleRows(page)).toHaveCount(1);
  await expect(bundleRows(page).first()).toContainText('e2e-kernel');

  await search.fill('0.2.0');
  await expect(bundleRows(page)).toHaveCount(1);
  await expect(bundleRows(page).first()).toContainText('e2e-drive');

  const driveId = (await bundleRows(page).first().getByRole('cell').nth(4).textContent()) ?? '';
  await search.fill(driveId.slice(0, 14));
  await expect(bundleRows(page)).toHaveCount(1);
  await expect(bundleRows(page).first()).toContainText('e2e-drive');
});

test('filters by bundle type and by listing', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await expect(sourceRow(page, GOOD_LISTING)).toHaveAttribute('data-state', 'ok');

  await page.getByLabel('Type').selectOption('ram');
  await expect(bundleRows(page).filter({ hasText: 'e2e-kernel' })).toHaveCount(1);
  await expect(bundleRows(page).filter({ hasText: 'e2e-drive' })).toHaveCount(0);

  await page.getByLabel('Type').selectOption('all');
  await page.getByLabel('Listing', { exact: true }).selectOption(GOOD_LISTING);
  await expect(bundleRows(page)).toHaveCount(3);
  await expect(bundleRows(page).filter({ hasText: 'sample-greeting' })).toHaveCount(0);
});

test('clicking a column header sorts by it, and again reverses the order', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await page.getByLabel('Listing', { exact: true }).selectOption(GOOD_LISTING);
  const versionHeader = page.getByRole('columnheader', { name: 'Version' });
  await versionHeader.getByRole('button').click();
  await expect(versionHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(bundleRows(page).first()).toContainText('0.2.0');
  await versionHeader.getByRole('button').click();
  await expect(versionHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(bundleRows(page).first()).toContainText('6.1.0');
});

test('a broken listing shows its error row while a good one stays listed', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await addListing(page, BROKEN_LISTING);
  await expect(sourceRow(page, BROKEN_LISTING)).toHaveAttribute('data-state', 'error');
  await expect(sourceRow(page, BROKEN_LISTING).getByTestId('source-error')).toContainText(BROKEN_LISTING.replace(/^https?:\/\//, '').split('/')[0]);
  await expect(sourceRow(page, GOOD_LISTING)).toContainText('ok · 3 bundles');
  await expect(bundleRows(page).filter({ hasText: 'e2e-kernel' })).toHaveCount(1);
});

test('an HTML page given as a listing is explained as HTML', async ({ page }) => {
  await addListing(page, HTML_PAGE);
  await expect(sourceRow(page, HTML_PAGE)).toHaveAttribute('data-state', 'error');
  await expect(sourceRow(page, HTML_PAGE).getByTestId('source-error')).toContainText(/HTML/i);
});

test('a private address that is not on the allow-list is refused', async ({ page }) => {
  await addListing(page, 'http://10.255.255.1/bundles.json');
  await expect(sourceRow(page, 'http://10.255.255.1/bundles.json')).toHaveAttribute('data-state', 'error');
});

test('the sources survive a reload', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await addListing(page, TAMPERED_LISTING);
  await page.reload();
  await expect(sourceRow(page, GOOD_LISTING)).toContainText('ok · 3 bundles');
  await expect(sourceRow(page, TAMPERED_LISTING)).toContainText('ok · 1 bundle');
  await expect(bundleRows(page).filter({ hasText: 'e2e-tampered' })).toHaveCount(1);
});

test('removing a source removes its bundles and stays removed after a reload', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await expect(bundleRows(page).filter({ hasText: 'e2e-kernel' })).toHaveCount(1);
  await page.getByRole('button', { name: `Remove ${GOOD_LISTING}` }).click();
  await expect(sourceRow(page, GOOD_LISTING)).toHaveCount(0);
  await expect(bundleRows(page).filter({ hasText: 'e2e-kernel' })).toHaveCount(0);
  await page.reload();
  await expect(sourceRow(page, '/default/bundles.json')).toHaveAttribute('data-state', 'ok');
  await expect(sourceRow(page, GOOD_LISTING)).toHaveCount(0);
});

test('an invalid source is refused with a message and nothing is added', async ({ page }) => {
  const field = page.getByLabel('Listing URL');
  await field.fill('not a url');
  await field.press('Enter');
  await expect(page.getByRole('form', { name: 'Add a listing' }).getByRole('alert')).toContainText('"not a url" is not a URL');
  await expect(page.getByTestId('source-row')).toHaveCount(1);
});

test('refresh reloads a listing', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await expect(sourceRow(page, GOOD_LISTING)).toHaveAttribute('data-state', 'ok');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.getByRole('button', { name: `Refresh ${GOOD_LISTING}` }).click();
  await expect.poll(() => requests.some((url) => url.includes('/api/listing') && url.includes(encodeURIComponent(GOOD_LISTING)))).toBe(true);
  await expect(sourceRow(page, GOOD_LISTING)).toContainText('ok · 3 bundles');
});

test('a rejected record is reported with its JSON path while the valid records are listed', async ({ page }) => {
  await addListing(page, MIXED_LISTING);
  const row = sourceRow(page, MIXED_LISTING);
  await expect(row).toContainText('ok · 1 bundle');
  await row.getByRole('button', { name: '1 rejected record' }).click();
  await expect(row).toContainText('bundles[1].id');
  await expect(row).toContainText('is not a carti id');
  await expect(bundleRows(page).filter({ hasText: 'e2e-drive' })).toHaveCount(1);
  await expect(bundleRows(page).filter({ hasText: 'fake-id' })).toHaveCount(0);
});

test('the same id in two listings is one row with two origins', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await addListing(page, MIRROR_LISTING);
  await expect(sourceRow(page, MIRROR_LISTING)).toContainText('ok · 1 bundle');
  const kernelRows = bundleRows(page).filter({ hasText: 'e2e-kernel' });
  await expect(kernelRows).toHaveCount(1);
  await expect(kernelRows.getByRole('cell').nth(5)).toHaveText('2');
  await kernelRows.getByRole('link', { name: 'e2e-kernel' }).click();
  await expect(page.getByRole('heading', { name: 'Listed in 2 listings' })).toBeVisible();
  await expect(page.getByTestId('origins')).toContainText(GOOD_LISTING);
  await expect(page.getByTestId('origins')).toContainText(MIRROR_LISTING);
});

test('Verify can download from the uri of a chosen listing', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await addListing(page, MIRROR_LISTING);
  await expect(sourceRow(page, MIRROR_LISTING)).toContainText('ok · 1 bundle');
  await bundleRows(page).getByRole('link', { name: 'e2e-kernel' }).click();
  const from = page.getByLabel('Download from');
  await expect(from.getByRole('option')).toHaveCount(2);
  await from.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-verdict', 'verified');
});

test('the table can be sorted and a bundle opened with the keyboard alone', async ({ page }) => {
  await addListing(page, GOOD_LISTING);
  await page.getByLabel('Listing', { exact: true }).selectOption(GOOD_LISTING);
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  await nameHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await page.keyboard.press('Space');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await bundleRows(page).getByRole('link', { name: 'e2e-drive' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'e2e-drive' })).toBeVisible();
});
