import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { composeDrives } from '../lib/drives/compose';
import { readExt2Tree } from '../lib/ext2/reader';
import { idOfBytes } from '../lib/carti/id';
import { imageTar, treeToLayer } from '../lib/oci/test-images.node';
import { buildTar } from '../lib/tar/test-tar';
import { expectNoUncaughtErrors } from './helpers';

/**
 * Drive composition and OCI import in the composer (issue 5) against the production build, in Chromium: the
 * source drives are tar archives built here and added to the browser store through the store page; images are
 * docker save tarballs built here (one from the default machine's rootfs). Expected ids come from lib/drives
 * run in Node on the same bytes; the machines really boot in the page's emulator.
 */
const ROOTFS = fileURLToPath(new URL('../public/default/rootfs.ext2', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/carti-studio.mjs', import.meta.url));

/** The real `carti-studio` CLI in `dir`, with its own home (so its stores are the test's). */
function cli(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: dir, env: { ...process.env, HOME: join(dir, 'home'), CARTI_STUDIO_HOME: join(dir, 'home', '.carti-studio'), NODE_OPTIONS: '' } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

/** `carti-studio compose --check` on the composer's package, with the source drives bundled into a fresh store. */
async function checkWithCli(packageText: string, sources: ReadonlyArray<[string, Buffer]>): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'drives-e2e-'));
  try {
    await mkdir(join(dir, 'home'));
    for (const [name, bytes] of sources) {
      await writeFile(join(dir, `${name}.tar`), bytes);
      const bundled = await cli(dir, 'bundle', `${name}.tar`, '-t', 'flash', '-n', name, '-v', '0.1.0');
      expect(bundled.code, bundled.stderr).toBe(0);
    }
    await writeFile(join(dir, 'carti-machine-package.json'), packageText);
    return await cli(dir, 'compose', '--check', 'carti-machine-package.json');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const first = Buffer.from(buildTar([{ name: 'shared/', type: '5' }, { name: 'shared/readme', content: 'same\n' }, { name: 'one.txt', content: 'from-the-first-drive\n' }]));
const second = Buffer.from(buildTar([{ name: 'shared/', type: '5' }, { name: 'shared/readme', content: 'same\n' }, { name: 'two.txt', content: 'from-the-second-drive\n' }]));
const clashing = Buffer.from(buildTar([{ name: 'one.txt', content: 'something else\n' }, { name: 'shared/', type: '5' }, { name: 'shared/readme', content: 'different\n' }]));

expectNoUncaughtErrors('the compose page');

const storeForm = (page: Page) => page.getByRole('region', { name: 'Add your own file as a bundle' });
const composePanel = (page: Page) => page.getByRole('region', { name: 'Drive composition' });
const imagePanel = (page: Page) => page.getByRole('region', { name: 'Import a container image' });
const packagePreview = (page: Page) => page.getByRole('tabpanel', { name: 'Package JSON preview' });

async function storeDrive(page: Page, name: string, bytes: Buffer): Promise<void> {
  const form = storeForm(page);
  await form.getByLabel('File', { exact: true }).setInputFiles({ name: `${name}.tar`, mimeType: 'application/x-tar', buffer: bytes });
  await form.getByLabel('Type').selectOption('flashdrive');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Version').fill('0.1.0');
  await form.getByRole('button', { name: 'Add to store' }).click();
  await expect(form.getByTestId('added-id')).toHaveText(await idOfBytes(bytes));
}

async function startFromDefault(page: Page): Promise<void> {
  await page.goto('/compose');
  await page.getByRole('button', { name: 'Start from the default machine' }).click();
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('default-rootfs');
}

/** A real drop event on `target`, carrying the file as a user's drag from the desktop would. */
async function dropFile(page: Page, target: Locator, name: string, bytes: Uint8Array): Promise<void> {
  const dataTransfer = await page.evaluateHandle(({ fileName, base64 }) => {
    const binary = atob(base64);
    const content = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) content[i] = binary.charCodeAt(i);
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], fileName, { type: 'application/x-tar' }));
    return transfer;
  }, { fileName: name, base64: Buffer.from(bytes).toString('base64') });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

async function bootAndExpect(page: Page, ...texts: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Boot', exact: true }).click();
  const terminal = page.getByTestId('terminal');
  for (const text of texts) await expect(terminal).toContainText(text, { timeout: 240_000 });
}

test('two stored drives compose into a new drive with its id, recorded in the package, and the guest sees both', async ({ page }) => {
  test.setTimeout(360_000);
  await page.goto('/store');
  await storeDrive(page, 'first-drive', first);
  await storeDrive(page, 'second-drive', second);
  await startFromDefault(page);

  const panel = composePanel(page);
  await panel.getByRole('checkbox', { name: 'first-drive palette' }).check();
  await panel.getByRole('checkbox', { name: 'second-drive palette' }).check();
  await expect(panel.getByRole('list', { name: 'Composition order' })).toHaveText(/first-drive.*second-drive/s);
  await panel.getByLabel('Composed drive name').fill('both');
  await panel.getByRole('button', { name: 'Compose' }).click();

  const expected = await composeDrives([{ name: 'first-drive', bytes: first }, { name: 'second-drive', bytes: second }], { policy: 'error' });
  const result = panel.getByTestId('compose-result');
  await expect(result).toHaveAttribute('data-output-id', expected.record.outputId, { timeout: 60_000 });
  await expect(result).toContainText(expected.record.outputId);
  const drive = page.getByRole('listitem', { name: 'Drive 1: both' });
  await expect(drive).toContainText('both');

  // The package records the composition: output id, ordered source ids, policy (metadata.cartiStudio).
  const preview = packagePreview(page);
  await expect(preview).toContainText('"compositions"');
  await expect(preview).toContainText(`"outputId": "${expected.record.outputId}"`);
  await expect(preview).toContainText(expected.record.sources[0]!);
  await expect(preview).toContainText(expected.record.sources[1]!);

  // The CLI rebuilds the drive from the same sources, as the package records it, and confirms the id.
  const checked = await checkWithCli((await preview.textContent())!, [['first-drive', first], ['second-drive', second]]);
  expect(checked.stdout, checked.stderr).toContain(`ok  ${expected.record.outputId}  (2 sources, error)`);
  expect(checked.code).toBe(0);

  // The web app rebuilds it too, from the sources in this browser's store.
  const recorded = panel.getByRole('list', { name: 'Recorded compositions' }).locator(`[data-output-id="${expected.record.outputId}"]`);
  await recorded.getByRole('button', { name: 'Check both' }).click();
  await expect(recorded).toContainText('rebuilt from its sources: same id', { timeout: 60_000 });

  // The composed drive is now in this browser's store, as a flashdrive bundle in the palette.
  await expect(page.getByRole('list', { name: 'Bundle palette' }).locator(`[data-bundle-id="${expected.record.outputId}"]`)).toBeVisible();

  const entrypoint = page.getByLabel('Entrypoint (run as user dapp; empty: a login shell)');
  await entrypoint.fill('cat /mnt/both/one.txt /mnt/both/two.txt /mnt/both/shared/readme');
  await entrypoint.blur();
  await bootAndExpect(page, 'from-the-first-drive', 'from-the-second-drive');
  // The entrypoint ends, so the machine halts.
  await expect(page.locator('[data-testid="run-status"][data-phase="halted"]')).toBeVisible({ timeout: 60_000 });
});

test('conflicting drives are refused with every conflicting path listed; "later wins" composes them', async ({ page }) => {
  await page.goto('/store');
  await storeDrive(page, 'first-drive', first);
  await storeDrive(page, 'clashing-drive', clashing);
  await startFromDefault(page);
  const panel = composePanel(page);
  await panel.getByRole('checkbox', { name: 'first-drive palette' }).check();
  await panel.getByRole('checkbox', { name: 'clashing-drive palette' }).check();
  await panel.getByRole('button', { name: 'Compose' }).click();
  const conflicts = panel.getByRole('list', { name: 'Conflicts' }).getByRole('listitem');
  await expect(conflicts).toHaveCount(2, { timeout: 60_000 });
  await expect(panel.getByTestId('compose-error')).toContainText('2 conflicting paths');
  await expect(conflicts.filter({ hasText: '/one.txt: first-drive vs clashing-drive' })).toHaveCount(1);
  await expect(conflicts.filter({ hasText: '/shared/readme: first-drive vs clashing-drive' })).toHaveCount(1);
  await expect(page.getByRole('listitem', { name: /^Drive 1:/ })).toHaveCount(0);
  // Nothing was stored for the refused composition.
  await expect(page.getByRole('list', { name: 'Bundle palette' }).locator('[aria-label^="flashdrive bundle composed"]')).toHaveCount(0);

  await panel.getByLabel('Later drives win').check();
  await panel.getByLabel('Place it in').selectOption({ label: 'a new drive' });
  await panel.getByRole('button', { name: 'Compose' }).click();
  const expected = await composeDrives([{ name: 'first-drive', bytes: first }, { name: 'clashing-drive', bytes: clashing }], { policy: 'later-wins' });
  await expect(panel.getByTestId('compose-result')).toHaveAttribute('data-output-id', expected.record.outputId, { timeout: 60_000 });
  await expect(panel.getByTestId('compose-result')).toContainText('2 path(s) replaced by later drives');
  await expect(packagePreview(page)).toContainText('"policy": "later-wins"');
});

test('an image of another platform is refused naming it; an image with no init gets the tools layer and says so', async ({ page }) => {
  await startFromDefault(page);
  const layer = buildTar([{ name: 'etc/', type: '5' }, { name: 'etc/motd', content: 'hello from a scratch image\n' }]);
  await dropFile(page, imagePanel(page), 'amd64-image.tar', imageTar([layer], { architecture: 'amd64', Cmd: ['cat', '/etc/motd'] }));
  await expect(imagePanel(page).getByTestId('import-error')).toContainText('linux/amd64', { timeout: 60_000 });
  await expect(imagePanel(page).getByTestId('import-error')).toContainText('amd64-image.tar');

  await dropFile(page, imagePanel(page), 'scratch-image.tar', imageTar([layer], { Cmd: ['cat', '/etc/motd'] }, 'oci-nested'));
  const result = imagePanel(page).getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByTestId('tools-added')).toContainText('/usr/sbin/cartesi-init');
  await expect(result.getByTestId('tools-added')).toContainText('busybox applet links');
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('scratch-image-root');
});

test('a riscv64 image built from the default rootfs, dropped on the composer, boots and runs its entrypoint', async ({ page }) => {
  test.setTimeout(360_000);
  const tree = await readExt2Tree(await readFile(ROOTFS), { inputName: ROOTFS });
  tree.addFile('/srv/doomed', new TextEncoder().encode('the upper layer deletes this\n'));
  const lower = await treeToLayer(tree);
  const upper = buildTar([{ name: 'srv/', type: '5' }, { name: 'srv/message', content: 'layered-message\n' }, { name: 'srv/.wh.doomed' }]);
  const command = 'echo image-says-$((6*7)); cat message; test -e doomed || echo doomed-is-gone';
  const image = imageTar([lower, upper], { Entrypoint: ['/bin/sh', '-c'], Cmd: [command], WorkingDir: '/srv' }, 'docker25');
  await startFromDefault(page);
  await dropFile(page, imagePanel(page), 'busybox-image.tar', image);
  const result = imagePanel(page).getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result).toContainText('2 layers');
  const layers = result.getByRole('list', { name: 'Applied layers' }).getByRole('listitem');
  await expect(layers).toHaveCount(2);
  await expect(layers.nth(1)).toContainText('3 entries, 1 whiteout');
  await expect(result).toContainText(JSON.stringify(['/bin/sh', '-c', command]));
  await expect(result.getByTestId('tools-added')).toContainText('No tools added');
  const rootId = await result.getAttribute('data-output-id');
  await expect(page.getByRole('listitem', { name: 'Drive 0: root' })).toContainText('busybox-image-root');
  await expect(packagePreview(page)).toContainText(`"cid": "${rootId}"`);
  await expect(packagePreview(page)).toContainText('"oci"');
  await bootAndExpect(page, 'image-says-42', 'layered-message', 'doomed-is-gone');
  await expect(page.locator('[data-testid="run-status"][data-phase="halted"]')).toBeVisible({ timeout: 60_000 });
});
