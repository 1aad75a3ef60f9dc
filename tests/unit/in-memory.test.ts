import { describe, expect, it } from 'vitest';

/**
 * The unit project stays in memory (vitest.config.ts): no test here imports what reads or writes
 * files, runs git or another process, or starts a worker thread. A test that needs one of them
 * belongs in tests/integration. The files are read as imports (Vite's `?raw`), not from the disk.
 */
const sources = import.meta.glob<string>('./*.test.ts', { query: '?raw', import: 'default', eager: true });

const OUTSIDE_MEMORY = [
  /from 'node:(fs|fs\/promises|child_process|worker_threads|os)'/,
  /from '\.\.\/support\/(git-repo|cli|build-site|shared-sites|site-service|e2e-garden|browser|hostile-garden|garden-state)\.ts'/,
  // The garden loaded from a folder, the scan of one, git history, workers, the layout's worker and cache.
  /from '\.\.\/\.\.\/src\/core\/(build\/|scan\/(scan|obsidian)\.ts|history\/|graph\/layout-runner)/,
];

describe('the unit tests', () => {
  it('import nothing that leaves memory', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const found = Object.entries(sources).flatMap(([file, text]) =>
      OUTSIDE_MEMORY.flatMap((pattern) => (text.match(new RegExp(pattern, 'g')) ?? []).map((match) => `${file}: ${match}`)),
    );
    expect(found).toEqual([]);
  });
});
