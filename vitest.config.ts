import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Tests spawn git and the built CLI; two workers match the two-core machines we run on.
    maxWorkers: 2,
  },
});
