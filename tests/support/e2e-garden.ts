import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { launchChromium, serveSite, type SiteServer } from './browser.ts';
import { sharedSite } from './shared-sites.ts';

export { ARCHIVE_NOTES } from './site-service.ts';

/**
 * Serves the browser-test garden (tests/fixtures/e2e plus a large generated `Archive/` folder, built
 * once per test run and shared) and opens Chromium on it; returns what a browser test needs.
 */
export async function startE2eSite() {
  const { dist } = await sharedSite('e2e');
  const server: SiteServer = await serveSite(dist);
  const browser = await launchChromium();
  return {
    dist,
    origin: server.origin,
    browser,
    async stop() {
      await browser.close();
      await server.close();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page; returns the violations at the given impact levels. */
export async function axeViolations(page: Page, impacts: string[] = ['serious', 'critical']): Promise<AxeViolation[]> {
  // Evaluated by the browser's debugging protocol, not as a <script> of the page: the page's
  // Content-Security-Policy refuses inline scripts, as it should.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((violation) => impacts.includes(violation.impact));
}
