import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Native tree-sitter addons are not safe to load in several worker threads at once.
    pool: 'forks',
    testTimeout: 30000,
  },
});
