import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Site builds run Astro in the test process; separate processes keep their state apart.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
