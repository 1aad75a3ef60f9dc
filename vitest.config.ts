import { defineConfig } from 'vitest/config';

/**
 * Three projects (`npm test -- --project unit`, `integration` or `site`; docs/contributing.md):
 * - unit: tests/unit, in memory only: no files, git, worker threads, processes or site builds.
 *   Its files share one module graph per worker (`isolate: false`), so a run takes seconds.
 * - integration: tests/integration and tests/cli: gardens on disk, git, workers, the CLI, the real
 *   corpora, sites built and read as files.
 * - site: tests/e2e: built sites in headless Chromium.
 * A site that several files read is built once per run, when first asked for, by the global setup
 * (tests/support/site-service.ts), and shared.
 */
export default defineConfig({
  test: {
    globalSetup: ['tests/support/site-service.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          pool: 'threads',
          isolate: false,
          // A stylesheet imported with `?raw` is its text, as in Vite (vitest empties CSS by default).
          css: { include: [/\?raw$/] },
          testTimeout: 10_000,
          hookTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/cli/**/*.test.ts'],
          testTimeout: 120_000,
          // A file waits in `beforeAll` for the sites it reads, which may be queued behind other builds.
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
