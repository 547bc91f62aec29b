import { defineConfig } from 'vitest/config';

/**
 * Test layers (see README "Tests"):
 * - unit: next to the code, no sockets (`src/**\/*.test.ts`);
 * - integration: real HTTP on port 0 between a client and a server (`test/**\/*.int.test.ts`);
 * - stack: the whole system started as it is by `npm start` (`test/stack/**\/*.test.ts`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['**/src/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['**/test/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'stack',
          include: ['test/stack/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
