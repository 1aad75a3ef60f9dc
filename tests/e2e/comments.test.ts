import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, scrollToBottom, type SiteBrowser } from '../support/browser.ts';
import { GISCUS, giscusEnv } from '../support/giscus.ts';
import { buildSite, type BuiltSite } from '../support/build-site.ts';

/**
 * The comment threads as a reader meets them, in headless Chromium, on the fixture garden built
 * with giscus configured (through the GARDEN_GISCUS_* variables) and without. The machine has no
 * internet, so these tests look at what our page creates: the giscus frame and its address, and
 * the messages our page sends it. Requests to the giscus server are answered by a stand-in page
 * that records those messages.
 */

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'comments');
// Records every message the page posts to the frame, as the real giscus app would receive it, and
// tells the page its height as soon as it is drawn, as giscus does.
const STAND_IN_WIDGET = `<!doctype html><title>giscus stand-in</title><script>
  window.received = [];
  addEventListener('message', (event) => window.received.push({ origin: event.origin, data: event.data }));
  parent.postMessage({ giscus: { resizeHeight: 320 } }, '*');
</script>`;

/** Longer than the page waits for giscus to answer (ANSWER_TIMEOUT_MS in src/client/comments/giscus.ts). */
const PAST_ANSWER_TIME_MS = 7000;

let configured: BuiltSite;
let unconfigured: BuiltSite;
let siteWith: SiteBrowser;
let siteWithout: SiteBrowser;

beforeAll(async () => {
  [configured, unconfigured] = await Promise.all([buildSite(fixture, giscusEnv), buildSite(fixture)]);
  [siteWith, siteWithout] = await Promise.all([openSite(configured.dist), openSite(unconfigured.dist)]);
});

afterAll(async () => {
  await siteWith?.close();
  await siteWithout?.close();
});

interface Reader {
  context: BrowserContext;
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Every script the page downloaded. Their text is fetched again from the server when asked: the
   * browser drops a response's body once the page navigates away, so reading it there races the next page. */
  scripts: Set<string>;
}

async function openReader(
  site: SiteBrowser,
  options: { colorScheme?: 'light' | 'dark'; giscusUnreachable?: boolean; movableClock?: boolean } = {},
): Promise<Reader> {
  const context = await site.browser.newContext({ viewport: { width: 1000, height: 700 }, colorScheme: options.colorScheme ?? 'light' });
  // Unreachable: what a corporate filter, an ad blocker or no connection does to the frame's request.
  if (options.giscusUnreachable) await context.route(`${GISCUS}/**`, (route) => route.abort('blockedbyclient'));
  else await context.route(`${GISCUS}/**`, (route) => route.fulfill({ contentType: 'text/html', body: STAND_IN_WIDGET }));
  // The page's timers on a clock the test moves past a wait instead of waiting in real time, which
  // a busy machine can stretch (time still flows on its own).
  if (options.movableClock) await context.clock.install();
  const page = await context.newPage();
  const requests: string[] = [];
  const scripts: Reader['scripts'] = new Set();
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    const url = new URL(response.url());
    // The garden's own scripts: the giscus origin is a stand-in here and is not fetched again.
    if (/\.m?js$/.test(url.pathname) && !response.url().startsWith(GISCUS)) scripts.add(response.url());
  });
  return { context, page, requests, scripts };
}

async function open(reader: Reader, site: SiteBrowser, pagePath: string): Promise<void> {
  await reader.page.goto(`${site.origin}${pagePath}`, { waitUntil: 'networkidle' });
}

async function frameAddress(page: Page): Promise<URL> {
  const frame = page.locator('giscus-widget iframe');
  await frame.waitFor({ state: 'attached' });
  return new URL((await frame.getAttribute('src'))!);
}

function giscusFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(`${GISCUS}/`));
  if (!frame) throw new Error('no giscus frame');
  return frame;
}

/** The themes our page has sent to the giscus frame, in order. */
async function themesSent(page: Page): Promise<string[]> {
  const received = (await giscusFrame(page).evaluate('window.received')) as { data: { giscus?: { setConfig?: { theme?: string } } } }[];
  return received.map((message) => message.data.giscus?.setConfig?.theme).filter((theme): theme is string => theme !== undefined);
}

/** Comments code is recognisable by what it looks for: the thread's container. */
const COMMENTS_CODE = 'data-kg-giscus';

/** The scripts the reader's pages downloaded that are comments code. */
async function commentsScripts(reader: Reader): Promise<string[]> {
  const texts = await Promise.all(
    [...reader.scripts].map(async (url) => ({ url, text: await (await reader.context.request.get(url)).text() })),
  );
  return texts.filter((script) => script.text.includes(COMMENTS_CODE)).map((script) => script.url);
}

const footerTop = (page: Page) => page.evaluate(() => document.querySelector('.kg-footer')!.getBoundingClientRect().top + window.scrollY);

describe('a garden built with giscus configured', () => {
  it('loads the thread only when the reader scrolls near it, without moving the page', async () => {
    const reader = await openReader(siteWith);
    const { page, requests } = reader;
    await open(reader, siteWith, '/onboarding-checklist/');
    const footerBefore = await footerTop(page);
    expect(await page.locator('[data-kg-giscus]').count()).toBe(1);
    expect(await page.locator('giscus-widget').count()).toBe(0);
    // Neither the giscus code nor its server is touched before the reader comes near the thread.
    expect(requests.filter((url) => url.startsWith(GISCUS) || /\/_astro\/giscus\.[^/]*\.js$/.test(url))).toEqual([]);
    expect(await page.evaluate(() => customElements.get('giscus-widget'))).toBeUndefined();

    await scrollToBottom(page);
    const address = await frameAddress(page);
    expect(requests.some((url) => /\/_astro\/giscus\.[^/]*\.js$/.test(url))).toBe(true);
    expect(await commentsScripts(reader)).toHaveLength(1);
    expect(await footerTop(page)).toBe(footerBefore);
    expect(address.origin + address.pathname).toBe(`${GISCUS}/en/widget`);
    const params = Object.fromEntries(address.searchParams);
    expect(params).toMatchObject({
      repo: 'acme/handbook',
      repoId: 'R_kgDOTest1',
      category: 'Note comments',
      categoryId: 'DIC_kwDOTest1c',
      term: 'onb-4k8d2m',
      strict: '1',
      reactionsEnabled: '1',
      inputPosition: 'bottom',
      theme: 'light',
      origin: `${siteWith.origin}/onboarding-checklist/`,
    });
    await reader.context.close();
  });

  it('follows the page theme: the data-theme attribute first, else the system colour scheme', async () => {
    const reader = await openReader(siteWith);
    const { page } = reader;
    await open(reader, siteWith, '/onboarding-checklist/');
    await scrollToBottom(page);
    expect((await frameAddress(page)).searchParams.get('theme')).toBe('light');
    const widget = page.locator('giscus-widget');
    // Once the frame has loaded, the widget sends it its configuration (theme included).
    await expect.poll(() => themesSent(page)).toEqual(['light']);

    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expect.poll(() => widget.getAttribute('theme')).toBe('dark');
    await expect.poll(() => themesSent(page)).toEqual(['light', 'dark']);

    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await expect.poll(() => themesSent(page)).toEqual(['light', 'dark', 'light']);

    // Without data-theme the system's preference decides, and a change of it is followed.
    await page.evaluate(() => delete document.documentElement.dataset.theme);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => themesSent(page)).toEqual(['light', 'dark', 'light', 'dark']);
    expect(await widget.getAttribute('theme')).toBe('dark');
    // The frame is restyled in place, never reloaded.
    expect((await frameAddress(page)).searchParams.get('theme')).toBe('light');
    await reader.context.close();
  });

  it('opens the thread in the theme the page has when it loads', async () => {
    const dark = await openReader(siteWith, { colorScheme: 'dark' });
    await open(dark, siteWith, '/onboarding-checklist/');
    await scrollToBottom(dark.page);
    expect((await frameAddress(dark.page)).searchParams.get('theme')).toBe('dark');

    // The site's own choice wins over the system's.
    await open(dark, siteWith, '/guides/note-without-id/');
    await dark.page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await scrollToBottom(dark.page);
    expect((await frameAddress(dark.page)).searchParams.get('theme')).toBe('light');
    await dark.context.close();
  });

  it('keys a note without an id by its address', async () => {
    const reader = await openReader(siteWith);
    await open(reader, siteWith, '/guides/note-without-id/');
    await scrollToBottom(reader.page);
    expect((await frameAddress(reader.page)).searchParams.get('term')).toBe('/guides/note-without-id/');
    await reader.context.close();
  });

  it('shows no thread, and ships no comments code, on a note with comments: false', async () => {
    const reader = await openReader(siteWith);
    const { page, requests } = reader;
    await open(reader, siteWith, '/quiet-note/');
    await scrollToBottom(page);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#kg-comments, [data-kg-giscus], giscus-widget, iframe').count()).toBe(0);
    expect(page.frames()).toHaveLength(1);
    expect(await commentsScripts(reader)).toEqual([]);
    expect(requests.filter((url) => url.startsWith(GISCUS) || /\/_astro\/giscus\.[^/]*\.js$/.test(url))).toEqual([]);
    await reader.context.close();
  });

  it('loads the thread at once when the reader comes back from signing in', async () => {
    const reader = await openReader(siteWith);
    const { page } = reader;
    await open(reader, siteWith, '/onboarding-checklist/?giscus=session-from-github');
    const address = await frameAddress(page);
    expect(address.searchParams.get('session')).toBe('session-from-github');
    // giscus keeps the session and removes it from the address bar.
    expect(new URL(page.url()).search).toBe('');
    await reader.context.close();
  });

  it('links to the thread from the top of the note, and loads it when the reader follows the link', async () => {
    const reader = await openReader(siteWith, { movableClock: true });
    const { page } = reader;
    await open(reader, siteWith, '/onboarding-checklist/');
    const jump = page.locator('.kg-note-header').getByRole('link', { name: 'Comments' });
    expect(await jump.getAttribute('href')).toBe('#kg-comments');
    await jump.click();
    await frameAddress(page);
    // The thread's heading is in the top half of the window. (Not a pixel bound: while the frame
    // loads the page below may still grow, and under load the heading settled 208 px down.)
    const landing = await page
      .locator('#kg-comments-title')
      .evaluate((heading) => ({ top: heading.getBoundingClientRect().top, height: window.innerHeight }));
    expect(landing.top).toBeGreaterThanOrEqual(0);
    expect(landing.top).toBeLessThan(landing.height / 2);
    // The stand-in answers like giscus (its height, which the widget gives the frame): no failure
    // notice, even once the time the page gives giscus to answer has passed.
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('giscus-widget')?.shadowRoot?.querySelector('iframe')?.style.height === '320px',
    );
    await reader.context.clock.fastForward(PAST_ANSWER_TIME_MS);
    expect(await page.locator('.kg-comments-failure').count()).toBe(0);
    expect(await page.locator('giscus-widget').isVisible()).toBe(true);
    await reader.context.close();
  });

  it('says so, with a link to the discussion on GitHub, when the giscus host is unreachable', async () => {
    const reader = await openReader(siteWith, { giscusUnreachable: true, movableClock: true });
    const { page } = reader;
    await open(reader, siteWith, '/onboarding-checklist/');
    await scrollToBottom(page);
    await frameAddress(page);
    await reader.context.clock.fastForward(PAST_ANSWER_TIME_MS);
    const failure = page.locator('.kg-comments-failure');
    // Shown when the page's clock passes the wait (well before the real one would).
    await failure.waitFor({ timeout: 3000 });
    expect(await failure.textContent()).toMatch(/could not be loaded here/);
    const link = failure.getByRole('link', { name: 'Read and join it on GitHub' });
    const address = new URL((await link.getAttribute('href'))!);
    expect(address.origin + address.pathname).toBe('https://github.com/acme/handbook/discussions');
    expect(address.searchParams.get('discussions_q')).toBe('in:title "onb-4k8d2m"');
    // The broken frame is not shown.
    expect(await page.locator('giscus-widget').isVisible()).toBe(false);
    await reader.context.close();
  });

  it('reports the notes that have no id', () => {
    expect(configured.output).toMatch(
      /comments: giscus threads in acme\/handbook, category "Note comments", via https:\/\/giscus\.app: 3 notes, 1 with `comments: false`\./,
    );
    expect(configured.output).toMatch(/comments: 1 note has no `id`[^\n]*\n[^\n]*Guides\/Note without id\.md/);
  });
});

describe('a garden built without giscus configuration', () => {
  const pages = () =>
    readdirSync(unconfigured.dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html'))
      .map((file) => `/${file.replaceAll(path.sep, '/')}`.replace(/index\.html$/, ''));

  it('has no comment frame, and no comments code, on any page', async () => {
    expect(pages().length).toBeGreaterThanOrEqual(6);
    const reader = await openReader(siteWithout);
    for (const pagePath of pages()) {
      expect(readFileSync(path.join(unconfigured.dist, pagePath, pagePath.endsWith('.html') ? '' : 'index.html'), 'utf8')).not.toContain(
        COMMENTS_CODE,
      );
      await open(reader, siteWithout, pagePath);
      await scrollToBottom(reader.page);
      expect(await reader.page.locator('#kg-comments, giscus-widget, iframe').count(), pagePath).toBe(0);
      expect(reader.page.frames(), pagePath).toHaveLength(1);
    }
    expect(reader.requests.filter((url) => url.startsWith(GISCUS))).toEqual([]);
    expect(await commentsScripts(reader)).toEqual([]);
    await reader.context.close();
  });

  it('says so in one line of the build output, without listing notes', () => {
    const lines = unconfigured.output.split('\n').filter((line) => line.includes('comments:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/comments: off\. To give every note a discussion thread .* astro\.config\.mjs/);
    expect(unconfigured.output).toMatch(/garden: 0 errors, 0 warnings/);
    expect(unconfigured.output).not.toMatch(/no `id`|Note without id\.md/);
  });
});
