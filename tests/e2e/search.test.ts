import { readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchPartsJson } from '../../src/core/publish/search-parts.ts';
import { cspViolations, openSite, type SiteBrowser, type SiteServer, serveSite } from '../support/browser.ts';
import { type BuiltSite, buildSite } from '../support/build-site.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'search');
let site: SiteBrowser;
/**
 * The tab the tests share, each starting with a page load of its own: a new tab is a new renderer
 * process, about a CPU-second. A test that must see the very first requests of a page opens its own.
 */
let tab: Page;
/** The same garden, its search index split in parts of at most 4 pages (a large garden's are 1,000). */
let inParts: BuiltSite;
/** The garden in one index. */
let whole: BuiltSite;
let inPartsServer: SiteServer;

beforeAll(async () => {
  [whole, inParts] = await Promise.all([buildSite(fixture), buildSite(fixture, { GARDEN_SEARCH_PART_PAGES: '4' })]);
  [site, inPartsServer] = await Promise.all([openSite(whole.dist), serveSite(inParts.dist)]);
  tab = await site.newPage();
});
afterAll(async () => {
  await Promise.all([site?.close(), inPartsServer?.close()]);
});

async function openDialog(page: Page, from = '/', origin = site.origin): Promise<void> {
  await page.goto(`${origin}${from}`);
  await page.keyboard.press('Control+k');
  await page.locator('[data-search-dialog][open]').waitFor();
}

/** Types a query and waits for the status line to settle on the results (or on "no notes"). */
async function searchFor(page: Page, query: string): Promise<string[]> {
  await page.locator('#kg-search-input').fill(query);
  await page.waitForFunction((term) => {
    const status = document.querySelector('[data-search-status]')?.textContent ?? '';
    return status.includes(`for “${term}”.`) || status.includes(`No notes match “${term}”`);
  }, query);
  return page.locator('#kg-search-results .kg-search-hit:not(.kg-search-hit-section) .kg-search-hit-title').allTextContents();
}

describe('search', () => {
  it('finds a note by a word that occurs only in its body, first', async () => {
    const page = tab;
    await openDialog(page);
    expect(await searchFor(page, 'quokkalicious')).toEqual(['Quokka facts']);
  });

  it('ranks the note with the word in its title above notes that merely mention it', async () => {
    const page = tab;
    await openDialog(page);
    const titles = await searchFor(page, 'zebra');
    expect(titles[0]).toBe('Zebra crossing');
    expect(titles).toContain('Traffic rules');
  });

  it('prefers the note the garden relies on among equally good matches', async () => {
    const page = tab;
    await openDialog(page);
    // Fern basics and Moss basics say the same thing, Moss basics in two more words, which Pagefind
    // scores about 3 % lower: a near-tie. Three notes link to Moss basics, so it comes first (without
    // the tie-breaker, Fern basics does).
    expect(await searchFor(page, 'quillwort')).toEqual(['Moss basics', 'Fern basics']);
  });

  it('narrows results with a tag filter', async () => {
    const page = tab;
    await openDialog(page);
    expect((await searchFor(page, 'shared')).sort()).toEqual(['Parking', 'Traffic rules', 'Zebra crossing']);
    // The filters wait behind one control, closed, so that the results come first.
    const toggle = page.locator('[data-search-filter-toggle]');
    expect(await page.locator('#kg-search-filters').isVisible()).toBe(false);
    expect(await toggle.textContent()).toBe('Filters');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(
      await page
        .locator('#kg-search-filters [role="group"]')
        .evaluateAll((groups) => groups.map((group) => group.querySelector('.kg-search-filter-label')?.textContent)),
    ).toEqual(['Areas', 'Tags']);
    await page.getByRole('button', { name: '#alpha' }).click();
    expect(await toggle.textContent()).toBe('Filters: 1 on');
    await page.waitForFunction(
      () => document.querySelectorAll('#kg-search-results .kg-search-hit:not(.kg-search-hit-section)').length === 2,
    );
    expect(
      (await page.locator('#kg-search-results .kg-search-hit:not(.kg-search-hit-section) .kg-search-hit-title').allTextContents()).sort(),
    ).toEqual(['Traffic rules', 'Zebra crossing']);
    // Pagefind's WebAssembly and worker run within the page's Content-Security-Policy.
    expect(await cspViolations(page)).toEqual([]);
  });

  it('opens with Ctrl+K or /, moves with the arrow keys, navigates with Enter and closes with Escape', async () => {
    const page = tab;
    await page.goto(`${site.origin}/zoology/parking/`);
    await page.keyboard.press('/');
    await page.locator('[data-search-dialog][open]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-search-dialog]:not([open])').waitFor({ state: 'attached' });
    await openDialog(page, '/zoology/parking/');
    await searchFor(page, 'shared');
    await page.keyboard.press('ArrowDown');
    const active = await page.locator('#kg-search-input').getAttribute('aria-activedescendant');
    expect(active).toBe('kg-search-results-option-1');
    const target = await page.locator(`#${active}`).getAttribute('href');
    const title = await page.locator(`#${active} .kg-search-hit-title`).textContent();
    await Promise.all([page.waitForURL(/\?highlight=shared/), page.keyboard.press('Enter')]);
    expect(page.url()).toBe(`${site.origin}${target}`);
    expect(await page.locator('h1').first().textContent()).toBe(title);
    expect(await page.locator('mark.kg-search-highlight').count()).toBeGreaterThan(0);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('keeps every key typed right after the shortcut', async () => {
    // The dialog opens and takes the keys at once; the search code arrives after.
    for (let attempt = 0; attempt < 5; attempt++) {
      const page = tab;
      await page.goto(`${site.origin}/zoology/parking/`);
      await page.keyboard.press('Control+k');
      await page.keyboard.type('quokkalicious');
      expect(await page.locator('#kg-search-input').inputValue()).toBe('quokkalicious');
      expect(await searchFor(page, 'quokkalicious')).toEqual(['Quokka facts']);
    }
  });

  it('shows results as links: a click opens one, Ctrl+click opens it in a new tab', async () => {
    const page = tab;
    await openDialog(page);
    await searchFor(page, 'shared');
    const options = page.locator('#kg-search-results [role="option"]');
    expect(await options.count()).toBeGreaterThan(2);
    expect(
      await options.evaluateAll((links) =>
        links.every((link) => link.tagName === 'A' && link.getAttribute('href')!.includes('?highlight=shared')),
      ),
    ).toBe(true);
    const first = options.first();
    const href = `${site.origin}${await first.getAttribute('href')}`;
    const [opened] = await Promise.all([page.context().waitForEvent('page'), first.click({ modifiers: ['Control'] })]);
    // A new tab starts at about:blank, which may count as loaded before the result's page does.
    await opened.waitForURL((url) => url.href === href);
    expect(page.url()).toBe(`${site.origin}/`);
    await Promise.all([page.waitForURL((url) => url.href === href), first.click()]);
    await opened.close();
  });

  it('takes the reader from a section result to that section, every searched word marked there', async () => {
    const page = tab;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openDialog(page);
    await searchFor(page, 'wombat burrow');
    const section = page.locator('#kg-search-results .kg-search-hit-section', { hasText: 'Who may dig near a wombat' });
    const href = (await section.getAttribute('href'))!;
    expect(href).toMatch(/\?highlight=wombat&highlight=burrow#who-may-dig-near-a-wombat$/);
    await Promise.all([page.waitForURL((url) => url.href === `${site.origin}${href}`), section.click()]);
    await page.locator('mark.kg-search-highlight').first().waitFor();
    // The section's heading at the top of the window once the page has settled (a busy machine may
    // still be laying it out when the marks appear; the page re-lands until then).
    const headingTop = () =>
      page.evaluate(() => Math.round(document.getElementById('who-may-dig-near-a-wombat')!.getBoundingClientRect().top));
    await expect
      .poll(
        async () => {
          const top = await headingTop();
          return top >= 0 && top < 100 ? 'at the top' : `${top} px from the top`;
        },
        { timeout: 10_000 },
      )
      .toBe('at the top');
    const landing = await page.evaluate(() => {
      const heading = document.getElementById('who-may-dig-near-a-wombat')!;
      const marked = new Set<string>();
      // The section: the heading and what follows it, up to the next heading.
      for (let at = heading.nextElementSibling; at && !/^H[1-6]$/.test(at.tagName); at = at.nextElementSibling) {
        for (const mark of at.querySelectorAll('mark.kg-search-highlight')) marked.add(mark.textContent!.toLowerCase());
      }
      return { marked: [...marked].sort() };
    });
    expect(landing.marked).toEqual(['burrow', 'wombat']);
  });

  it('does not find words that appear only in backlinks or navigation', async () => {
    const page = tab;
    await openDialog(page);
    // "platypusian" is in Linker's text, and also in the backlinks of Quokka facts: only Linker matches.
    expect(await searchFor(page, 'platypusian')).toEqual(['Linker']);
    // A folder name appears in the area filter, breadcrumbs and listings, never in a note.
    expect(await searchFor(page, 'xylophonics')).toEqual([]);
    // The site's footer and header words are not indexed either.
    expect(await searchFor(page, 'built from Markdown notes')).toEqual([]);
  });

  it('never finds a draft', async () => {
    const page = tab;
    await openDialog(page);
    expect(await searchFor(page, 'hushhushword')).toEqual([]);
  });

  it('finds notes in Chinese and Japanese by a word, from an English page', async () => {
    const page = tab;
    await openDialog(page, '/zoology/parking/');
    expect(await searchFor(page, '笔记')).toContain('笔记方法');
    expect(await searchFor(page, '知識')).toContain('日本語のメモ');
  });

  it('serves a shareable /search/?q= page', async () => {
    const page = tab;
    await page.goto(`${site.origin}/search/?q=quokkalicious`);
    await page.locator('#kg-search-page-results .kg-search-hit').first().waitFor();
    expect(
      await page.locator('#kg-search-page-results .kg-search-hit:not(.kg-search-hit-section) .kg-search-hit-title').allTextContents(),
    ).toEqual(['Quokka facts']);
    await page.locator('#kg-search-page-input').fill('zebra');
    await page.waitForURL(/q=zebra/);
  });

  it('suggests notes on the 404 page from the missing address', async () => {
    const page = tab;
    await page.goto(`${site.origin}/zoology/zebra-crosing/`);
    await page.locator('[data-missing-page] .kg-search-hit').first().waitFor();
    expect(
      await page.locator('[data-missing-page] .kg-search-hit:not(.kg-search-hit-section) .kg-search-hit-title').allTextContents(),
    ).toContain('Zebra crossing');
  });

  it('loads no search code until the reader asks for search', async () => {
    const page = await site.newPage(); // its own: every request, from the first
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`${site.origin}/zoology/parking/`);
    await page.waitForLoadState('networkidle');
    expect(requested.filter((url) => url.includes('pagefind') || /dialog|controller/.test(url))).toEqual([]);
    await page.keyboard.press('Control+k');
    await page.locator('[data-search-dialog][open]').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-search-status]')?.textContent?.startsWith('Type a word'));
    expect(requested.some((url) => url.endsWith('/pagefind/pagefind.js'))).toBe(true);
  });
});

describe('a search index in parts', () => {
  it("is written as parts, Pagefind's scripts once, each part indexed apart", () => {
    expect(inParts.output).toMatch(/search: 15 pages in 4 parts: /);
    const list = JSON.parse(readFileSync(path.join(inParts.dist, 'pagefind', 'garden-parts.json'), 'utf8')) as SearchPartsJson;
    expect(list.parts.map((part) => part.path)).toEqual(['part-1/', 'part-2/', 'part-3/']);
    for (const part of list.parts) {
      const files = readdirSync(path.join(inParts.dist, 'pagefind', part.path));
      expect(files).toContain('pagefind-entry.json');
      expect(files.filter((file) => /\.(js|css)$|^wasm\./.test(file))).toEqual([]);
    }
    // Every note page is in exactly one part.
    const firstPart = JSON.parse(readFileSync(path.join(inParts.dist, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const inFirst = Object.values(firstPart.languages).reduce((sum, language) => sum + language.page_count, 0);
    expect(inFirst + list.parts.reduce((sum, part) => sum + part.pages, 0)).toBe(15);
    expect(list.parts.filter((part) => part.pages > 0).length).toBeGreaterThan(1);
  });

  it('finds every note the same garden in one index finds, in every language, the best match first', async () => {
    // A part without the word may also offer a note with a shorter form of it (Pagefind's fallback
    // when an index lacks a word: "quokka" for "quokkalicious"), and scores differ a little between
    // parts, which count words apart: a garden's parts are 1,000 pages, not 4, and differ less.
    const queries = ['quokkalicious', 'zebra', 'shared', 'platypusian', '笔记', '知識'];
    // One dialog per site, searched again for each query, as a reader refines a search.
    const resultsOf = async (origin: string) => {
      await openDialog(tab, '/zoology/parking/', origin);
      const results = new Map<string, string[]>();
      for (const query of queries) results.set(query, await searchFor(tab, query));
      return results;
    };
    const whole = await resultsOf(site.origin);
    const parts = await resultsOf(inPartsServer.origin);
    for (const query of queries) {
      expect(whole.get(query)!.length, query).toBeGreaterThan(0);
      expect(parts.get(query), query).toEqual(expect.arrayContaining(whole.get(query)!));
      expect(parts.get(query)![0], query).toBe(whole.get(query)![0]);
    }
    // Results from every part link into the site, as the first part's do.
    await openDialog(tab, '/', inPartsServer.origin);
    await searchFor(tab, 'platypusian');
    expect(await tab.locator('#kg-search-results a.kg-search-hit').first().getAttribute('href')).toMatch(/^\/zoology\/linker\//);
    expect(await cspViolations(tab)).toEqual([]);
  });

  it('still searches an index written before the garden could split it (no list of parts: the dev server reads the last build)', async () => {
    const list = path.join(whole.dist, 'pagefind', 'garden-parts.json');
    renameSync(list, `${list}.away`);
    try {
      await openDialog(tab);
      expect(await searchFor(tab, 'quokkalicious')).toEqual(['Quokka facts']);
    } finally {
      renameSync(`${list}.away`, list);
    }
  });
});
