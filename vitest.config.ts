import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // A budget, not a goal: the pure steps in src/lib are where the work is done, so untested code there fails
    // `npm test` (which runs with --coverage; a single test file run by hand does not). Pages, scripts and
    // integrations are tested through the built site and the CLI.
    coverage: {
      provider: 'v8',
      include: ['src/lib/**/*.ts'],
      reporter: ['text-summary'],
      thresholds: { statements: 95, lines: 95, functions: 90, branches: 85 },
    },
  },
});
