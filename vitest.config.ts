import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'emulator-wasm/**/*.test.ts', 'bin/**/*.test.ts', 'scripts/**/*.test.ts', 'guest/**/*.test.ts'],
    exclude: ['node_modules', '.next', 'e2e'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['emulator-wasm/tests/global-setup.ts'],
    setupFiles: ['emulator-wasm/tests/setup.node.ts'],
  },
});
