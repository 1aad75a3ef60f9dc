import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphJson } from '../../src/core/graph/graph-json.ts';
import { CATEGORY_COLOURS } from '../../src/client/graph/colours.ts';
import { cspViolations, openSite, type SiteBrowser } from '../support/browser.ts';
import { projectRoot } from '../support/build-site.ts';
import { sharedSite } from '../support/shared-sites.ts';

/**
 * The graph of the Sourcegraph handbook (883 notes, 2,300 links) in headless Chromium: the global
 * graph draws, pointing at a note shows its title, clicking opens it, the search box and the lists
 * make it usable from the keyboard, filters work, and a note page's local graph shows its neighbours
 * while the page loads no graph code before the reader scrolls to it.
 */
const handbook = path.resolve(projectRoot, '..', 'shared', 'corpora', 'sourcegraph-handbook');

let site: SiteBrowser;
let graph: GraphJson;
const served: { path: string; bytes: number }[] = [];

beforeAll(async () => {
  if (!existsSync(handbook)) return;
  const { dist } = await sharedSite('handbook');
  graph = JSON.parse(readFileSync(path.join(dist, 'graph.json'), 'utf8')) as GraphJson;
  site = await openSite(dist, (urlPath, bytes) => served.push({ path: urlPath, bytes }));
});
afterAll(async () => {
  await site?.close();
});

const titleOf = (slug: string) => graph.nodes.find((node) => node.slug === slug)!.title;
const linksOf = (slug: string) =>
  new Set(graph.edges.filter((edge) => edge.source === slug && edge.target !== slug).map((edge) => titleOf(edge.target)));
const backlinksOf = (slug: string) =>
  new Set(graph.edges.filter((edge) => edge.target === slug && edge.source !== slug).map((edge) => titleOf(edge.source)));

async function openGraph(query = ''): Promise<Page> {
  const page = await site.newPage({ viewport: { width: 1400, height: 1000 } });
  // Keeps the titles of the last drawing, as the graph announces them (src/client/graph/labels.ts).
  await page.addInitScript(() => {
    document.addEventListener('kg:graphlabels', (event) => {
      (window as unknown as { lastLabels: unknown }).lastLabels = (event as CustomEvent).detail;
    });
  });
  await page.goto(`${site.origin}/graph/${query}`);
  await page.locator('[data-graph][data-graph-ready]').waitFor();
  return page;
}

/** Finds a note with the search box, from the keyboard, and waits for the graph to centre on it. */
async function focusNote(page: Page, words: string, title: string): Promise<void> {
  await page.locator('#kg-graph-search').fill(words);
  await page.locator('#kg-graph-options [role="option"]').first().waitFor();
  expect(await page.locator('#kg-graph-options [aria-selected="true"]').textContent()).toContain(title);
  await page.keyboard.press('Enter');
  await page.locator('[data-graph-focus]:not([hidden])').waitFor();
  await page.waitForTimeout(700); // the camera's animation
}

/**
 * What a screenshot of an element shows: how many pixels differ from the background, and how many
 * of them have each of the areas' colours (decoded in a blank page of the browser itself).
 */
async function pixels(page: Page, element: Locator): Promise<{ drawn: number; byColour: number[] }> {
  const png = (await element.screenshot()).toString('base64');
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(
      async ({ png, colours }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${png}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        const data = context.getImageData(0, 0, image.width, image.height).data;
        const rgb = colours.map((hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)));
        const [br, bg, bb] = [
          data[4 * (image.width * 10 + 10)]!,
          data[4 * (image.width * 10 + 10) + 1]!,
          data[4 * (image.width * 10 + 10) + 2]!,
        ];
        let drawn = 0;
        const byColour = colours.map(() => 0);
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 24) drawn++;
          rgb.forEach(([cr, cg, cb], k) => {
            if (Math.abs(r - cr!) + Math.abs(g - cg!) + Math.abs(b - cb!) < 12) byColour[k]!++;
          });
        }
        return { drawn, byColour };
      },
      { png, colours: CATEGORY_COLOURS },
    );
  } finally {
    await blank.close();
  }
}

describe.skipIf(!existsSync(handbook))('the graph of the Sourcegraph handbook', () => {
  it('draws every note, in the colours of its areas, at the positions computed by the build', async () => {
    const page = await openGraph();
    expect(await page.locator('[data-graph-status]').textContent()).toContain('883 notes and 2,282 links');
    await page.waitForTimeout(500);
    const { drawn, byColour } = await pixels(page, page.locator('[data-graph-stage]'));
    // Hundreds of dots and lines: far more than a blank or failed canvas.
    expect(drawn).toBeGreaterThan(40_000);
    // Every one of the eleven colours is there: the largest areas each have their own.
    expect(byColour.filter((count) => count > 100)).toHaveLength(CATEGORY_COLOURS.length);
    // The legend lists the areas by their folders' titles: departments/ is divided into its teams, largest first.
    expect((await page.locator('[data-graph-areas] li').first().textContent())?.replace(/\s+/g, ' ').trim()).toBe('Engineering 184');
    expect(await page.locator('[data-graph-areas] li label').first().getAttribute('title')).toBe('departments/engineering');
    await page.close();
  });

  it('names dozens of notes, the most influential first, without overlapping titles or cutting one at the edge', async () => {
    const page = await openGraph();
    await page.waitForTimeout(500);
    type Drawing = { width: number; height: number; labels: { key: string; x: number; y: number; width: number; height: number }[] };
    const check = async () => {
      const drawing = await page.evaluate(() => (window as unknown as { lastLabels: Drawing }).lastLabels);
      for (const a of drawing.labels) {
        expect(a.x >= 0 && a.y >= 0 && a.x + a.width <= drawing.width && a.y + a.height <= drawing.height, a.key).toBe(true);
        for (const b of drawing.labels)
          if (a !== b)
            expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height, `${a.key} / ${b.key}`).toBe(
              false,
            );
      }
      return drawing.labels.map((label) => label.key);
    };
    const named = await check();
    expect(named.length).toBeGreaterThan(30);
    // The note the garden relies on most is among them.
    expect(named).toContain([...graph.nodes].sort((a, b) => b.rank - a.rank)[0]!.slug);
    // A found note is always named, with its neighbours around it.
    await focusNote(page, 'cloud operations', 'Cloud Operations Team');
    expect(await check()).toContain('departments/cloud');
    await page.close();
  });

  it('shows the title of the note under the pointer, and opens the note on a click', async () => {
    const page = await openGraph();
    await focusNote(page, 'cloud operations', 'Cloud Operations Team');
    const stage = (await page.locator('[data-graph-stage]').boundingBox())!;
    await page.mouse.move(stage.x + stage.width / 2 + 40, stage.y + stage.height / 2 + 40);
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2, { steps: 5 });
    const tooltip = page.locator('[data-graph-tooltip]');
    await tooltip.waitFor({ state: 'visible' });
    expect(await tooltip.textContent()).toBe('Cloud Operations Team');
    await Promise.all([
      page.waitForURL(`${site.origin}/departments/cloud/`),
      page.mouse.click(stage.x + stage.width / 2, stage.y + stage.height / 2),
    ]);
    expect(await page.locator('h1').first().textContent()).toBe('Cloud Operations Team');
    await page.close();
  });

  it("lists the found note's links and backlinks as links, and walks on from them with the keyboard", async () => {
    const page = await openGraph();
    await focusNote(page, 'cloud operations', 'Cloud Operations Team');
    expect(new URL(page.url()).searchParams.get('focus')).toBe('departments/cloud');
    const listed = async (list: string) => new Set(await page.locator(`[data-focus-${list}] li a`).allTextContents());
    expect(await listed('out')).toEqual(linksOf('departments/cloud'));
    expect(await listed('in')).toEqual(backlinksOf('departments/cloud'));
    // "Show" moves the focus to that neighbour.
    const next = page.locator('[data-focus-in] li').first();
    const nextTitle = await next.locator('a').textContent();
    await next.locator('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((title) => document.querySelector('[data-focus-title]')?.textContent === title, nextTitle);
    // The address keeps the focus, so a shared link opens the graph on it.
    const shared = await openGraph(`?focus=${encodeURIComponent('departments/cloud')}`);
    expect(await shared.locator('[data-focus-title]').textContent()).toBe('Cloud Operations Team');
    await page.close();
    await shared.close();
  });

  it('filters by area and by tag', async () => {
    const page = await openGraph();
    const boxes = page.locator('[data-graph-areas] input[type="checkbox"]');
    const count = await boxes.count();
    for (let i = 1; i < count; i++) await boxes.nth(i).uncheck();
    expect(await page.locator('[data-graph-status]').textContent()).toBe('Showing 184 of 883 notes.');
    await boxes.nth(0).uncheck();
    await boxes.nth(1).check();
    const tag = graph.nodes.flatMap((node) => (node.path.startsWith('departments/technical-success/') ? node.tags : [])).sort()[0];
    if (tag) {
      const value = await page
        .locator('[data-graph-tag] option', { hasText: `#${tag} (` })
        .first()
        .getAttribute('value');
      await page.locator('[data-graph-tag]').selectOption(value!);
      const expected = graph.nodes.filter(
        (node) => node.path.startsWith('departments/technical-success/') && node.tags.some((t) => t.toLowerCase() === tag.toLowerCase()),
      ).length;
      expect(await page.locator('[data-graph-status]').textContent()).toBe(`Showing ${expected} of 883 notes.`);
    }
    // All of it within the page's Content-Security-Policy.
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it('builds recent changes and a valid, empty feed for a garden that is not in git', async () => {
    const page = await site.newPage();
    await page.goto(`${site.origin}/recent/`);
    expect(await page.locator('main').textContent()).toContain('not read from a git repository');
    const feed = await page.evaluate(async () => {
      const text = await (await fetch('/feed.xml')).text();
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        entries: doc.getElementsByTagName('entry').length,
      };
    });
    expect(feed).toEqual({ error: null, root: 'feed', entries: 0 });
    await page.close();
  });

  it("draws a note's local graph with its links and backlinks, loading nothing for it until the reader scrolls there", async () => {
    const page = await site.newPage({ viewport: { width: 1280, height: 900 } });
    served.length = 0;
    await page.goto(`${site.origin}/departments/cloud/`);
    await page.waitForLoadState('networkidle');
    const before = served.map((entry) => entry.path);
    expect(before.filter((file) => file.includes('_garden/graph'))).toEqual([]);
    const scriptBytes = (entries: typeof served) =>
      entries.filter((entry) => entry.path.endsWith('.js')).reduce((sum, entry) => sum + entry.bytes, 0);
    const loadedFirst = scriptBytes(served);

    const section = page.locator('[data-local-graph]');
    await section.scrollIntoViewIfNeeded();
    await page.locator('[data-local-graph][data-local-ready]').waitFor();
    // Only this note's own file, and the drawing code, once scrolled to.
    expect(served.filter((entry) => entry.path.includes('_garden/graph')).map((entry) => entry.path)).toEqual([
      '/_garden/graph/local/departments/cloud.json',
    ]);
    expect(scriptBytes(served) - loadedFirst).toBeGreaterThan(50_000);
    expect(loadedFirst).toBeLessThan(60_000);

    const neighbours = new Set([...linksOf('departments/cloud'), ...backlinksOf('departments/cloud')]);
    const listed = await section.locator('[data-local-items] li a').allTextContents();
    expect(new Set(listed)).toEqual(neighbours);
    await section.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const { drawn } = await pixels(page, section.locator('[data-local-stage]'));
    expect(drawn).toBeGreaterThan(5_000);
    // Their links too: more notes, on an outer ring.
    await section.locator('[data-local-depth]').check();
    expect(await section.locator('[data-local-items] li').count()).toBeGreaterThan(neighbours.size);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });
});
