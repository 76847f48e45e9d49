import { expect, type Page } from '@playwright/test';

/** Adds a listing source through the panel, as a user does: type the URL, press Enter. */
export async function addListing(page: Page, url: string): Promise<void> {
  const panel = page.getByRole('region', { name: 'Listing sources' });
  await panel.getByLabel('Listing URL').fill(url);
  await panel.getByLabel('Listing URL').press('Enter');
  await expect(sourceRow(page, url)).toBeVisible();
}

export function sourceRow(page: Page, source: string) {
  return page.locator(`[data-testid="source-row"][data-source="${source}"]`);
}

export function bundleRows(page: Page) {
  return page.getByTestId('bundle-row');
}
