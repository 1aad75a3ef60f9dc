/**
 * Takes screenshots of built garden pages in headless Chromium, for looking at what readers see.
 *
 *   npx node scripts/screenshot.ts <dist-dir> <out-dir> <path> [<path> …] [options]
 *
 * Options:
 *   --widths=1280,390     viewport widths (default 1280); 390 is a phone
 *   --themes=light,dark   colour schemes (default light): the system preference the page sees
 *   --full                the whole page, not only the first screen
 *   --open=explorer|toc   open the explorer or the table of contents menu first (phone layouts)
 *
 * `npm run screenshots` builds the sourcegraph-handbook corpus and shoots its home page and a long
 * note at desktop and phone widths in both themes (see package.json).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, serveSite } from '../tests/support/browser.ts';

const args = process.argv.slice(2);
const flags = new Map(
  args.filter((a) => a.startsWith('--')).map((a) => [a.replace(/=.*/, ''), a.includes('=') ? a.slice(a.indexOf('=') + 1) : 'true']),
);
const [distDir, outDir, ...pages] = args.filter((a) => !a.startsWith('--'));
if (!distDir || !outDir || pages.length === 0) {
  console.error(
    'usage: npx node scripts/screenshot.ts <dist-dir> <out-dir> <path> [<path> …] [--widths=1280,390] [--themes=light,dark] [--full] [--open=explorer|toc]',
  );
  process.exit(2);
}
const widths = (flags.get('--widths') ?? flags.get('--width') ?? '1280').split(',').map(Number);
const themes = (flags.get('--themes') ?? (flags.has('--dark') ? 'dark' : 'light')).split(',') as ('light' | 'dark')[];
const open = flags.get('--open');

mkdirSync(outDir, { recursive: true });
const site = await serveSite(distDir);
const browser = await launchChromium();
try {
  for (const theme of themes) {
    for (const width of widths) {
      const page = await browser.newPage({
        viewport: { width, height: width < 600 ? 844 : 900 },
        colorScheme: theme,
        deviceScaleFactor: width < 600 ? 2 : 1,
      });
      for (const pagePath of pages) {
        await page.goto(`${site.origin}${pagePath}`, { waitUntil: 'networkidle' });
        if (open === 'explorer') await page.click('.kg-menu-button');
        if (open === 'toc') await page.click('.kg-toc-button');
        const name = `${pagePath.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}-${width}-${theme}${open ? `-${open}` : ''}${flags.has('--full') ? '-full' : ''}.png`;
        const file = path.join(outDir, name);
        await page.screenshot({ path: file, fullPage: flags.has('--full') });
        console.log(file);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
