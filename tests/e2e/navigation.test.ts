import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TabPool } from '../support/browser.ts';
import { ARCHIVE_NOTES, startE2eSite } from '../support/e2e-garden.ts';

/** The explorer, the table of contents and the phone menus, used as a reader uses them. */
let site: Awaited<ReturnType<typeof startE2eSite>>;
/** One tab, taken in turn by the tests (tests/support/browser.ts); the test that reads the explorer's requests has its own context. */
let tabs: TabPool;
beforeAll(async () => {
  site = await startE2eSite();
  tabs = new TabPool(site.browser);
});
afterAll(async () => {
  await site?.stop();
});

const folder = (slug: string) => `#kg-explorer li[data-folder="${slug}"]`;
const toggleOf = (slug: string) => `${folder(slug)} > .kg-tree-row > .kg-tree-toggle`;
const expanded = (page: Page, slug: string) => page.getAttribute(toggleOf(slug), 'aria-expanded');
const explorerLinks = (page: Page, slug: string) =>
  page.$$eval(`${folder(slug)} > ul > li > a, ${folder(slug)} > ul > li > .kg-tree-row > a`, (links) =>
    links.map((link) => link.textContent?.trim()),
  );

describe('the explorer', () => {
  it('shows the way to the current page open, with the page marked, and nothing else', async () => {
    await tabs.use(async (page) => {
      await page.goto(`${site.origin}/guides/deeper/nested-note/`);
      expect(await expanded(page, 'guides')).toBe('true');
      expect(await expanded(page, 'guides/deeper')).toBe('true');
      expect(await expanded(page, 'team')).toBe('false');
      expect(await page.$$(`${folder('team')} > ul`)).toHaveLength(0);
      expect(await page.textContent('#kg-explorer [aria-current="page"]')).toBe('Nested note');
    });
  });

  it('loads a folder when opened, and remembers it open on the next page', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${site.origin}/guides/long-guide/`);
    expect(requests.filter((url) => url.includes('/_garden/explorer/'))).toEqual([]);

    await page.click(toggleOf('team'));
    await page.waitForSelector(`${folder('team')} > ul a`);
    expect(await expanded(page, 'team')).toBe('true');
    expect(await explorerLinks(page, 'team')).toEqual(['Onboarding']);
    expect(requests).toContain('/_garden/explorer/team.json');

    // Closing the folder of the current page is remembered too, but the way to the page stays open.
    await page.click(toggleOf('guides'));
    expect(await expanded(page, 'guides')).toBe('false');
    expect(await page.isVisible(`${folder('guides')} > ul`)).toBe(false);

    await Promise.all([page.waitForURL('**/'), page.click('.kg-brand')]);
    await page.waitForSelector(`${folder('team')} > ul a`);
    expect(await expanded(page, 'team')).toBe('true');
    expect(await expanded(page, 'guides')).toBe('false');

    await page.goto(`${site.origin}/guides/short-note/`);
    expect(await expanded(page, 'guides')).toBe('true');
    await context.close();
  });

  it('shows a window of a very large folder, and all of it on request', async () => {
    await tabs.use(async (page) => {
      await page.goto(`${site.origin}/archive/old-note-50/`);
      const shown = await page.$$(`${folder('archive')} > ul > li.kg-tree-note`);
      expect(shown.length).toBe(40);
      expect(await page.textContent(`${folder('archive')} [aria-current="page"]`)).toBe('Old note 50');
      await page.click(`${folder('archive')} [data-explorer-more]`);
      await page.waitForFunction(
        (selector) => document.querySelectorAll(selector).length > 40,
        `${folder('archive')} > ul > li.kg-tree-note`,
      );
      const all = await explorerLinks(page, 'archive');
      expect(all).toHaveLength(ARCHIVE_NOTES);
      expect(all.slice(0, 3)).toEqual(['Old note 1', 'Old note 2', 'Old note 3']);
      expect(await page.textContent(`${folder('archive')} [aria-current="page"]`)).toBe('Old note 50');
      expect(await page.$$(`${folder('archive')} [data-explorer-more]`)).toHaveLength(0);
    });
  });

  it('works from the keyboard: a folder opens with Enter, its notes follow in the tab order', async () => {
    await tabs.use(async (page) => {
      await page.goto(`${site.origin}/guides/long-guide/`);
      await page.focus(toggleOf('team'));
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${folder('team')} > ul a`);
      await page.keyboard.press('Tab'); // the folder's own link
      await page.keyboard.press('Tab'); // its first note
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Onboarding');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(outline).toBe('solid');
    });
  });
});

describe('reading a note', () => {
  it('starts with a skip link to the note', async () => {
    await tabs.use(async (page) => {
      await page.goto(`${site.origin}/guides/long-guide/`);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      expect(await page.isVisible('.kg-skip-link')).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('kg-main');
    });
  });

  it('shows breadcrumbs, metadata and previous/next in the folder', async () => {
    await tabs.use(async (page) => {
      await page.goto(`${site.origin}/guides/long-guide/`);
      expect(await page.$$eval('.kg-breadcrumbs li', (items) => items.map((item) => item.textContent?.trim()))).toEqual([
        'Browser test garden',
        'Guides',
        'Long guide',
      ]);
      expect(await page.textContent('.kg-meta')).toMatch(/Owner:?\s*Documentation team.*Reading time:?\s*\d+ min/s);
      // Dates come from git and the frontmatter (the later update wins), so only their presence is fixed here.
      expect(await page.textContent('.kg-note-history')).toMatch(/Updated\s+\w{3} \d+, \d{4}/);
      expect(
        await page.$$eval('.kg-prev-next a', (links) =>
          links.map((link) => `${link.getAttribute('rel')} ${link.querySelector('.kg-prev-next-title')?.textContent}`),
        ),
      ).toEqual(['next Short note']);
    });
  });

  it('marks the section being read in the table of contents', async () => {
    await tabs.use(
      async (page) => {
        await page.goto(`${site.origin}/guides/long-guide/`);
        expect(await page.textContent('#kg-toc [aria-current="true"]')).toBe('Why we write things down');
        await page.evaluate(() => document.getElementById('reviewing-a-note')!.scrollIntoView({ block: 'start', behavior: 'instant' }));
        await page.waitForFunction(() => document.querySelector('#kg-toc [aria-current="true"]')?.textContent === 'Reviewing a note');
        await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
        await page.waitForFunction(
          () => document.querySelector('#kg-toc [aria-current="true"]')?.textContent === 'When a note is no longer needed',
        );
      },
      { width: 1280, height: 700 },
    );
  });

  it('turns the explorer and the table of contents into menus on a phone', async () => {
    await tabs.use(
      async (page) => {
        await page.goto(`${site.origin}/guides/long-guide/`);
        expect(await page.isVisible('#kg-explorer')).toBe(false);
        expect(await page.isVisible('#kg-toc')).toBe(false);

        await page.click('.kg-menu-button');
        expect(await page.isVisible('#kg-explorer')).toBe(true);
        await page.keyboard.press('Escape');
        expect(await page.isVisible('#kg-explorer')).toBe(false);

        await page.click('.kg-toc-button');
        expect(await page.isVisible('#kg-toc')).toBe(true);
        await page.click('#kg-toc a[href="#tables"]');
        expect(await page.isVisible('#kg-toc')).toBe(false);
        await page.waitForFunction(() => location.hash === '#tables');
      },
      { width: 390, height: 844 },
    );
  });
});

describe('the home page', () => {
  it('welcomes with the home note, then sections, recent changes, the notes the garden relies on and tags', async () => {
    await tabs.use(async (page) => {
      await page.goto(`${site.origin}/`);
      expect(await page.textContent('h1')).toBe('Browser test garden');
      const list = (id: string) =>
        page.$$eval(`#${id} + .kg-ranked li`, (items) => items.map((item) => item.textContent?.replace(/\s+/g, ' ').trim()));
      expect(await list('kg-home-sections')).toEqual([`Archive ${ARCHIVE_NOTES} notes`, 'Guides 3 notes', 'Team 2 notes']);
      expect(await list('kg-home-recent')).toEqual(['Long guide May 31, 2024']);
      expect((await list('kg-home-influential'))[0]).toBe('Long guide 4 backlinks');
      expect(
        await page.$$eval('#kg-home-tags + .kg-tags a', (links) => links.map((link) => link.textContent?.replace(/\s+/g, ' ').trim())),
      ).toEqual(['#handbook 2', '#handbook/writing 1', '#start-here 2']);
      // The home page ranks; it never lists the whole garden: the archive is its folder, in the explorer and the sections.
      expect(await page.$$eval('a[href^="/archive/"]', (links) => links.map((link) => link.getAttribute('href')))).toEqual([
        '/archive/',
        '/archive/',
      ]);
    });
  });
});
