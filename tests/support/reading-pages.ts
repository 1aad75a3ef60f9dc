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

/** Each width in its own browser context, all at once: a page load mostly waits on one core. */
export async function expectNoPageWiderThanTheScreen(
  target: SiteBrowser,
  pages: string[],
  widths: number[],
  theme: 'light' | 'dark',
): Promise<void> {
  const wide = await Promise.all(
    widths.map(async (width) => {
      const { context, page } = await newPage(target, width, theme);
      const found: string[] = [];
      for (const address of pages) {
        await page.goto(`${target.origin}${address}`);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) found.push(`${address} is ${scrollWidth} px wide at ${width}`);
      }
      await context.close();
      return found;
    }),
  );
  expect(wide.flat()).toEqual([]);
}
