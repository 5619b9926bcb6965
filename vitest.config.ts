import { defineConfig } from 'vitest/config';

// unit: no outside world; int: against the real lab (npm run lab); e2e: Chromium against browser mode;
// solo: tests that freeze or churn the whole lab, run on their own.
// TESTS_RUN_LATER (comma-separated files): left out here because npm test runs them in another lane.
const laterLane = process.env.TESTS_RUN_LATER?.split(',').filter(Boolean) ?? [];

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
          exclude: ['**/*.solo.int.test.ts', '**/node_modules/**', ...laterLane],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // One module graph for all files (they run one after another): importing the app afresh
          // for each file cost about 90 s of the lane. No int test mocks modules or fakes timers.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          exclude: ['**/*.solo.e2e.test.ts', '**/node_modules/**', ...laterLane],
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
