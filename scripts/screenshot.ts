/**
 * Takes screenshots of built garden pages in headless Chromium, for looking at what readers see.
 * Usage: npx node scripts/screenshot.ts <dist-dir> <out-dir> <path> [<path> …] [--width=1280] [--dark]
 */
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../tests/support/static-server.ts';

const args = process.argv.slice(2);
const flags = new Map(args.filter((a) => a.startsWith('--')).map((a) => [a.replace(/=.*/, ''), a.includes('=') ? a.split('=')[1] : 'true']));
const [distDir, outDir, ...pages] = args.filter((a) => !a.startsWith('--'));
if (!distDir || !outDir || pages.length === 0) {
  console.error('usage: npx node scripts/screenshot.ts <dist-dir> <out-dir> <path> [<path> …] [--width=1280] [--dark]');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const server = createServer(serveStatic(path.resolve(distDir)));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const width = Number(flags.get('--width') ?? 1280);
const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: flags.has('--dark') ? 'dark' : 'light' });
for (const pagePath of pages) {
  await page.goto(`http://127.0.0.1:${port}${pagePath}`);
  const file = path.join(outDir, `${pagePath.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${width}${flags.has('--dark') ? '-dark' : ''}.png`);
  await page.screenshot({ path: file, fullPage: flags.has('--full') });
  console.log(file);
}
await browser.close();
server.close();
