import { defineConfig } from 'vitest/config';

// Database tests run once per database kind: always on PGlite, and on PostgreSQL too when
// TEST_DATABASE_URL names a server (.ci/run sets it). Each test file gets a fresh database.
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    setupFiles: ['test/support/console-guard.ts'],
    // Files share a worker's loaded modules (no file mocks or changes another's modules): each
    // file importing the whole API afresh cost about four seconds. Two workers, for two cores.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      ...databases.map((database) => ({
        extends: true as const,
        test: {
          name: `api-${database}`,
          include: ['test/api/**/*.test.ts', 'test/process/**/*.test.ts'],
          env: { TEST_DATABASE: database },
        },
      })),
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/build-portal.ts'],
          testTimeout: 90_000,
          fileParallelism: false,
          // One file at a time, after the other projects (their two workers would share its cores).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
