import { defineConfig } from 'vitest/config';

// unit: no outside world; int: against the real lab (npm run lab); e2e: Chromium against browser mode;
// solo: tests that freeze or churn the whole lab, run on their own.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts', 'scripts/**/*.int.test.ts', 'test-support/**/*.int.test.ts'],
          exclude: ['**/*.solo.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          // E2E_EXCLUDE (comma-separated files): run in another lane by npm test.
          exclude: ['**/*.solo.e2e.test.ts', '**/node_modules/**', ...(process.env.E2E_EXCLUDE?.split(',').filter(Boolean) ?? [])],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Tests that freeze or churn the whole lab: run alone, after the others.
        test: {
          name: 'solo',
          include: ['src/**/*.solo.int.test.ts', 'e2e/**/*.solo.e2e.test.ts'],
          environment: 'node',
          // Half of these measure responsiveness or memory on a shared 2-core machine, whose tail
          // latency now and then takes a single sample over its bound: a failure is tried once more.
          retry: 1,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
