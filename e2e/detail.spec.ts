import { expect, test } from '@playwright/test';
import { idOfBytes } from '../lib/carti/id';
import { GOOD_LISTING, TAMPERED_LISTING, buildFixtures } from './fixtures';
import { addListing, bundleRows } from './helpers';

test('a bundle detail shows every field, the id decoded and its origin', async ({ page }) => {
  const { good } = await buildFixtures();
  await page.goto('/');
  await addListing(page, GOOD_LISTING);
  await bundleRows(page).getByRole('link', { name: 'e2e-drive' }).click();
  await expect(page).toHaveURL(new RegExp(`/bundle/${good.drive.id}$`));
  await expect(page.getByRole('heading', { name: 'e2e-drive' })).toBeVisible();
  await expect(page.getByTestId('bundle-id')).toHaveText(good.drive.id);
  for (const text of ['flashdrive', '0.2.0', 'e2e-drive.ext2', good.drive.uri ?? '']) {
    await expect(page.getByText(text, { exact: true }).first()).toBeVisible();
  }
  const breakdown = page.getByTestId('id-breakdown');
  await expect(breakdown).toContainText('0x1b keccak-256');
  await expect(breakdown).toContainText('32 bytes');
  await expect(page.getByTestId('id-digest')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('origins')).toContainText(GOOD_LISTING);
});

test('Verify downloads a good asset through the server route and says verified', async ({ page }) => {
  await page.goto('/');
  await addListing(page, GOOD_LISTING);
  await bundleRows(page).getByRole('link', { name: 'e2e-kernel' }).click();
  await expect(page.getByTestId('origins')).toContainText('/good/files/e2e-kernel.bin');
  await page.getByRole('button', { name: 'Verify' }).click();
  // The test server sends this file slowly: the bar shows bytes and percent while it streams.
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByTestId('progress-text')).toHaveText(/^[\d.]+ (B|KiB|MiB) of 3\.00 MiB \(\d+%\)$/);
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-verdict', 'verified');
  await expect(page.getByTestId('verify-result')).toContainText('3.00 MiB');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});

test('Verify of a tampered asset shows the mismatch with both ids', async ({ page }) => {
  const { tampered, files } = await buildFixtures();
  const servedId = await idOfBytes(files.get('/tampered/files/e2e-tampered.ext2')!);
  await page.goto('/');
  await addListing(page, TAMPERED_LISTING);
  await bundleRows(page).getByRole('link', { name: 'e2e-tampered' }).click();
  await page.getByRole('button', { name: 'Verify' }).click();
  const result = page.getByTestId('verify-result');
  await expect(result).toHaveAttribute('data-verdict', 'mismatch');
  await expect(result.getByTestId('expected-id')).toHaveText(tampered.id);
  await expect(result.getByTestId('actual-id')).toHaveText(servedId);
});

test('Verify of an embedded sample bundle works same-origin', async ({ page }) => {
  await page.goto('/');
  await bundleRows(page).getByRole('link', { name: 'sample-pattern' }).click();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-verdict', 'verified');
});

test('a detail page opened directly after a reload finds its bundle again', async ({ page }) => {
  const { good } = await buildFixtures();
  await page.goto('/');
  await addListing(page, GOOD_LISTING);
  await page.goto(`/bundle/${good.kernel.id}`);
  await expect(page.getByRole('heading', { name: 'e2e-kernel' })).toBeVisible();
});
