import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspViolations, openSite, type SiteBrowser, TabPool } from '../support/browser.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';
import { expectNoPageWiderThanTheScreen, newPage as newContextWithPage, pagesOf } from '../support/reading-pages.ts';

/**
 * Reading on every screen, in headless Chromium at 320, 390, 768 and 1280 px (and around them), in
 * the light and the dark theme: the header never overlaps itself, no page is wider than the screen
 * whatever its words, every kind of page has the same content column, the search dialog shows its
 * results first, the table of contents follows the reader, the graphs name their notes without
 * overlapping or cutting titles, and the page not found helps a reader with an old address.
 *
 * Two gardens: tests/fixtures/reading (long words, wide tables, a long table of contents, the
 * garden's own 404.md) with a generated folder of notes that one search finds, built as a
 * deployment would (GARDEN_TITLE, GARDEN_REPOSITORY_URL, not in git). A sample of a real handbook
 * is read the same way in tests/corpora/reading-handbook.test.ts.
 */
const WIDTHS = [320, 390, 768, 1280];
const THEMES = ['light', 'dark'] as const;
const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'reading');
const HARBOUR_NOTES = 14;

let reading: BuiltSite;
let site: SiteBrowser;

beforeAll(async () => {
  const content = mkdtempSync(path.join(tmpdir(), 'garden-reading-'));
  cpSync(fixture, content, { recursive: true });
  mkdirSync(path.join(content, 'Harbour'));
  for (let i = 1; i <= HARBOUR_NOTES; i++) {
    const filler = 'The harbour master keeps the quay in order and writes down who comes and goes. ';
    writeFileSync(
      path.join(content, 'Harbour', `Harbour note ${i}.md`),
      `# Harbour note ${i}\n\n${filler.repeat(3)}\n\n## Harbour tides ${i}\n\n${filler.repeat(2)}\n\n## Harbour boats ${i}\n\n${filler.repeat(2)}\n`,
    );
  }
  const builds: Promise<unknown>[] = [
    buildSite(content, {
      GARDEN_TITLE: 'Reading garden',
      GARDEN_DESCRIPTION: 'Notes to read anywhere.',
      GARDEN_REPOSITORY_URL: 'https://github.com/acme/reading',
    }).then(async (built) => {
      reading = built;
      site = await openSite(built.dist);
    }),
  ];
  await Promise.all(builds);
});

afterAll(async () => {
  await site?.close();
});

/**
 * A tab per kind of device (a phone, with touch, below 600 px; a desktop), which the tests take in
 * turn at the width, height and theme each asks for (tests/support/browser.ts): `context.close()`
 * gives the tab back. A test that needs a fresh browser context makes its own.
 */
const tabs = {
  phone: new TabPool(async () => (await newContextWithPage(site, 390)).page),
  desktop: new TabPool(async () => (await newContextWithPage(site, 1280)).page),
};
async function newPage(
  width: number,
  theme: 'light' | 'dark' = 'light',
  height = 800,
): Promise<{ page: Page; context: { close(): Promise<void> } }> {
  const pool = width < 600 ? tabs.phone : tabs.desktop;
  const page = await pool.take({ width, height });
  await page.emulateMedia({ colorScheme: theme });
  return { page, context: { close: () => pool.giveBack(page) } };
}

describe('the header', () => {
  for (const theme of THEMES) {
    it(`keeps its parts side by side, inside the screen, from 320 to 1440 px (${theme})`, async () => {
      const widths = [...WIDTHS, 360, 500, 700, 801, 1024, 1440].sort((a, b) => a - b);
      // Loaded once on a phone and once on a desktop, then narrowed or widened in place: the header
      // is laid out by CSS that follows the window.
      for (const deviceWidths of [widths.filter((width) => width < 600), widths.filter((width) => width >= 600)]) {
        const { context, page } = await newPage(deviceWidths[0]!, theme);
        await page.goto(`${site.origin}/sales/tools/gcp-marketplace-guidance/`);
        for (const width of deviceWidths) {
          await page.setViewportSize({ width, height: 800 });
          const parts = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('.kg-header > *, .kg-header-nav a')]
              .filter((element) => element.matches(':not(nav)') && element.getClientRects().length > 0)
              .map((element) => {
                const box = element.getBoundingClientRect();
                return {
                  name: element.className || element.textContent,
                  left: box.left,
                  right: box.right,
                  top: box.top,
                  bottom: box.bottom,
                };
              }),
          );
          expect(parts.map((part) => part.name).filter((name) => /brand|search|menu/.test(name)).length, `${width}`).toBeGreaterThanOrEqual(
            2,
          );
          for (const part of parts) {
            expect(part.left, `${part.name} at ${width}`).toBeGreaterThanOrEqual(0);
            expect(part.right, `${part.name} at ${width}`).toBeLessThanOrEqual(width);
          }
          for (const a of parts) {
            for (const b of parts) {
              if (a === b || a.name === 'kg-header-search' || b.name === 'kg-header-search') continue;
              const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
              expect(overlap, `${a.name} / ${b.name} at ${width}`).toBe(false);
            }
          }
          expect(await page.evaluate(() => document.querySelector('.kg-header')!.getBoundingClientRect().height), `${width}`).toBeLessThan(
            70,
          );
        }
        await context.close();
      }
    });
  }

  it('names the garden from GARDEN_TITLE and GARDEN_DESCRIPTION', async () => {
    const { context, page } = await newPage(1280);
    await page.goto(`${site.origin}/guides/wide-things/`);
    expect(await page.locator('.kg-brand-name').textContent()).toBe('Reading garden');
    expect(await page.title()).toBe('Wide things · Reading garden');
    await page.goto(`${site.origin}/tags/`);
    expect(await page.locator('footer').textContent()).toContain('Reading garden');
    await context.close();
  });

  it('holds the pages and the theme toggle in the one menu on a phone', async () => {
    const { context, page } = await newPage(320, 'light');
    await page.goto(`${site.origin}/guides/wide-things/`);
    expect(await page.locator('.kg-header-nav').isVisible()).toBe(false);
    expect(await page.locator('.kg-header-theme').isVisible()).toBe(false);
    await page.locator('.kg-menu-button').tap();
    const menu = page.locator('#kg-menu');
    expect(await menu.getByRole('link', { name: 'Graph' }).isVisible()).toBe(true);
    expect(await menu.locator('#kg-explorer').isVisible()).toBe(true);
    await menu.getByRole('button', { name: 'Dark theme' }).tap();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await menu.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    await Promise.all([page.waitForURL(/\/graph\/$/), menu.getByRole('link', { name: 'Graph' }).tap()]);
    await context.close();
  });
});

describe('pages on a phone', () => {
  it('are never wider than the screen, whatever their words, tables and code', async () => {
    const pages = pagesOf(reading.dist);
    expect(pages).toContain('/sales/tools/gcp-marketplace-guidance/');
    await expectNoPageWiderThanTheScreen(site, pages, WIDTHS, 'light');
    await expectNoPageWiderThanTheScreen(site, ['/sales/tools/gcp-marketplace-guidance/', '/guides/wide-things/'], WIDTHS, 'dark');
  });

  it('wrap a long title and keep the next card and the "On this page" button on the screen', async () => {
    const { context, page } = await newPage(390);
    await page.goto(`${site.origin}/sales/tools/gcp-marketplace-guidance/`);
    const inside = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => {
          const box = element.getBoundingClientRect();
          return box.left >= 0 && box.right <= innerWidth;
        });
    expect(await inside('h1')).toBe(true);
    expect(await inside('.kg-prev-next a')).toBe(true);
    expect(await inside('.kg-content h2')).toBe(true);
    await page.goto(`${site.origin}/guides/handbook-of-many-sections/`);
    expect(await inside('.kg-toc-button')).toBe(true);
    // The table scrolls inside its own box.
    await page.goto(`${site.origin}/guides/wide-things/`);
    expect(
      await page
        .locator('.kg-content table')
        .evaluate((table) => table.scrollWidth > table.clientWidth && table.getBoundingClientRect().right <= innerWidth),
    ).toBe(true);
    await context.close();
  });
});

describe('the content column', () => {
  it('starts at the same place and has the same measure on every kind of page', async () => {
    const kinds = {
      'a note with a table of contents': '/guides/handbook-of-many-sections/',
      'a note without one': '/guides/wide-things/',
      'the home page': '/',
      'a folder page': '/sales/tools/',
      'the tags': '/tags/',
      'a tag': '/tags/reading/',
      'recent changes': '/recent/',
      'garden health': '/health/',
      search: '/search/',
      'the page not found': '/no/such/page/',
    };
    const widths = [1024, 1280, 1440];
    const { context, page } = await newPage(widths[0]!);
    // Each page loaded once, then widened in place: the columns are laid out by CSS.
    const columns = new Map<number, Record<string, string>>(widths.map((width) => [width, {}]));
    const graphLeft = new Map<number, string>();
    const column = () =>
      page.evaluate(() => {
        const box = document.querySelector('.kg-main')!.getBoundingClientRect();
        return `${Math.round(box.left)} + ${Math.round(box.width)}`;
      });
    for (const [kind, address] of Object.entries({ ...kinds, graph: '/graph/' })) {
      await page.setViewportSize({ width: widths[0]!, height: 800 });
      await page.goto(`${site.origin}${address}`);
      for (const width of widths) {
        await page.setViewportSize({ width, height: 800 });
        if (kind === 'graph') graphLeft.set(width, (await column()).split(' ')[0]!);
        else columns.get(width)![kind] = await column();
      }
    }
    await context.close();
    for (const width of widths) {
      const found = columns.get(width)!;
      expect(new Set(Object.values(found)), `${width}: ${JSON.stringify(found)}`).toHaveProperty('size', 1);
      // The graph page starts where the others start; its drawing takes the side column too.
      expect(graphLeft.get(width), `${width}`).toBe(found['the home page']!.split(' ')[0]);
    }
  });

  it("gives the page's own sections one heading size", async () => {
    const { context, page } = await newPage(1280);
    await page.goto(`${site.origin}/sales/tools/gcp-marketplace-guidance/`);
    await page.locator('[data-local-graph]').scrollIntoViewIfNeeded();
    const size = (selector: string) => page.locator(selector).evaluate((element) => getComputedStyle(element).fontSize);
    expect(await size('#kg-backlinks-title')).toBe(await size('#kg-local-graph-title'));
    expect(parseFloat(await size('#kg-backlinks-title'))).toBeLessThan(parseFloat(await size('.kg-content h2')));
    await context.close();
  });

  it('keeps the section being read in view in a long table of contents', async () => {
    const { context, page } = await newPage(1280, 'light', 600);
    await page.goto(`${site.origin}/guides/handbook-of-many-sections/`);
    for (const id of ['section-number-29', 'section-number-12', 'section-number-30']) {
      await page.evaluate((heading) => document.getElementById(heading)!.scrollIntoView({ block: 'start', behavior: 'instant' }), id);
      await page.waitForFunction(
        (heading) => document.querySelector('#kg-toc [aria-current="true"]')?.getAttribute('href') === `#${heading}`,
        id,
      );
      const seen = await page.evaluate(() => {
        const mark = document.querySelector('#kg-toc [aria-current="true"]')!.getBoundingClientRect();
        const box = document.querySelector('.kg-toc-area')!.getBoundingClientRect();
        return mark.top >= box.top && mark.bottom <= Math.min(box.bottom, innerHeight);
      });
      expect(seen, id).toBe(true);
    }
    await context.close();
  });
});

describe('the search dialog', () => {
  async function openWithResults(page: Page, phone: boolean): Promise<void> {
    await page.goto(`${site.origin}/guides/wide-things/`);
    if (phone) await page.locator('[data-search-open]').tap();
    else await page.keyboard.press('Control+k');
    await page.keyboard.type('harbour');
    await page.waitForFunction(() => document.querySelector('[data-search-status]')?.textContent?.includes('for “harbour”'));
  }

  /** Results (notes, not their sections) whose whole box is in the visible part of the list. */
  const visibleResults = (page: Page) =>
    page.evaluate(() => {
      const list = document.querySelector('#kg-search-results')!.getBoundingClientRect();
      return [...document.querySelectorAll('#kg-search-results .kg-search-hit:not(.kg-search-hit-section)')].filter((hit) => {
        const box = hit.getBoundingClientRect();
        return box.top >= list.top - 1 && box.bottom <= Math.min(list.bottom, innerHeight) + 1;
      }).length;
    });

  for (const theme of THEMES) {
    it(`shows at least five results on a 1280×800 desktop and three on a 390×844 phone, filters closed (${theme})`, async () => {
      for (const [width, height, least] of [
        [1280, 800, 5],
        [390, 844, 3],
        [320, 640, 2],
      ] as const) {
        const { context, page } = await newPage(width, theme, height);
        await openWithResults(page, width < 600);
        expect(await page.locator('#kg-search-results .kg-search-hit-section').count()).toBeGreaterThan(0);
        expect(await visibleResults(page), `${width}×${height}`).toBeGreaterThanOrEqual(least);
        expect(await page.locator('#kg-search-filters').isVisible()).toBe(false);
        expect(await page.locator('[data-search-dialog]').evaluate((dialog) => dialog.getBoundingClientRect().right <= innerWidth)).toBe(
          true,
        );
        await context.close();
      }
    });
  }

  it('gives hints that fit the device: keys with a keyboard, none on a phone', async () => {
    const desktop = await newPage(1280);
    await openWithResults(desktop.page, false);
    expect(await desktop.page.locator('[data-search-status]').textContent()).toContain('↑ ↓');
    expect(await desktop.page.locator('[data-search-close]').innerText()).toBe('Esc');
    await desktop.context.close();
    const phone = await newPage(390);
    await openWithResults(phone.page, true);
    expect(await phone.page.locator('[data-search-status]').textContent()).not.toMatch(/↑|Enter/);
    expect(await phone.page.locator('[data-search-close]').innerText()).toBe('Close');
    await phone.page.locator('[data-search-close]').tap();
    await phone.page.locator('[data-search-dialog]:not([open])').waitFor({ state: 'attached' });
    await phone.context.close();
  });
});

describe('the page not found', () => {
  it("shows the garden's own 404.md, safely, then suggestions, the home page and recent changes", async () => {
    const { context, page } = await newPage(1280);
    const response = await page.goto(`${site.origin}/sales/gcp-marketplace/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    expect(await page.locator('.kg-not-found-note').textContent()).toContain('not in the handbook');
    expect(await page.locator('.kg-not-found-note a', { hasText: 'Wide things' }).getAttribute('href')).toBe('/guides/wide-things/');
    expect(await page.locator('.kg-not-found-note :is(script, [onerror])').count()).toBe(0);
    // Below it, the garden's help for an old address: notes that resemble it, then the ways on.
    await page.locator('[data-missing-page] .kg-search-hit').first().waitFor();
    expect(await page.locator('[data-missing-page] .kg-search-hit-title').allTextContents()).toContain('GCP_Marketplace_Guidance');
    const ways = page.locator('.kg-not-found-ways a');
    expect(await ways.evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      '/search/?q=sales%20gcp%20marketplace',
      '/',
      '/recent/',
    ]);
    expect(await page.evaluate(() => (window as unknown as { notFoundScriptRan?: boolean }).notFoundScriptRan)).toBeUndefined();
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it('is reported as what it is, never as a problem', () => {
    expect(reading.output).not.toMatch(/404\.md.*(error|warning)/);
    expect(reading.output).toMatch(/garden: 0 errors, 0 warnings/);
    expect(existsSync(path.join(reading.dist, '404', 'index.html'))).toBe(false);
  });
});

describe('edit links', () => {
  it('appear under the title whenever a repository is configured, even when the notes are not in git', async () => {
    const { context, page } = await newPage(390);
    await page.goto(`${site.origin}/guides/wide-things/`);
    const edit = page.locator('.kg-note-header').getByRole('link', { name: 'Edit this note' });
    expect(await edit.getAttribute('href')).toBe('https://github.com/acme/reading/edit/main/Guides/Wide%20things.md');
    expect(await edit.isVisible()).toBe(true);
    expect(reading.output).toMatch(/edit links assume the notes are at the root of https:\/\/github\.com\/acme\/reading/);
    await context.close();
  });
});

describe('the graphs', () => {
  interface Drawing {
    width: number;
    height: number;
    labels: { key: string; text: string; x: number; y: number; width: number; height: number }[];
  }

  /** A page that keeps the titles of the last drawing, as the graph announces them (src/client/graph/labels.ts). */
  async function pageRecordingLabels(width: number): Promise<{ context: BrowserContext; page: Page; drawing: () => Promise<Drawing> }> {
    const { context, page } = await newContextWithPage(site, width);
    await context.addInitScript(() => {
      document.addEventListener('kg:graphlabels', (event) => {
        (window as unknown as { lastLabels: unknown }).lastLabels = (event as CustomEvent).detail;
      });
    });
    const drawing = async () => {
      await page.waitForFunction(() => (window as unknown as { lastLabels?: unknown }).lastLabels !== undefined);
      await page.waitForTimeout(500); // the last frame of an animation
      return page.evaluate(() => (window as unknown as { lastLabels: Drawing }).lastLabels);
    };
    return { context, page, drawing };
  }

  function expectPlacedWell(drawing: Drawing): void {
    for (const label of drawing.labels) {
      expect(label.x, label.key).toBeGreaterThanOrEqual(0);
      expect(label.y, label.key).toBeGreaterThanOrEqual(0);
      expect(label.x + label.width, label.key).toBeLessThanOrEqual(drawing.width);
      expect(label.y + label.height, label.key).toBeLessThanOrEqual(drawing.height);
    }
    for (const a of drawing.labels) {
      for (const b of drawing.labels) {
        if (a !== b)
          expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height, `${a.key} / ${b.key}`).toBe(
            false,
          );
      }
    }
  }

  for (const width of [1280, 390]) {
    it(`name the notes of a small garden, none cut or overlapping, at ${width} px`, async () => {
      const { context, page, drawing: drawn } = await pageRecordingLabels(width);
      await page.goto(`${site.origin}/graph/`);
      await page.locator('[data-graph][data-graph-ready]').waitFor();
      const drawing = await drawn();
      expectPlacedWell(drawing);
      const notes = Number((await page.locator('[data-graph-status]').textContent())!.match(/^(\d+) notes/)![1]);
      // On a desktop every note of this small garden is named; a phone's drawing has room for most.
      expect(drawing.labels.length).toBeGreaterThanOrEqual(width >= 1000 ? notes : Math.ceil(notes / 2));
      expect(drawing.labels.map((label) => label.text)).toContain('Reading garden');
      // The legend names areas by their folders' titles.
      expect(await page.locator('[data-graph-areas] li').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\s*Harbour\s+14\s*$/)]),
      );
      await context.close();
    });
  }

  it('always name the current note in its local graph', async () => {
    const { context, page, drawing: drawn } = await pageRecordingLabels(390);
    await page.goto(`${site.origin}/sales/tools/gcp-marketplace-guidance/`);
    await page.locator('[data-local-graph]').scrollIntoViewIfNeeded();
    await page.locator('[data-local-graph][data-local-ready]').waitFor();
    const drawing = await drawn();
    expectPlacedWell(drawing);
    expect(drawing.labels.map((label) => label.key)).toContain('sales/tools/gcp-marketplace-guidance');
    await context.close();
  });
});
