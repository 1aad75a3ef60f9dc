import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SiteBrowser } from './browser.ts';

/** What the reading checks share: a page at a width and theme, the pages of a site, the width check. */

export async function newPage(
  target: SiteBrowser,
  width: number,
  theme: 'light' | 'dark' = 'light',
  height = 800,
): Promise<{ context: BrowserContext; page: Page }> {
  const phone = width < 600;
  const context = await target.browser.newContext({ viewport: { width, height }, colorScheme: theme, hasTouch: phone, isMobile: phone });
  return { context, page: await context.newPage() };
}

/** The pages of a built site, as addresses: every `index.html`, the page not found among them. */
export function pagesOf(dist: string): string[] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('index.html') && !file.startsWith('_') && !file.startsWith('pagefind'))
    .map((file) => `/${file.replaceAll(path.sep, '/').replace(/index\.html$/, '')}`)
    .concat('/an/old/bookmark/');
}

/**
 * Each page at each width: loaded once per kind of device (a phone, with touch, below 600 px; a
 * desktop above), then narrowed or widened in place, as the layout is CSS that follows the window.
 * Two browser contexts per kind of device at once: a page load mostly waits on one core.
 */
export async function expectNoPageWiderThanTheScreen(
  target: SiteBrowser,
  pages: string[],
  widths: number[],
  theme: 'light' | 'dark',
): Promise<void> {
  const devices = [widths.filter((width) => width < 600), widths.filter((width) => width >= 600)].filter((group) => group.length > 0);
  const halves = [pages.filter((_, index) => index % 2 === 0), pages.filter((_, index) => index % 2 === 1)].filter(
    (half) => half.length > 0,
  );
  const wide = await Promise.all(
    devices.flatMap((deviceWidths) =>
      halves.map(async (half) => {
        const { context, page } = await newPage(target, deviceWidths[0]!, theme);
        const found: string[] = [];
        for (const address of half) {
          await page.goto(`${target.origin}${address}`);
          for (const width of deviceWidths) {
            await page.setViewportSize({ width, height: 800 });
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            if (scrollWidth > width) found.push(`${address} is ${scrollWidth} px wide at ${width}`);
          }
        }
        await context.close();
        return found;
      }),
    ),
  );
  expect(wide.flat()).toEqual([]);
}
