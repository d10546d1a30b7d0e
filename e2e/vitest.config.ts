import { defineConfig } from 'vitest/config';

// e2e: one spec file at a time (each starts its own server and Chromium), generous timeouts.
export default defineConfig({
  test: {
    name: 'e2e',
    globals: true,
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
