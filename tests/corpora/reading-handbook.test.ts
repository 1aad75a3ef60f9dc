import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type SiteBrowser } from '../support/browser.ts';
import { buildSite, projectRoot, type BuiltSite } from '../support/build-site.ts';
import { expectNoPageWiderThanTheScreen, pagesOf } from '../support/reading-pages.ts';

/**
 * Reading a sample of the Sourcegraph handbook on a phone and a desktop, in headless Chromium: no
 * page is wider than the screen at 320, 390, 768 and 1280 px, whatever its real tables, code and
 * long titles (tests/e2e/reading.test.ts reads the garden's own fixture the same way).
 */
const WIDTHS = [320, 390, 768, 1280];
const handbook = path.resolve(projectRoot, '..', 'shared', 'corpora', 'sourcegraph-handbook');
/** The handbook's long-title notes, its LOA policy and its home, with the folder pages above them. */
const HANDBOOK_SAMPLE = [
  'index.md',
  'benefits-pay-perks',
  'handbook',
  'company-info-and-process/remote',
  'departments/index.md',
  'departments/sales/index.md',
  'departments/sales/tools',
  'departments/engineering/index.md',
  'departments/engineering/dev/index.md',
  'departments/engineering/dev/distribution/tokens.md',
  'departments/engineering/dev/tools/infrastructure',
];

let sample: { built: BuiltSite; site: SiteBrowser } | undefined;

beforeAll(async () => {
  if (!existsSync(handbook)) return;
  const copy = mkdtempSync(path.join(tmpdir(), 'garden-handbook-sample-'));
  for (const part of HANDBOOK_SAMPLE) cpSync(path.join(handbook, part), path.join(copy, part), { recursive: true });
  const built = await buildSite(copy);
  sample = { built, site: await openSite(built.dist) };
});

afterAll(async () => {
  await sample?.site.close();
});

describe.skipIf(!existsSync(handbook))('pages of the Sourcegraph handbook on every screen', () => {
  for (const width of WIDTHS) {
    it(`are never wider than the screen at ${width} px: every page in the light theme, a third of them in the dark`, async () => {
      const pages = pagesOf(sample!.built.dist);
      expect(pages).toContain('/departments/sales/tools/gcp-marketplace-guidance/');
      expect(pages.length).toBeGreaterThan(60);
      await expectNoPageWiderThanTheScreen(sample!.site, pages, [width], 'light');
      await expectNoPageWiderThanTheScreen(
        sample!.site,
        pages.filter((_, i) => i % 3 === 0),
        [width],
        'dark',
      );
    });
  }
});
