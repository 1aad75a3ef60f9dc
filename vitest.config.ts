import { defineConfig } from 'vitest/config';
import { InterleavedSequencer } from './tests/support/sequencer.ts';

/**
 * Three projects; `npm test -- --project unit` (or `integration`, `site`) runs one of them:
 * - unit: tests/unit, in memory only: no files, git, worker threads, processes or site builds;
 *   a run takes seconds.
 * - integration: tests/integration and tests/cli: gardens on disk, git, workers, the CLI, sites
 *   built and read as files.
 * - site: tests/e2e: built sites in headless Chromium.
 * The checks on real corpora (tests/corpora) have their own configuration, vitest.corpora.config.ts.
 * Every project runs its files in worker threads that share their modules (`isolate: false`): no
 * test changes module state, and a fresh process and module graph per file cost seconds each. One
 * file per core at a time: the suite is CPU-bound (builds and Chromium in other processes), and on
 * the 2-core machine three files at once used about 8 % more CPU for the same tests and finished
 * later (393 s against 366 and 379 s).
 * A site that several files read is built once per run, when first asked for, by the global setup
 * (tests/support/site-service.ts), and shared.
 */
export default defineConfig({
  test: {
    pool: 'threads',
    isolate: false,
    maxWorkers: '100%',
    sequence: { sequencer: InterleavedSequencer },
    globalSetup: ['tests/support/site-service.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
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
          testTimeout: 300_000,
          // A file waits in `beforeAll` for the sites it reads, which may be queued behind other builds.
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          // Pages in a browser at once, in the suites that ask for it (`describe.concurrent`).
          maxConcurrency: 3,
        },
      },
    ],
  },
});
