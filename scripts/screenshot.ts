/**
 * Takes screenshots of built garden pages in headless Chromium, for looking at what readers see.
 * Usage: npx node scripts/screenshot.ts <dist-dir> <out-dir> <path> [<path> …] [--width=1280] [--dark]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openSite } from '../tests/support/browser.ts';

const args = process.argv.slice(2);
const flags = new Map(args.filter((a) => a.startsWith('--')).map((a) => [a.replace(/=.*/, ''), a.includes('=') ? a.split('=')[1] : 'true']));
const [distDir, outDir, ...pages] = args.filter((a) => !a.startsWith('--'));
if (!distDir || !outDir || pages.length === 0) {
  console.error('usage: npx node scripts/screenshot.ts <dist-dir> <out-dir> <path> [<path> …] [--width=1280] [--dark]');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const site = await openSite(distDir);
const width = Number(flags.get('--width') ?? 1280);
const page = await site.newPage({ viewport: { width, height: 900 }, colorScheme: flags.has('--dark') ? 'dark' : 'light' });
for (const pagePath of pages) {
  await page.goto(`${site.origin}${pagePath}`);
  const file = path.join(outDir, `${pagePath.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${width}${flags.has('--dark') ? '-dark' : ''}.png`);
  await page.screenshot({ path: file, fullPage: flags.has('--full') });
  console.log(file);
}
await site.close();
