import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: node-side code (shared, main, conformance) and the renderer in jsdom.
export default defineConfig({
  test: {
    globals: true,
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'node',
          globals: true,
          environment: 'node',
          include: [
            'shared/**/*.test.ts',
            'main/**/*.test.ts',
            'preload/**/*.test.ts',
            'conformance/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          globals: true,
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/test-setup.ts'],
          // A guard against hangs, not a speed target: CI machines are shared and slow at times.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
