import { defineConfig } from 'vitest/config';

/**
 * `npm run test:corpora`: the checks on real content (tests/corpora), apart from `npm test` because
 * they build and read gardens of hundreds of real notes for minutes, and skip, file by file, on a
 * machine that does not hold the corpora. CI runs them after `npm test` (.ci/run). Shared sites
 * (the whole handbook) come from the same global setup as in vitest.config.ts.
 */
export default defineConfig({
  test: {
    name: 'corpora',
    include: ['tests/corpora/**/*.test.ts'],
    pool: 'threads',
    isolate: false,
    maxWorkers: 2,
    globalSetup: ['tests/support/site-service.ts'],
    // A real corpus read several times over on a loaded two-core machine takes minutes.
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
