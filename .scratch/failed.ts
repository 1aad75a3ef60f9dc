import { openSite } from '../tests/support/browser.ts';
const site = await openSite(process.argv[2]!);
const context = await site.browser.newContext();
await context.route((url) => url.origin !== site.origin, (route) => { console.log('abort', route.request().url()); return route.abort(); });
const page = await context.newPage();
page.on('requestfailed', (r) => console.log('failed', r.url(), r.failure()?.errorText));
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text(), JSON.stringify(m.location())));
for (const p of process.argv.slice(3)) { await page.goto(site.origin + p, { waitUntil: 'networkidle' }); await page.waitForTimeout(1000); }
await site.close();
