import { defineConfig } from '@playwright/test';
import { TEST_ORIGIN } from './e2e/fixtures';

const APP_PORT = 3100;

/**
 * End-to-end tests in Debian's Chromium (npx playwright install cannot work here) against the production
 * build (`npx next build` first). One worker: the machine is small and shared.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx next start -p ${APP_PORT}`,
    url: `http://127.0.0.1:${APP_PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    env: { CARTI_STUDIO_ALLOW_ORIGINS: TEST_ORIGIN },
  },
});
