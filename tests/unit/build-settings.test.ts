import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/common/limits.ts';
import { resolveGardenConfig } from '../../src/core/config/config.ts';

const project = path.resolve('/projects/garden');

describe('the build settings from the environment', () => {
  it('have their defaults when no variable is set', () => {
    expect(resolveGardenConfig({}, {}, project)).toMatchObject({
      verbose: false,
      cacheDir: path.join(project, 'node_modules', '.cache', 'knowledge-garden'),
      workers: undefined,
      noteBudgetMs: LIMITS.noteBudgetMs,
      timingsFile: undefined,
      searchPartPages: undefined,
    });
  });

  it('come from GARDEN_VERBOSE, GARDEN_CACHE_DIR, GARDEN_WORKERS, GARDEN_NOTE_BUDGET_MS, GARDEN_TIMINGS_FILE and GARDEN_SEARCH_PART_PAGES', () => {
    const env = {
      GARDEN_VERBOSE: 'yes',
      GARDEN_CACHE_DIR: '/tmp/garden-cache',
      GARDEN_WORKERS: '3',
      GARDEN_NOTE_BUDGET_MS: '250',
      GARDEN_TIMINGS_FILE: '/tmp/timings.json',
      GARDEN_SEARCH_PART_PAGES: '500',
    };
    expect(resolveGardenConfig({}, env, project)).toMatchObject({
      verbose: true,
      cacheDir: '/tmp/garden-cache',
      workers: 3,
      noteBudgetMs: 250,
      timingsFile: '/tmp/timings.json',
      searchPartPages: 500,
    });
  });

  it('keep the defaults for values they cannot use', () => {
    for (const [GARDEN_WORKERS, GARDEN_NOTE_BUDGET_MS, GARDEN_SEARCH_PART_PAGES] of [
      ['0', '0', '0'],
      ['1.5', '-5', '2.5'],
      ['many', 'soon', 'lots'],
      ['', '', ''],
    ]) {
      const config = resolveGardenConfig(
        {},
        { GARDEN_WORKERS, GARDEN_NOTE_BUDGET_MS, GARDEN_SEARCH_PART_PAGES, GARDEN_VERBOSE: '0', GARDEN_TIMINGS_FILE: '' },
        project,
      );
      expect(config, `${GARDEN_WORKERS} ${GARDEN_NOTE_BUDGET_MS}`).toMatchObject({
        workers: undefined,
        noteBudgetMs: LIMITS.noteBudgetMs,
        verbose: false,
        timingsFile: undefined,
        searchPartPages: undefined,
      });
    }
  });

  it('give git the environment the configuration was resolved from, as a copy', () => {
    const env = { PATH: '/usr/bin', HOME: '/home/ada', GARDEN_TITLE: 'Handbook' };
    const config = resolveGardenConfig({}, env, project);
    expect(config.gitEnv).toEqual(env);
    expect(config.gitEnv).not.toBe(env);
  });
});
