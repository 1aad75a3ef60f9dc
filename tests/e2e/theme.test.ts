import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element } from 'hast';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSite } from '../support/e2e-garden.ts';

/**
 * The theme contract: `data-theme` on <html> is 'light' or 'dark' before the first paint, follows the
 * system until the reader chooses, and the choice is remembered from page to page without a flash.
 */
let site: Awaited<ReturnType<typeof startE2eSite>>;
beforeAll(async () => {
  site = await startE2eSite();
});
afterAll(async () => {
  await site?.stop();
});

/**
 * Records, in every document the page loads, the theme when <body> is first created and at the
 * first animation frame (before the first paint), with the body's background colour at that frame.
 */
async function watchFirstPaint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe: Record<string, unknown> = {};
    (window as unknown as { __kgFirstPaint: Record<string, unknown> }).__kgFirstPaint = probe;
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      probe.atBody = document.documentElement.dataset.theme ?? null;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
    requestAnimationFrame(() => {
      probe.atFirstFrame = document.documentElement.dataset.theme ?? null;
      probe.background = document.body ? getComputedStyle(document.body).backgroundColor : null;
    });
  });
}

/** What the probe saw, once the first frame is drawn: on a loaded machine that may be after the load event. */
async function firstPaint(page: Page): Promise<Record<string, unknown>> {
  await page.waitForFunction(() => 'atFirstFrame' in (window as unknown as { __kgFirstPaint: Record<string, unknown> }).__kgFirstPaint);
  return page.evaluate(() => (window as unknown as { __kgFirstPaint: Record<string, unknown> }).__kgFirstPaint);
}
const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const stored = (page: Page) => page.evaluate(() => localStorage.getItem('kg-theme'));
const LIGHT_BG = 'rgb(252, 252, 250)';
const DARK_BG = 'rgb(20, 22, 25)';

describe('the theme', () => {
  it('is decided by a classic blocking script of our own, first in <head>, before any stylesheet', () => {
    const tree = fromHtml(readFileSync(path.join(site.dist, 'guides', 'long-guide', 'index.html'), 'utf8'));
    const html = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html')!;
    const head = html.children.find((node): node is Element => node.type === 'element' && node.tagName === 'head')!;
    const elements = head.children.filter((node): node is Element => node.type === 'element');
    const script = elements.findIndex((element) => element.tagName === 'script');
    const stylesheet = elements.findIndex((element) => element.tagName === 'link' && String(element.properties.rel).includes('stylesheet'));
    expect(script).toBeGreaterThan(-1);
    expect(script).toBeLessThan(stylesheet);
    const { src, type, async, defer } = elements[script]!.properties;
    expect(String(src)).toMatch(/^\/_astro\/theme\.[\w-]+\.js$/);
    expect([type, async, defer]).toEqual([undefined, undefined, undefined]);
    // No inline script anywhere (the Content-Security-Policy allows none).
    expect(readFileSync(path.join(site.dist, 'guides', 'long-guide', 'index.html'), 'utf8')).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  for (const system of ['light', 'dark'] as const) {
    it(`follows a ${system} system from the first paint when the reader has not chosen`, async () => {
      const page = await site.browser.newPage({ colorScheme: system });
      await watchFirstPaint(page);
      await page.goto(`${site.origin}/guides/long-guide/`);
      expect(await firstPaint(page)).toEqual({ atBody: system, atFirstFrame: system, background: system === 'dark' ? DARK_BG : LIGHT_BG });
      expect(await page.getAttribute('[data-theme-toggle]', 'aria-pressed')).toBe(system === 'dark' ? 'true' : 'false');
      await page.close();
    });
  }

  it('remembers the choice across navigation, with the chosen theme already at the first paint', async () => {
    const context = await site.browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await watchFirstPaint(page);
    await page.goto(`${site.origin}/guides/long-guide/`);
    expect(await theme(page)).toBe('light');

    const changes = page.evaluate(
      () =>
        new Promise((resolve) =>
          document.addEventListener('kg:themechange', (event) => resolve((event as CustomEvent).detail), { once: true }),
        ),
    );
    await page.click('[data-theme-toggle]');
    expect(await changes).toEqual({ theme: 'dark' });
    expect(await theme(page)).toBe('dark');
    expect(await stored(page)).toBe('dark');
    expect(await page.getAttribute('[data-theme-toggle]', 'aria-pressed')).toBe('true');

    // Follow a link to another page: the new document is dark before its first paint.
    await Promise.all([page.waitForURL('**/guides/short-note/'), page.click('.kg-content a[href="/guides/short-note/"]')]);
    expect(await firstPaint(page)).toEqual({ atBody: 'dark', atFirstFrame: 'dark', background: DARK_BG });

    // And in a new tab of the same browser, and after a reload.
    const other = await context.newPage();
    await watchFirstPaint(other);
    await other.goto(`${site.origin}/`);
    expect(await firstPaint(other)).toEqual({ atBody: 'dark', atFirstFrame: 'dark', background: DARK_BG });
    await other.reload();
    expect(await firstPaint(other)).toEqual({ atBody: 'dark', atFirstFrame: 'dark', background: DARK_BG });
    await context.close();
  });

  it('keeps a chosen theme when the system changes, and follows the system again once the choice matches it', async () => {
    const page = await site.browser.newPage({ colorScheme: 'light' });
    await page.goto(`${site.origin}/`);
    await page.click('[data-theme-toggle]');
    expect(await stored(page)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await theme(page)).toBe('dark');

    // Choosing the system's own theme is no choice: it is forgotten, and the system leads again.
    await page.click('[data-theme-toggle]');
    expect(await theme(page)).toBe('light');
    expect(await stored(page)).toBeNull();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.close();
  });

  it('is toggled from the keyboard', async () => {
    const page = await site.browser.newPage({ colorScheme: 'light' });
    await page.goto(`${site.origin}/`);
    await page.focus('[data-theme-toggle]');
    await page.keyboard.press('Enter');
    expect(await theme(page)).toBe('dark');
    await page.keyboard.press('Space');
    expect(await theme(page)).toBe('light');
    await page.close();
  });
});
