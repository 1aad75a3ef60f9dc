import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type SiteBrowser } from '../support/browser.ts';
import { buildSite } from '../support/build-site.ts';
import { TempRepo } from '../support/git-repo.ts';

/**
 * A garden whose history has a rename, built like the deploy workflow builds main: the note page
 * shows its dates, contributors and links into the repository, and the old address still leads to
 * the note.
 */
const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };
const bob = { name: 'Bob Smith', email: 'bob@example.com' };
const body = 'How the team runs its weekly planning, who joins, and what comes out of it.\n';

let dist: string;
let output: string;
let site: SiteBrowser;

beforeAll(async () => {
  const repo = new TempRepo();
  repo.write({
    'content/index.md': '# Home\n\nSee [[Weekly planning]].\n',
    'content/Team/Planning.md': `# Weekly planning\n\n${body}`,
    'content/Team/Budget.md': '# Budget\n',
  });
  repo.commit('first notes', ada);
  repo.move('content/Team/Planning.md', 'content/Rituals/Weekly planning.md').commit('move planning under rituals', bob);
  repo.write({
    'content/Rituals/Weekly planning.md': `---\naliases: [Sprint planning, /Team/Budget]\n---\n# Weekly planning\n\n${body}Bring the board.\n`,
  });
  repo.commit('add aliases', bob);
  // The alias `/Team/Budget` names the address of a real page, which must stay that page.
  ({ dist, output } = await buildSite(repo.path('content'), {
    GARDEN_REPOSITORY_URL: 'https://github.com/acme/garden',
    GARDEN_REPOSITORY_BRANCH: 'main',
  }));
  site = await openSite(dist);
});

afterAll(async () => {
  await site?.close();
});

const page = (slug: string) => readFileSync(path.join(dist, slug, 'index.html'), 'utf8');

describe('a renamed note', () => {
  it('keeps its old address: a redirect page to the new one, never over a real page', () => {
    const redirect = page('team/planning');
    expect(redirect).toContain('<meta http-equiv="refresh" content="0; url=/rituals/weekly-planning/">');
    expect(redirect).toContain('<link rel="canonical" href="https://garden.example.com/rituals/weekly-planning/">');
    expect(redirect).toContain('<meta name="robots" content="noindex">');
    expect(redirect).toMatch(/This note has moved to <a href="\/rituals\/weekly-planning\/">Weekly planning<\/a>/);
    expect(redirect).not.toMatch(/<script/);
    expect(page('rituals/sprint-planning')).toContain('url=/rituals/weekly-planning/');
    expect(page('team/budget')).toContain('<h1 class="kg-title"');
    expect(output).toMatch(/garden: 2 old addresses redirect to their notes/);
  });

  it('sends a reader who opens the old address to the note', async () => {
    const tab = await site.newPage();
    await tab.goto(`${site.origin}/team/planning/`);
    await tab.waitForURL(`${site.origin}/rituals/weekly-planning/`);
    expect(await tab.locator('h1').textContent()).toBe('Weekly planning');
    await tab.close();
  });

  it('shows when it was created and updated, by whom, and links to edit it and to its history', async () => {
    const tab = await site.newPage();
    await tab.goto(`${site.origin}/rituals/weekly-planning/`);
    const history = tab.locator('.kg-note-history');
    expect((await history.locator('li').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
      'Updated Jan 3, 2024',
      'Created Jan 1, 2024',
      'Contributors: Bob Smith, Ada Lovelace',
    ]);
    // Its stylesheet is loaded: the items are separated by a middle dot.
    expect(
      await history
        .locator('li')
        .first()
        .evaluate((li) => getComputedStyle(li, '::after').content),
    ).toBe('"·"');
    expect(
      await history
        .locator('li')
        .last()
        .evaluate((li) => getComputedStyle(li, '::after').content),
    ).toBe('none');
    expect(await history.locator('time').first().getAttribute('datetime')).toBe('2024-01-03T12:00:00+00:00');
    // The links are the note's actions, under its title.
    expect(await tab.locator('.kg-note-actions').getByRole('link', { name: 'Edit this note' }).getAttribute('href')).toBe(
      'https://github.com/acme/garden/edit/main/content/Rituals/Weekly%20planning.md',
    );
    expect(await tab.getByRole('link', { name: 'History' }).getAttribute('href')).toBe(
      'https://github.com/acme/garden/commits/main/content/Rituals/Weekly%20planning.md',
    );
    await tab.close();
  });

  it('names a day once when the note was only changed the day it was created', () => {
    const history = /<div class="kg-note-history"[^>]*>(.*?)<\/div>/s.exec(page('team/budget'))![1]!;
    expect(history).toContain('Created <time datetime="2024-01-01T12:00:00+00:00">Jan 1, 2024</time>');
    expect(history).not.toContain('Updated');
    expect(history).toContain('Contributor: Ada Lovelace');
  });
});
