import { expect, test, type Locator, type Page } from '@playwright/test';

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
/** Fails a test whose page threw an uncaught exception (console messages are allowed). */
export function expectNoUncaughtErrors(where: string): void {
  let uncaught: string[] = [];
  test.beforeEach(async ({ page }) => {
    uncaught = [];
    page.on('pageerror', (error) => uncaught.push(error.message));
  });
  test.afterEach(() => {
    expect(uncaught, `no uncaught errors on ${where}`).toEqual([]);
  });
}

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

/** A real mouse drag: press, move in steps past the activation distance, release over the target. */
export async function dragWithMouse(page: Page, from: Locator, to: Locator): Promise<void> {
  const source = (await from.boundingBox())!;
  const target = (await to.boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2 + 10, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  await page.mouse.up();
}
