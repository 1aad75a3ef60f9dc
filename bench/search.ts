/**
 * Search benchmark (`npm run bench -- --search`): for a built corpus (by default the sourcegraph
 * handbook), the Pagefind index size on disk, the bytes a browser downloads to answer a first query,
 * and the time from typing to the first results, in headless Chromium.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openSite } from '../tests/support/browser.ts';

export interface SearchBenchResult {
  indexBytes: number;
  indexFiles: number;
  query: string;
  firstQueryBytes: number;
  firstQueryRequests: number;
  msToFirstResults: number;
  results: number;
}

function treeSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

export async function benchSearch(dist: string, query: string, pagePath: string): Promise<SearchBenchResult> {
  const index = treeSize(path.join(dist, 'pagefind'));
  let bytes = 0;
  let requests = 0;
  let counting = false;
  // Counted where the files are served, so that requests from Pagefind's web worker count too.
  // Uncompressed bytes: a real host would gzip the JS and JSON parts.
  const site = await openSite(dist, (_url, size) => {
    if (!counting) return;
    bytes += size;
    requests++;
  });
  try {
    const page = await site.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.origin}${pagePath}`);
    await page.waitForLoadState('networkidle');
    counting = true;
    const started = performance.now();
    await page.keyboard.press('Control+k');
    await page.locator('#kg-search-input').fill(query);
    await page.locator('#kg-search-results .kg-search-hit').first().waitFor();
    const msToFirstResults = performance.now() - started;
    await page.waitForLoadState('networkidle');
    const results = await page.locator('#kg-search-results .kg-search-hit').count();
    return {
      indexBytes: index.bytes,
      indexFiles: index.files,
      query,
      firstQueryBytes: bytes,
      firstQueryRequests: requests,
      msToFirstResults,
      results,
    };
  } finally {
    await site.close();
  }
}

export function formatSearchBench(label: string, result: SearchBenchResult): string {
  return [
    `\nsearch (${label}): index ${(result.indexBytes / 1e6).toFixed(1)} MB on disk in ${result.indexFiles} files`,
    `  first query “${result.query}”: ${(result.firstQueryBytes / 1024).toFixed(0)} KB (uncompressed) downloaded in ${result.firstQueryRequests} requests, ` +
      `first results after ${result.msToFirstResults.toFixed(0)} ms (${result.results} shown)`,
  ].join('\n');
}
