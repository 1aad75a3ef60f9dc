import { mkdirSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../support/build-site.ts';
import { cspViolations, openSite, type SiteBrowser } from '../support/browser.ts';

/**
 * End to end, in headless Chromium: a built page with an embed, a callout, math and a Mermaid
 * diagram renders; Mermaid loads only where a diagram is; hover previews appear over internal links,
 * for the pointer and the keyboard, without moving the page, and never on touch screens.
 */
const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'obsidian-site');
const screenshots = path.join(tmpdir(), 'garden-e2e');

describe('Obsidian features in the browser', () => {
  let site: SiteBrowser;
  let dist: string;

  beforeAll(async () => {
    ({ dist } = await buildSite(fixture));
    site = await openSite(dist);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await site?.close();
  });

  /**
   * Opens a page and records the scripts it loads, by address. Their text is fetched again from the
   * server when asked (`scriptTexts`): the browser drops a response's body once its page moves on.
   */
  async function open(pagePath: string, options: BrowserContextOptions = {}): Promise<{ page: Page; scripts: Set<string> }> {
    const page = await site.newPage({ viewport: { width: 1100, height: 900 }, ...options });
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
    });
    await page.goto(`${site.origin}${pagePath}`, { waitUntil: 'networkidle' });
    return { page, scripts };
  }

  /** The text of each script, by address. */
  async function scriptTexts(page: Page, scripts: Set<string>): Promise<Map<string, string>> {
    const texts = await Promise.all(
      [...scripts].map(async (script) => [script, await (await page.context().request.get(`${site.origin}${script}`)).text()] as const),
    );
    return new Map(texts);
  }

  it('renders an embed, a callout, math and a diagram', async () => {
    const { page, scripts } = await open('/features/');
    const embed = page.locator('.kg-embed');
    await expect(embed.locator('.kg-embed-title a').textContent()).resolves.toBe('Embedded › Part to embed');
    await expect(embed.locator('.kg-embed-content').textContent()).resolves.toContain('Embedded text that links to Target.');
    expect(await embed.locator('.kg-embed-content').textContent()).not.toContain('Not shown in the embed.');

    const callout = page.locator('.kg-callout.kg-callout-warning');
    expect(await callout.locator('.kg-callout-title').textContent()).toBe('Mind the gap');
    expect(await callout.locator('.kg-callout-icon').isVisible()).toBe(true);

    // MathML laid out by the browser: the inline formula has a size, the block one is a block.
    const inline = await page.locator('.kg-math:not(.kg-math-display) math').boundingBox();
    const block = await page.locator('div.kg-math-display math').boundingBox();
    expect(inline?.width).toBeGreaterThan(20);
    expect(block?.height).toBeGreaterThan(inline?.height ?? 0);

    const diagram = page.locator('.kg-mermaid-diagram svg');
    await diagram.waitFor({ timeout: 30_000 });
    expect(await diagram.textContent()).toContain('Review');
    expect(await page.locator('pre.kg-mermaid').count()).toBe(0);
    const file = path.join(screenshots, 'obsidian-features.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);

    // Mermaid comes from its own prebuilt modules, which the build publishes as they are
    // (src/core/publish/diagram-code.ts): the entry and the chunks this flowchart needs.
    const mermaid = [...scripts].filter((script) => script.startsWith('/_garden/mermaid/'));
    expect(mermaid.filter((script) => script.endsWith('/mermaid.esm.min.mjs'))).toHaveLength(1);
    expect(mermaid.some((script) => /\/chunks\/mermaid\.esm\.min\/flowDiagram-[^/]+\.mjs$/.test(script))).toBe(true);
    // None of it is bundled with the site's own scripts (bundling it cost every build time and memory).
    expect(
      readdirSync(path.join(dist, '_astro')).filter(
        (file) => /Diagram|cytoscape|katex|mermaid/i.test(file) && !file.startsWith('Diagrams.astro'),
      ),
    ).toEqual([]);
    const texts = [...(await scriptTexts(page, scripts)).values()];
    const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const gzipped = texts.reduce((sum, text) => sum + gzipSync(text).length, 0);
    console.log(
      `scripts of a page with one flowchart: ${scripts.size} files, ${Math.round(bytes / 1024)} KiB (${Math.round(gzipped / 1024)} KiB gzipped)`,
    );
    // Mermaid's styling is allowed on pages with a diagram only (src/site/csp.ts); nothing else is needed.
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it('loads no diagram code on a page without a diagram, and the preview card only on demand', async () => {
    const { page, scripts } = await open('/plain/');
    const listener = [...scripts].filter((url) => /HoverPreviews/.test(url));
    expect(listener).toHaveLength(1);
    expect(Buffer.byteLength((await scriptTexts(page, new Set(listener))).get(listener[0]!)!)).toBeLessThan(1024);
    expect([...scripts].some((url) => /preview-card|Diagrams|_garden\/mermaid/.test(url))).toBe(false);
    await page.hover('a.internal[href="/target/"]');
    await page.locator('.kg-preview:not([hidden])').waitFor();
    expect([...scripts].some((url) => /preview-card/.test(url))).toBe(true);
    // Mermaid announces itself in its code; no script of this page mentions it.
    expect([...(await scriptTexts(page, scripts)).values()].filter((text) => /mermaid/i.test(text))).toEqual([]);
    await page.close();
  });

  it('shows a preview card of the target when the pointer rests on an internal link', async () => {
    const { page } = await open('/features/');
    const link = page.locator('.kg-content > p a.internal', { hasText: 'Target' }).first();
    await link.scrollIntoViewIfNeeded();
    // Lazy parts (a diagram, pictures) may still be settling on a busy machine: measure once they are.
    const before = await settledBox(page.locator('article .kg-content'));
    await link.hover();
    const card = page.locator('.kg-preview:not([hidden])');
    await card.waitFor();
    expect(await card.locator('.kg-preview-title').textContent()).toBe('Target');
    expect(await card.textContent()).toContain("The target's introduction");
    expect(await link.getAttribute('aria-describedby')).toBe('kg-preview');
    // The card floats over the page: nothing moved.
    expect(await page.locator('article .kg-content').boundingBox()).toEqual(before);
    const box = await card.boundingBox();
    const linkBox = await link.boundingBox();
    expect(box!.y).toBeGreaterThan(linkBox!.y + linkBox!.height - 1);
    await page.screenshot({ path: path.join(screenshots, 'hover-preview.png') });
    await page.mouse.move(5, 5);
    await page.locator('.kg-preview').waitFor({ state: 'hidden' });
    expect(await link.getAttribute('aria-describedby')).toBeNull();
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it('previews only the linked section', async () => {
    const { page } = await open('/features/');
    await page.locator('a.internal', { hasText: 'a section of it' }).hover();
    const card = page.locator('.kg-preview:not([hidden])');
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('Only this section is previewed');
    expect(text).not.toContain("The target's introduction");
    await page.close();
  });

  it('shows the card for keyboard focus and closes it on Escape', async () => {
    const { page } = await open('/features/');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.matches('a.internal') ?? false)) break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Target');
    const card = page.locator('.kg-preview:not([hidden])');
    await card.waitFor();
    expect(await card.locator('.kg-preview-title').textContent()).toBe('Target');
    await page.keyboard.press('Escape');
    await page.locator('.kg-preview').waitFor({ state: 'hidden' });
    await page.close();
  });

  it('does not preview on touch screens', async () => {
    const { page, scripts } = await open('/plain/', { hasTouch: true, isMobile: true, viewport: { width: 400, height: 800 } });
    expect(await page.evaluate(() => matchMedia('(hover: hover)').matches)).toBe(false);
    await page.locator('a.internal[href="/target/"]').hover();
    await page.waitForTimeout(800);
    expect(await page.locator('.kg-preview').count()).toBe(0);
    expect([...scripts].some((url) => /preview-card/.test(url))).toBe(false);
    await page.close();
  });
});

/** The element's box once it stays the same for 250 ms (at most 10 s). */
async function settledBox(locator: Locator): Promise<Awaited<ReturnType<Locator['boundingBox']>>> {
  let box = await locator.boundingBox();
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await locator.boundingBox();
    if (JSON.stringify(next) === JSON.stringify(box)) return next;
    box = next;
  }
  return box;
}
