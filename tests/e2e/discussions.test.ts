import { afterAll, beforeAll, describe, it } from 'vitest';
import { openSite, type SiteBrowser } from '../support/browser.ts';
import { GISCUS } from '../support/giscus.ts';
import { sharedSite } from '../support/shared-sites.ts';

/**
 * The example garden built with its discussions read from the stand-in for GitHub's API (the
 * shared site `discussions`, tests/support/site-service.ts), as a reader and a subject expert meet
 * it in headless Chromium: the counts under a note's title lead to its thread, and /conversations/
 * lists the open questions. The giscus host is answered by a blank page: the machine has no internet.
 */

let site: SiteBrowser;

beforeAll(async () => {
  site = await openSite((await sharedSite('discussions')).dist);
});

afterAll(() => site?.close());

describe.concurrent('the discussions in the browser', () => {
  it('the count link under the title jumps to the thread', async ({ expect }) => {
    const page = await site.newPage({ viewport: { width: 1000, height: 700 } });
    await page
      .context()
      .route(`${GISCUS}/**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>stand-in</title>' }));
    await page.goto(`${site.origin}/writing/markdown-basics/`);
    const link = page.locator('.kg-note-header .kg-note-actions a[href="#kg-comments"]');
    await expect.poll(() => link.textContent(), { timeout: 10_000 }).toMatch(/^\s*3 comments · 6 reactions\s*$/);
    // Under the title, visible without scrolling.
    const box = await link.boundingBox();
    expect(box!.y).toBeLessThan(700);
    expect(await page.locator('#kg-comments').evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThan(700);
    await link.click();
    await page.waitForFunction(() => location.hash === '#kg-comments');
    // The thread is now in view (at the end of the page, it may not reach the top of the window).
    await expect
      .poll(() => page.locator('#kg-comments').evaluate((element) => element.getBoundingClientRect().top), { timeout: 10_000 })
      .toBeLessThan(700);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    await page.context().close();
  });

  it('/conversations/ lists the open questions, newest first, with the asker and a link to the thread', async ({ expect }) => {
    const page = await site.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${site.origin}/`);
    await page.getByRole('link', { name: 'Conversations' }).click();
    await page.waitForURL(`${site.origin}/conversations/`);
    const questions = page.locator('section[aria-labelledby="open-questions"] li');
    expect(await questions.allInnerTexts()).toEqual([
      expect.stringMatching(/^Markdown basics\s+asked by @lee-m on Dec 4, 2026 · answer on GitHub$/),
      expect.stringMatching(/^What if a link is broken\?\s+asked by @sam-o on Dec 1, 2026 · answer on GitHub$/),
    ]);
    await questions.first().getByRole('link', { name: 'Markdown basics' }).click();
    await page.waitForURL(`${site.origin}/writing/markdown-basics/#kg-comments`);
    await page.goto(`${site.origin}/conversations/`);
    await page.context().close();
  });

  it('the home page shows what people are discussing next to the notes the garden relies on', async ({ expect }) => {
    const page = await site.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${site.origin}/`);
    const discussed = page.locator('section[aria-labelledby="kg-home-discussed"]');
    expect(await discussed.getByRole('heading').textContent()).toMatch(/^\s*What people are discussing\s*$/);
    expect(await discussed.locator('li a').first().innerText()).toBe('Markdown basics');
    expect(await page.locator('section[aria-labelledby="kg-home-influential"]').isVisible()).toBe(true);
    await page.context().close();
  });
});
