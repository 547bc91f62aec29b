import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CJS and ESM builds; Node (and so every service) loads the CJS one, which the Apollo
// packages require(). Vite would pick the ESM one for our imports: two instances break instanceof checks.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

// One id per `vitest run` of the reliability suite, recorded with every section it writes, so that
// scripts/reliability-report.ts can tell sections of one run from a mix. Given, it is kept: a section
// rerun on the same commit with the id of the run it completes joins that run.
const reliabilityRunId =
  process.env.RELIABILITY_RUN_ID ??
  `${new Date().toISOString().slice(0, 16).replace(':', '')}Z-${randomBytes(3).toString('hex')}`;

/**
 * Test layers (see README "Tests"):
 * - unit: next to the code, no sockets (`src/**\/*.test.ts`);
 * - integration: real HTTP on port 0 between a client and a server (`test/**\/*.int.test.ts`);
 * - stack: the whole system started as it is by `npm start` (`test/stack/**\/*.test.ts`);
 * - browser: the web app on the whole stack in Debian's Chromium (`test/browser/**\/*.test.ts`);
 * - reliability: faults, kills, hostile input and access on the whole stack (`test/reliability/`), only
 *   with RELIABILITY=full|short set (`npm run test:reliability`, `npm run test:reliability:short`).
 */
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/test/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['test/stack/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      // The reliability suite (`npm run test:reliability`, and its short form in CI): only when asked for,
      // so `npm test` stays a few minutes.
      ...(process.env.RELIABILITY
        ? [
            {
              extends: true as const,
              test: {
                name: 'reliability',
                env: { RELIABILITY_RUN_ID: reliabilityRunId },
                include: ['test/reliability/**/*.test.ts'],
                exclude: ['**/node_modules/**'],
                testTimeout: 600_000,
                hookTimeout: 240_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
