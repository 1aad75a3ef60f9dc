import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TabPool } from '../support/browser.ts';
import { axeViolations, startE2eSite } from '../support/e2e-garden.ts';

/**
 * axe-core on the garden's pages in headless Chromium, in the light and the dark theme: no violation
 * at the "serious" or "critical" level. A new kind of page (the search dialog, the graph page) is one
 * more line in PAGES.
 */
interface AxePage {
  name: string;
  path: string;
  /** A phone-sized window instead of a desktop one. */
  phone?: boolean;
  /** What to do before checking, e.g. open a dialog or a menu. */
  prepare?: (page: Page) => Promise<void>;
}

const PAGES: AxePage[] = [
  { name: 'the home page', path: '/' },
  { name: 'a long note', path: '/guides/long-guide/' },
  { name: 'a tag page', path: '/tags/handbook/' },
  { name: 'the list of tags', path: '/tags/' },
  { name: 'a generated folder page', path: '/guides/deeper/' },
  { name: 'the page not found', path: '/no-such-note/' },
  { name: 'a long note on a phone', path: '/guides/long-guide/', phone: true },
  { name: 'the explorer menu on a phone', path: '/guides/long-guide/', phone: true, prepare: (page) => page.click('.kg-menu-button') },
  {
    name: 'the table of contents menu on a phone',
    path: '/guides/long-guide/',
    phone: true,
    prepare: (page) => page.click('.kg-toc-button'),
  },
  {
    name: 'the search dialog with results and filters',
    path: '/guides/long-guide/',
    prepare: async (page) => {
      await page.keyboard.press('Control+k');
      await page.locator('[data-search-dialog][open]').waitFor();
      await page.locator('#kg-search-input').fill('guide');
      await page.locator('#kg-search-results .kg-search-hit').first().waitFor();
    },
  },
  {
    name: 'the search dialog on a phone, its filters open',
    path: '/guides/long-guide/',
    phone: true,
    prepare: async (page) => {
      await page.click('[data-search-open]');
      await page.locator('#kg-search-input').fill('guide');
      await page.locator('#kg-search-results .kg-search-hit').first().waitFor();
      await page.click('[data-search-filter-toggle]');
      await page.locator('#kg-search-filters [role="group"]').first().waitFor();
    },
  },
  { name: 'the search page', path: '/search/?q=guide', prepare: (page) => page.locator('.kg-search-hit').first().waitFor() },
  {
    name: 'the page not found, with its suggestions',
    path: '/guides/long-gide/',
    prepare: (page) => page.locator('[data-missing-page] .kg-search-hit').first().waitFor(),
  },
  {
    name: 'the graph page, with a note found and its links listed',
    path: '/graph/',
    prepare: async (page) => {
      await page.locator('[data-graph][data-graph-ready]').waitFor();
      await page.locator('#kg-graph-search').fill('long');
      await page.locator('#kg-graph-options [role="option"]').first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('[data-graph-focus]:not([hidden])').waitFor();
    },
  },
  {
    name: 'the graph page on a phone',
    path: '/graph/',
    phone: true,
    prepare: (page) => page.locator('[data-graph][data-graph-ready]').waitFor(),
  },
  {
    name: 'a note with its local graph drawn and listed',
    path: '/guides/long-guide/',
    prepare: async (page) => {
      await page.locator('[data-local-graph]').scrollIntoViewIfNeeded();
      await page.locator('[data-local-graph][data-local-ready]').waitFor();
      await page.locator('[data-local-list] summary').click();
    },
  },
  { name: 'recent changes', path: '/recent/' },
  { name: 'garden health', path: '/health/' },
  {
    name: 'the explorer with a folder opened',
    path: '/guides/long-guide/',
    prepare: async (page) => {
      await page.click('li[data-folder="team"] > .kg-tree-row > .kg-tree-toggle');
      await page.waitForSelector('li[data-folder="team"] > ul a');
    },
  },
];

let site: Awaited<ReturnType<typeof startE2eSite>>;
let tabs: TabPool;
beforeAll(async () => {
  site = await startE2eSite();
  tabs = new TabPool(site.browser);
});
afterAll(async () => {
  await site?.stop();
});

// Three pages at once, in three tabs taken in turn: axe mostly waits on one core.
describe.concurrent('in the light and the dark theme', () => {
  for (const target of PAGES) {
    it(`${target.name} has no serious or critical accessibility violation`, async () => {
      await tabs.use(
        async (page) => {
          await page.goto(`${site.origin}${target.path}`);
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
          await target.prepare?.(page);
          const light = await axeViolations(page);
          expect(light, `light: ${JSON.stringify(light, null, 2)}`).toEqual([]);
          // The same page in the same state, after the system turns dark: the garden follows it at
          // once (src/client/theme/theme.js), so loading and preparing the page again would test nothing more.
          await page.emulateMedia({ colorScheme: 'dark' });
          await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
          const dark = await axeViolations(page);
          expect(dark, `dark: ${JSON.stringify(dark, null, 2)}`).toEqual([]);
        },
        target.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      );
    });
  }
});
