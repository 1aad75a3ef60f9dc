import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, serveSite, type SiteServer } from './browser.ts';
import { buildSite } from './build-site.ts';

export const e2eFixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'e2e');
/** Notes in the generated `Archive/` folder: more than the explorer shows before "Show all". */
export const ARCHIVE_NOTES = 60;

/**
 * Builds the browser-test garden (tests/fixtures/e2e plus a large generated `Archive/` folder) and
 * serves it; returns what a browser test needs. One build per test file, as for every site build.
 */
export async function startE2eSite() {
  const content = mkdtempSync(path.join(tmpdir(), 'garden-e2e-'));
  cpSync(e2eFixture, content, { recursive: true });
  mkdirSync(path.join(content, 'Archive'));
  for (let i = 1; i <= ARCHIVE_NOTES; i++) {
    writeFileSync(path.join(content, 'Archive', `Old note ${i}.md`), `---\ndescription: Archived note number ${i}.\n---\n\nAn old note, kept for the record.\n`);
  }
  const { dist } = await buildSite(content);
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
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  return violations.filter((violation) => impacts.includes(violation.impact));
}
