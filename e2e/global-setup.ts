import { startTestServer } from './test-server';

/** Starts the local listing host for the whole run; Playwright calls the returned function at the end. */
export default async function globalSetup() {
  const server = await startTestServer();
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
