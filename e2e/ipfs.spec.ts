/**
 * IPFS in the web app (issue 6) against a REAL node: the js-ipfs daemon of e2e/ipfs-node (offline, own repo,
 * loopback ports, CORS for this app's origin). Settings (node down, then the real node), publishing a stored
 * bundle, publishing the default machine from the composer, opening its share link in a fresh browser
 * context with only the gateway configured and booting it to a shell, and an ipfs:// listing source.
 * The steps share the node and what was published, so they run in order.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { idOfBytes } from '../lib/carti/id';
import { parseListingText, serializeListing } from '../lib/carti/listing';
import { fileCid } from '../lib/ipfs/unixfs-cid';
import { closedPortUrl, startTamperingGateway } from '../lib/ipfs/test-gateways.node';
import { ensureIpfsNodeInstalled, startIpfsDaemon, type IpfsDaemon } from './ipfs-node/daemon';
import { patternBytes as pattern } from './fixtures';

// Publishing 17 MB into js-ipfs and booting Linux in the emulator take a while on a shared 2-core machine.
const PUBLISH_MS = 240_000;
const BOOT_MS = 300_000;

test.describe.configure({ mode: 'serial' });

let daemon: IpfsDaemon;
let machineCid = '';
let shareLink = '';

const settingsPanel = (page: Page) => page.getByRole('region', { name: 'IPFS' });

async function configure(page: Page, node: string, gateways: string): Promise<void> {
  await page.goto('/settings');
  const panel = settingsPanel(page);
  await panel.getByLabel('Node RPC API (empty: gateways only)').fill(node);
  await panel.getByLabel('Gateways, tried in order (one per line)').fill(gateways);
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('status')).toHaveText('Saved.');
}

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(20 * 60_000);
  await ensureIpfsNodeInstalled();
  const appOrigin = new URL(testInfo.project.use.baseURL!).origin;
  daemon = await startIpfsDaemon({ corsOrigins: [appOrigin] });
});

test.afterAll(async () => {
  await daemon?.stop();
});

test('the Settings page is linked from the header and shows the defaults', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(settingsPanel(page).getByLabel('Node RPC API (empty: gateways only)')).toHaveValue('http://127.0.0.1:5001');
  await expect(settingsPanel(page).getByLabel('Gateways, tried in order (one per line)')).toHaveValue('http://127.0.0.1:8080');
});

async function addToStore(page: Page, name: string, bytes: Buffer): Promise<string> {
  const id = await idOfBytes(bytes);
  await page.goto('/store');
  const form = page.getByRole('region', { name: 'Add your own file as a bundle' });
  await form.getByLabel('File', { exact: true }).setInputFiles({ name: `${name}.ext2`, mimeType: 'application/octet-stream', buffer: bytes });
  await form.getByLabel('Type').selectOption('flashdrive');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Version').fill('0.3.0');
  await form.getByRole('button', { name: 'Add to store' }).click();
  await expect(page.locator(`[data-testid="stored-row"][data-id="${id}"]`)).toContainText(name);
  return id;
}

test('a node that is down gives a clear error naming its URL, in Settings and when publishing', async ({ page }) => {
  const closed = await closedPortUrl();
  await configure(page, closed, daemon.gatewayUrl);
  await settingsPanel(page).getByRole('button', { name: 'Test connection' }).click();
  const status = settingsPanel(page).getByRole('status');
  await expect(status).toContainText(closed);
  await expect(status).toContainText('cannot reach the RPC API');

  const id = await addToStore(page, 'unpublished', pattern(1000, 5));
  await page.locator(`[data-testid="stored-row"][data-id="${id}"]`).getByRole('button', { name: 'Publish unpublished to IPFS' }).click();
  const alert = page.getByRole('region', { name: 'Publish unpublished to IPFS' }).getByRole('alert');
  await expect(alert).toContainText(closed);
  await expect(alert).toContainText('cannot reach the RPC API');

  await page.goto('/compose');
  await page.getByRole('button', { name: 'Start from the default machine' }).click();
  const share = page.getByRole('region', { name: 'Share' });
  await share.getByRole('button', { name: 'Publish machine to IPFS' }).click();
  await expect(share.getByRole('alert')).toContainText(`Publishing the machine failed: IPFS node: ${closed}`);
  await expect(share.getByRole('alert')).toContainText('cannot reach the RPC API');
});

test('Test connection reaches the real node, and the settings survive a reload', async ({ page }) => {
  await configure(page, daemon.rpcUrl, daemon.gatewayUrl);
  await settingsPanel(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(settingsPanel(page).getByRole('status')).toContainText('Connected: node version');
  await page.reload();
  await expect(settingsPanel(page).getByLabel('Node RPC API (empty: gateways only)')).toHaveValue(daemon.rpcUrl);
});

test('settings saved in one tab apply in another open tab without a reload', async ({ page, context }) => {
  const other = await context.newPage();
  await other.goto('/settings');
  const otherNode = settingsPanel(other).getByLabel('Node RPC API (empty: gateways only)');
  await expect(otherNode).toHaveValue('http://127.0.0.1:5001');
  await configure(page, daemon.rpcUrl, daemon.gatewayUrl);
  await expect(otherNode).toHaveValue(daemon.rpcUrl);
  await expect(settingsPanel(other).getByLabel('Gateways, tried in order (one per line)')).toHaveValue(daemon.gatewayUrl);
  await other.close();
});

test('publishing a stored bundle gives its CID, checked by the node and the gateway, and a bundles.json', async ({ page }) => {
  test.setTimeout(PUBLISH_MS);
  await configure(page, daemon.rpcUrl, daemon.gatewayUrl);
  // More than one 256 KiB chunk, so the CID is a dag-pb root over raw leaves.
  const bytes = pattern(700 * 1024 + 5, 11);
  const expectedCid = (await fileCid(bytes)).cid.toString();
  const id = await addToStore(page, 'ipfs-drive', bytes);
  const row = page.locator(`[data-testid="stored-row"][data-id="${id}"]`);

  await row.getByRole('button', { name: 'Publish ipfs-drive to IPFS' }).click();
  const panel = page.getByRole('region', { name: 'Publish ipfs-drive to IPFS' });
  await expect(panel.getByTestId('published-cid')).toHaveText(expectedCid, { timeout: PUBLISH_MS });
  // The gateway serves exactly the stored bytes under that CID.
  const served = Buffer.from(await (await fetch(`${daemon.gatewayUrl}/ipfs/${expectedCid}`)).arrayBuffer());
  expect(served.equals(bytes)).toBe(true);

  // Appending to a listing that already names the same id does not duplicate it.
  const other = { bundleType: 'raw' as const, name: 'other', fileName: 'other.txt', id: await idOfBytes('other'), version: '1.0.0', uri: 'other.txt' };
  await panel.getByLabel('Append to an existing bundles.json (optional)').setInputFiles({ name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(serializeListing({ bundles: [other] })) });
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: /Download bundles\.json \(2 bundles\)/ }).click();
  const listing = parseListingText(await readFile((await (await downloading).path())!, 'utf8'));
  expect(listing.errors).toEqual([]);
  expect(listing.value.bundles.map((bundle) => [bundle.name, bundle.id, bundle.uri])).toEqual([
    ['other', other.id, 'other.txt'],
    ['ipfs-drive', id, `ipfs://${expectedCid}`],
  ]);
  await panel.getByLabel('Append to an existing bundles.json (optional)').setInputFiles({ name: 'again.json', mimeType: 'application/json', buffer: Buffer.from(serializeListing(listing.value)) });
  await expect(panel.getByRole('note')).toContainText(`again.json already lists ${id}`);
  await expect(panel.getByRole('button', { name: /Download bundles\.json \(2 bundles\)/ })).toBeVisible();
});

test('publishing the default machine from the composer gives a CID and a share link', async ({ page }) => {
  test.setTimeout(PUBLISH_MS + 60_000);
  await configure(page, daemon.rpcUrl, daemon.gatewayUrl);
  await page.goto('/compose');
  await page.getByRole('button', { name: 'Start from the default machine' }).click();
  await expect(page.getByRole('button', { name: 'Boot', exact: true })).toBeEnabled();
  const share = page.getByRole('region', { name: 'Share' });
  await share.getByRole('button', { name: 'Publish machine to IPFS' }).click();
  await expect(share.getByTestId('machine-cid')).toHaveText(/^bafy/, { timeout: PUBLISH_MS });
  machineCid = (await share.getByTestId('machine-cid').textContent())!;
  shareLink = await share.getByLabel('IPFS share link').inputValue();
  expect(shareLink).toBe(`${new URL(page.url()).origin}/compose#ipfs=${machineCid}`);
  // The directory holds the package, whose repos name the published listing.
  const pkg = await (await fetch(`${daemon.gatewayUrl}/ipfs/${machineCid}/carti-machine-package.json`)).json() as { repos: string[] };
  expect(pkg.repos).toHaveLength(1);
  expect(pkg.repos[0]).toMatch(/^ipfs:\/\/bafy/);
});

test('an ipfs:// listing source (a directory holding a bundles.json) shows its bundles', async ({ page }) => {
  expect(machineCid, 'the machine was published').not.toBe('');
  await configure(page, '', daemon.gatewayUrl);
  await page.goto('/listings');
  const panel = page.getByRole('region', { name: 'Listing sources' });
  await panel.getByLabel('Listing URL').fill(`ipfs://${machineCid}`);
  await panel.getByLabel('Listing URL').press('Enter');
  const row = page.locator(`[data-testid="source-row"][data-source="ipfs://${machineCid}"]`);
  await expect(row).toHaveAttribute('data-state', 'ok', { timeout: 60_000 });
  const published = parseListingText(await (await fetch(`${daemon.gatewayUrl}/ipfs/${machineCid}/bundles.json`)).text());
  expect(published.value.bundles.length).toBeGreaterThan(0);
  await expect(row).toContainText(`${published.value.bundles.length} bundles`);
  // Every record points into IPFS.
  for (const bundle of published.value.bundles) expect(bundle.uri).toMatch(/^ipfs:\/\/baf/);

  // Verify on the bundle's page, downloading from the ipfs:// listing (the embedded one lists it too).
  const kernel = published.value.bundles.find((bundle) => bundle.bundleType === 'ram')!;
  await page.goto(`/bundle/${kernel.id}`);
  await page.getByLabel('Download from').selectOption({ label: kernel.uri! });
  await page.getByRole('region', { name: 'Verify' }).getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-verdict', 'verified', { timeout: 60_000 });
});

/**
 * Until the followed ipfs:// listing is read, the package's assets have no download location: the Share panel
 * lists them as only in the sender's store. Boot is pressed once they are all located.
 */
async function waitForAssetsLocated(page: Page): Promise<void> {
  await expect(page.getByText('Loading listings…')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Share' }).getByRole('note')).toHaveCount(0, { timeout: 60_000 });
}

async function freshPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

test('the share link opens in a new browser with only a gateway, and Boot reaches the shell prompt', async ({ browser }, testInfo) => {
  test.setTimeout(BOOT_MS + 120_000);
  expect(shareLink, 'the machine was published').not.toBe('');
  const { context, page } = await freshPage(browser, testInfo.project.use.baseURL!);
  // This app's embedded listing names the default machine's files too; as another deployment's would not,
  // it is served empty here, so every asset must come from the machine's own ipfs:// listing.
  await context.route('**/default/bundles.json', (route) => route.fulfill({ contentType: 'application/json', body: '{"bundles": []}' }));
  const gatewayRequests: string[] = [];
  const appAssetRequests: string[] = [];
  context.on('request', (request) => {
    // Without the query: a trustless request adds `?format=raw` or `?format=car`.
    if (request.url().startsWith(`${daemon.gatewayUrl}/ipfs/`)) gatewayRequests.push(request.url().replace(/\?.*$/, ''));
    if (/\/default\/[^/]+\.(bin|ext2)$/.test(new URL(request.url()).pathname)) appAssetRequests.push(request.url());
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  try {
    await configure(page, '', daemon.gatewayUrl);
    await page.goto(shareLink);
    const message = page.getByTestId('compose-message');
    await expect(message).toContainText('Now following the package', { timeout: 60_000 });
    await expect(message).toContainText('ipfs://');
    await waitForAssetsLocated(page);
    const boot = page.getByRole('button', { name: 'Boot', exact: true });
    await expect(boot).toBeEnabled({ timeout: 60_000 });
    await boot.click();
    await expect(page.getByTestId('terminal')).toContainText('dapp@carti:~ $', { timeout: BOOT_MS });
    // Every asset came from IPFS and was verified before it was stored: the store now holds them.
    const stored = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const directory = await root.getDirectoryHandle('carti-bundles', { create: true });
      const names: string[] = [];
      for await (const name of (directory as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
      return names;
    });
    const pkg = await (await fetch(`${daemon.gatewayUrl}/ipfs/${machineCid}/carti-machine-package.json`)).json() as { assets: { cid: string }[] };
    expect(stored.length).toBeGreaterThanOrEqual(new Set(pkg.assets.map((asset) => asset.cid)).size);
    const listing = parseListingText(await (await fetch(`${daemon.gatewayUrl}/ipfs/${machineCid}/bundles.json`)).text());
    for (const bundle of listing.value.bundles) expect(gatewayRequests).toContain(`${daemon.gatewayUrl}/ipfs/${bundle.uri!.slice('ipfs://'.length)}`);
    expect(appAssetRequests).toEqual([]);
    expect(consoleErrors, 'no console errors while opening and booting the shared machine').toEqual([]);
    await page.getByRole('button', { name: 'Stop' }).click();
  } finally {
    await context.close();
  }
});

test('a gateway that alters the bytes is passed over for the next one, and only verified files are stored', async ({ browser }, testInfo) => {
  test.setTimeout(BOOT_MS + 120_000);
  expect(shareLink, 'the machine was published').not.toBe('');
  // Forwards to the real gateway and flips the first byte of every answer: listings and the package stop
  // parsing, assets stop matching their ids.
  const tampering = await startTamperingGateway(daemon.gatewayUrl);
  const { context, page } = await freshPage(browser, testInfo.project.use.baseURL!);
  await context.route('**/default/bundles.json', (route) => route.fulfill({ contentType: 'application/json', body: '{"bundles": []}' }));
  try {
    await configure(page, '', `${tampering.url}\n${daemon.gatewayUrl}`);
    await page.goto(shareLink);
    await expect(page.getByTestId('compose-message')).toContainText('Now following the package', { timeout: 60_000 });
    await waitForAssetsLocated(page);
    const boot = page.getByRole('button', { name: 'Boot', exact: true });
    await expect(boot).toBeEnabled({ timeout: 60_000 });
    await boot.click();
    await expect(page.getByTestId('terminal')).toContainText('dapp@carti:~ $', { timeout: BOOT_MS });
    // Each asset names the gateway it passed over and why.
    await expect(page.getByTestId('skipped-sources').first()).toContainText(`skipped gateway ${tampering.url}`);
    const pkg = await (await fetch(`${daemon.gatewayUrl}/ipfs/${machineCid}/carti-machine-package.json`)).json() as { assets: { cid: string }[] };
    // The tampering gateway was asked first for the package, the listing and every asset.
    const assetIds = [...new Set(pkg.assets.map((asset) => asset.cid))].sort();
    expect(tampering.requests.length).toBeGreaterThanOrEqual(2 + assetIds.length);
    await page.getByRole('button', { name: 'Stop' }).click();
    // The store holds exactly the machine's files, each under its own (re-hashed) id.
    await page.goto('/store');
    await expect(page.getByTestId('stored-row')).toHaveCount(assetIds.length);
    const storedIds = await page.getByTestId('stored-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(storedIds.sort()).toEqual(assetIds);
  } finally {
    await context.close();
    await tampering.close();
  }
});
