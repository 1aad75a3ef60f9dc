import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type SiteBrowser } from '../support/browser.ts';
import { buildSite } from '../support/build-site.ts';
import { TempRepo } from '../support/git-repo.ts';

/**
 * A garden with a history (three people, a rename, a draft, a title full of characters that break
 * XML): the recent changes page, its Atom feed (valid XML, read by Chromium's own XML parser), the
 * sitemap and the garden health page, built as the deploy workflow builds them.
 */
const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };
const bob = { name: 'Bob Smith', email: 'bob@example.com' };
// Git keeps no angle brackets in a name ("Cy Ops & Co"), but the ampersand must survive the feed.
const cy = { name: 'Cy <Ops> & Co', email: 'cy@example.com' };

let dist: string;
let site: SiteBrowser;

beforeAll(async () => {
  const repo = new TempRepo();
  repo.write({
    'content/index.md': '# Home\n\nStart with [[Planning]] and [[Budget]].\n',
    'content/Team/Planning.md': '---\nowner: Dana\n---\n# Planning\n\nHow we plan. See [[Budget]].\n',
    'content/Team/Budget.md':
      '---\ntitle: "R&D <budget> \\a bell"\ndescription: Money & time.\n---\n\nThe budget, linked from [[Planning]].\n',
  });
  repo.commit('first notes', ada);
  repo.write({ 'content/Team/Planning.md': '---\nowner: Dana\n---\n# Planning\n\nHow we plan, weekly. See [[Budget]].\n' });
  repo.commit('weekly', bob);
  repo.move('content/Team/Planning.md', 'content/Rituals/Planning.md').commit('move planning', bob);
  repo.write({ 'content/Team/Secret.md': '---\ndraft: true\n---\n# Secret plan\n\nNot yet.\n' });
  repo.commit('a draft', ada);
  repo.write({
    'content/Team/Budget.md':
      '---\ntitle: "R&D <budget> \\a bell"\ndescription: Money & time.\n---\n\nThe budget, linked from [[Planning]]. Updated.\n',
  });
  repo.commit('budget update', cy);
  ({ dist } = await buildSite(repo.path('content')));
  site = await openSite(dist);
});
afterAll(async () => {
  await site?.close();
});

async function parseXml(page: Page, file: string) {
  const text = readFileSync(path.join(dist, file), 'utf8');
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    const error = doc.querySelector('parsererror');
    const root = doc.documentElement;
    const entries = [...root.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry')].map((entry) => ({
      title: entry.getElementsByTagName('title')[0]?.textContent,
      link: entry.getElementsByTagName('link')[0]?.getAttribute('href'),
      id: entry.getElementsByTagName('id')[0]?.textContent,
      updated: entry.getElementsByTagName('updated')[0]?.textContent,
      authors: [...entry.getElementsByTagName('author')].map((author) => author.textContent?.trim()),
    }));
    const locs = [...root.getElementsByTagName('loc')].map((loc) => loc.textContent);
    return { error: error?.textContent ?? null, root: root.localName, namespace: root.namespaceURI, entries, locs };
  }, text);
}

describe('recent changes', () => {
  it('lists the notes created, updated and moved, newest first, with who and when; never a draft', async () => {
    const page = await site.newPage();
    await page.goto(`${site.origin}/recent/`);
    const rows = (await page.locator('.kg-change').allTextContents()).map((row) =>
      row
        .replace(/[\u0000-\u001f]/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(rows).toEqual([
      'R&D <budget> bell updated by Cy Ops & Co',
      'Planning moved from Team/Planning.md · by Bob Smith',
      'Planning updated by Bob Smith',
      'Home new by Ada Lovelace',
      'Planning new by Ada Lovelace',
      'R&D <budget> bell new by Ada Lovelace',
    ]);
    expect(await page.locator('.kg-changes-day h2 time').first().getAttribute('datetime')).toBe('2024-01-05');
    expect(await page.content()).not.toContain('Secret');
    await page.close();
  });

  it('is also an Atom feed: valid XML, absolute addresses, one entry per change', async () => {
    const page = await site.newPage();
    await page.goto(`${site.origin}/recent/`);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/feed.xml');
    const feed = await parseXml(page, 'feed.xml');
    expect(feed.error).toBeNull();
    expect(feed.root).toBe('feed');
    expect(feed.namespace).toBe('http://www.w3.org/2005/Atom');
    expect(feed.entries).toHaveLength(6);
    expect(feed.entries[0]).toEqual({
      title: 'R&D <budget>  bell (updated)',
      link: 'https://garden.example.com/team/budget/',
      id: expect.stringMatching(/^https:\/\/garden\.example\.com\/team\/budget\/#change-[0-9a-f]{40}$/),
      updated: '2024-01-05T12:00:00+00:00',
      authors: ['Cy Ops & Co'],
    });
    expect(new Set(feed.entries.map((entry) => entry.id)).size).toBe(6);
    for (const entry of feed.entries) expect(entry.link).toMatch(/^https:\/\/garden\.example\.com\//);
    await page.close();
  });

  it('has a sitemap of the notes, without the redirect left by the move', async () => {
    const page = await site.newPage();
    const sitemap = await parseXml(page, 'sitemap.xml');
    expect(sitemap.error).toBeNull();
    expect(sitemap.root).toBe('urlset');
    expect(sitemap.locs.sort()).toEqual([
      'https://garden.example.com/',
      'https://garden.example.com/rituals/',
      'https://garden.example.com/rituals/planning/',
      'https://garden.example.com/team/',
      'https://garden.example.com/team/budget/',
    ]);
    // The old address still works, as a redirect page, which search engines need not list.
    expect(readFileSync(path.join(dist, 'team', 'planning', 'index.html'), 'utf8')).toContain('http-equiv="refresh"');
    await page.close();
  });
});

describe('garden health', () => {
  it('lists the notes not updated for six months, with their owner or last editor', async () => {
    const page = await site.newPage();
    await page.goto(`${site.origin}/health/`);
    const rows = await page.locator('#stale ~ table tbody tr').evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('td')].map((cell) =>
          cell
            .textContent!.replace(/[\u0000-\u001f]/g, '')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      ),
    );
    expect(rows).toEqual([
      ['Home', 'Jan 1, 2024', 'no owner; last changed by Ada Lovelace'],
      ['Planning', 'Jan 3, 2024', 'Dana'],
      ['R&D <budget> bell', 'Jan 5, 2024', 'no owner; last changed by Cy Ops & Co'],
    ]);
    expect((await page.locator('.kg-flow-summary').textContent())?.replace(/\s+/g, ' ')).toContain('3 notes not updated for 180 days');
    await page.close();
  });
});
