import { expect, test, type Page } from '@playwright/test';

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

/** Collects console errors and page errors of every test in the file; each test must end with none. */
export function expectNoConsoleErrors(where: string): void {
  let consoleErrors: string[] = [];
  test.beforeEach(async ({ page }) => {
    consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });
  test.afterEach(() => {
    expect(consoleErrors, `no console errors on ${where}`).toEqual([]);
  });
}
