import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the pages of the previous build are kept, so that a build writes again only the pages
 * whose key changed (src/site/page-keys.ts) and carries the others over: Astro's incremental build
 * keeps there a manifest of every page's key and a copy of every page it wrote. One folder per
 * content folder and output folder, inside the garden's cache (safe to delete, like all of it), so
 * that two gardens, or two sites of one garden, never share one manifest.
 */
export function pageCacheFolder(cacheDir: string, contentDir: string, outDir: string): string {
  const site = createHash('sha256').update(path.resolve(contentDir)).update('\0').update(path.resolve(outDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'pages', site);
}

/** Present while a build writes the page cache: a build that did not finish leaves it behind. */
const UNFINISHED = 'build-unfinished';
/** Which output folder a page cache is for. */
const SITE_FILE = 'site.json';

/**
 * Before a build: when the previous build stopped halfway, its manifest and its copies of the pages
 * may disagree (Astro writes the copies as it goes and the manifest at the end), so the cache is
 * emptied and every page is written again. Then marks the cache as being written, and removes the
 * page caches of output folders that no longer exist (temporary sites), so that the cache does not
 * grow with every folder ever built into.
 */
export function openPageCache(folder: string, outDir: string): void {
  if (existsSync(path.join(folder, UNFINISHED))) rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, UNFINISHED), '');
  writeFileSync(path.join(folder, SITE_FILE), JSON.stringify({ outDir: path.resolve(outDir) }));
  removeAbandoned(path.dirname(folder), folder);
}

/** Other sites' page caches whose output folder is gone; never one being written (or left unfinished). */
function removeAbandoned(pagesDir: string, current: string): void {
  for (const name of readdirSync(pagesDir)) {
    const other = path.join(pagesDir, name);
    if (other === current || existsSync(path.join(other, UNFINISHED))) continue;
    let outDir: unknown;
    try {
      outDir = (JSON.parse(readFileSync(path.join(other, SITE_FILE), 'utf8')) as { outDir?: unknown }).outDir;
    } catch {
      continue; // another build is creating it, or it is not ours: left alone
    }
    if (typeof outDir === 'string' && !existsSync(outDir)) rmSync(other, { recursive: true, force: true });
  }
}

/** After a build that wrote every page: its manifest and copies agree, the next build may use them. */
export function closePageCache(folder: string): void {
  rmSync(path.join(folder, UNFINISHED), { force: true });
}
