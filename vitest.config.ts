import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 240_000,
    // End-to-end tests build the site and start Chromium; they share one build and run in one worker.
    fileParallelism: true,
    pool: 'forks',
  },
});
