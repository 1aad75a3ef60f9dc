import { openSite } from '../tests/support/browser.ts';
const dist = process.argv[2]!;
const pages = process.argv.slice(3);
const site = await openSite(dist);
const context = await site.browser.newContext({ viewport: { width: 1100, height: 900 } });
await context.route('https://giscus.app/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>stand-in</title><p>giscus stand-in</p>' }));
await context.addInitScript(() => {
  (window as any).__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
});
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
page.on('dialog', (d) => { console.log('DIALOG', d.message()); void d.dismiss(); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
for (const p of pages) {
  await page.goto(site.origin + p, { waitUntil: 'networkidle' });
  await page.waitForTimeout(1500);
  for (let i = 0; i < 20; i++) { await page.mouse.wheel(0, 800); await page.waitForTimeout(50); }
  await page.waitForTimeout(1000);
  console.log(p, await page.evaluate(() => (window as any).__violations), await page.evaluate(() => document.querySelectorAll('.kg-mermaid-diagram svg').length));
  await page.screenshot({ path: `.scratch/shot-${p.replace(/\W+/g, '_')}.png`, fullPage: false });
}
await site.close();
