import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GardenConfigError, resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { gardenHealth } from '../../src/core/graph/health.ts';
import type { IndexedNote } from '../../src/core/index/types.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';
import { healthView } from '../../src/site/health-view.ts';

/**
 * tests/fixtures/health: Alpha and Beta (area one) are linked from the home page; Gamma and Delta
 * (area two) are linked from nowhere; Beta and Delta link nowhere; Alpha and Gamma want notes that
 * do not exist (and Alpha a missing image); the draft Epsilon links to Delta and wants a note too,
 * which must count for nothing.
 */
const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'health');
let garden: Garden;
beforeAll(async () => {
  garden = await loadGarden(resolveGardenConfig({ content: fixture }, {}));
});

const now = new Date('2025-06-01T00:00:00Z');
const updates: Record<string, { date: string; by?: string }> = {
  'area-one/alpha': { date: '2025-05-20T10:00:00Z', by: 'Ana' },
  'area-one/beta': { date: '2024-01-15T10:00:00Z', by: 'Carla' },
  'area-two/gamma': { date: '2023-07-02T10:00:00Z', by: 'Dan' },
};
const lastUpdated = (note: IndexedNote) => {
  const update = updates[note.slug];
  return update && { date: new Date(update.date), by: update.by };
};

describe('garden health on a fixture garden', () => {
  it('lists orphans: published notes no other published note links to (never the home page)', () => {
    expect(gardenHealth(garden.index, { lastUpdated, staleAfterDays: 180, now }).orphans).toEqual(['area-two/delta', 'area-two/gamma']);
  });

  it('lists dead ends: notes that link to no other note (links to notes not written yet lead nowhere)', () => {
    expect(gardenHealth(garden.index, { lastUpdated, staleAfterDays: 180, now }).deadEnds).toEqual([
      'area-one/beta',
      'area-two/delta',
      'area-two/gamma',
    ]);
  });

  it('lists wanted notes with how many notes want each, most wanted first; files and drafts are not wanted notes', () => {
    expect(gardenHealth(garden.index, { lastUpdated, staleAfterDays: 180, now }).wanted).toEqual([
      { name: 'Missing idea', wantedBy: ['area-one/alpha', 'area-two/gamma'] },
      { name: 'Another gap', wantedBy: ['area-two/gamma'] },
    ]);
  });

  it('lists notes not updated for the configured time, oldest first, with owner and last editor', () => {
    const health = gardenHealth(garden.index, { lastUpdated, staleAfterDays: 180, now });
    expect(health.stale).toEqual([
      { slug: 'area-two/gamma', lastUpdated: new Date('2023-07-02T10:00:00Z'), owner: undefined, lastUpdatedBy: 'Dan' },
      { slug: 'area-one/beta', lastUpdated: new Date('2024-01-15T10:00:00Z'), owner: 'Ben', lastUpdatedBy: 'Carla' },
    ]);
    expect(health.undated).toBe(2);
    // A longer time keeps only the oldest.
    expect(gardenHealth(garden.index, { lastUpdated, staleAfterDays: 600, now }).stale.map((note) => note.slug)).toEqual([
      'area-two/gamma',
    ]);
  });

  it('reads "last updated" from the frontmatter when there is no git history', () => {
    const view = healthView(garden.index, undefined, new SiteUrls('/docs/'), 180, now);
    expect(view.stale.shown).toEqual([
      { title: 'Beta', url: '/docs/area-one/beta/', updated: '2020-03-01', owner: 'Ben', lastUpdatedBy: undefined },
    ]);
    expect(view.wanted.shown[0]).toEqual({
      name: 'Missing idea',
      url: '/docs/missing-idea/',
      count: 2,
      from: [
        { title: 'Alpha', url: '/docs/area-one/alpha/' },
        { title: 'Gamma', url: '/docs/area-two/gamma/' },
      ],
    });
    expect(view.orphans).toEqual({
      shown: [
        { title: 'Delta', url: '/docs/area-two/delta/' },
        { title: 'Gamma', url: '/docs/area-two/gamma/' },
      ],
      total: 2,
    });
  });
});

describe('the health option', () => {
  it('defaults to 180 days and takes another number of days', () => {
    expect(resolveGardenConfig({}, {}).health.staleAfterDays).toBe(180);
    expect(resolveGardenConfig({ health: { staleAfterDays: 365 } }, {}).health.staleAfterDays).toBe(365);
  });

  it('says how to fix a wrong value', () => {
    expect(() => resolveGardenConfig({ health: { staleAfterDays: 'six months' as never } }, {})).toThrow(
      /health\.staleAfterDays: `health\.staleAfterDays` must be a number of days, e\.g\. 180/,
    );
    expect(() => resolveGardenConfig({ health: { staleAfterDays: 0 } }, {})).toThrow(/must be at least 1/);
    expect(() => resolveGardenConfig({ health: { staleAfterDays: 180, stale: 1 } as never }, {})).toThrow(GardenConfigError);
  });
});
