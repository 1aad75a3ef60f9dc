import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { close, createIndex } from 'pagefind';
import { renderCodeVersion } from '../build/cache/render-key.ts';
import type { FileSetCache } from './file-set-cache.ts';
import { SEARCH_PARTS_FILE, type SearchPart, type SearchPartsJson } from './search-parts.ts';

export interface SearchIndexResult {
  /** Pages whose content was indexed: one Pagefind fragment each. */
  pages: number;
  /** Parts of the index (src/core/publish/search-parts.ts), and how many were carried over unchanged. */
  parts: number;
  carriedOver: number;
}

/** The cache slot of each part of the index. */
export type SearchPartCache = (part: number) => FileSetCache;

/** Pagefind's scripts, styles and WebAssembly: the first part's bundle has them, the browser loads them once. */
const BUNDLE_FILE = /^(pagefind[^/]*\.(js|css)|wasm\.[^/]*\.pagefind)$/;

/**
 * Indexes the note pages Astro has written into `dir` with Pagefind's Node API: one index, or in
 * parts when `pagesPerPart` is set (src/core/publish/search-parts.ts). Only note pages carry
 * `data-pagefind-body`, so navigation, backlinks, listings and footers are never indexed; drafts are
 * never built, so they cannot be found. `pageFiles` are the note pages' paths in the site
 * (`guides/setup/index.html`).
 *
 * Pagefind cannot update an index, but each part is an index of its own: a part whose pages show
 * search what they showed in the previous build (`searchableBytes`) is carried over from the cache
 * instead of indexed again, so editing one note's text indexes the one part that holds it.
 */
export async function indexSite(
  dir: string,
  pageFiles: readonly string[],
  options: { pagesPerPart: number | undefined; cache?: SearchPartCache },
): Promise<SearchIndexResult> {
  // One index (the default) is written whole every time: nothing to key, nor to keep.
  const pages = options.pagesPerPart === undefined ? [] : readIndexedPages(dir, pageFiles);
  // Without a note page, Pagefind indexes every page of the site, which no key here stands for.
  const cache = pages.length > 0 ? options.cache : undefined;
  const count = partCount(pages.length, options.pagesPerPart);
  const members = Array.from({ length: count }, (): IndexedPage[] => []);
  for (const page of pages) members[partOf(page.file, count)]!.push(page);
  const parts: SearchPart[] = [];
  let carriedOver = 0;
  try {
    // One part after the other: Pagefind works on every core already; two at once took longer.
    for (const [part, pagesOfPart] of members.entries()) {
      const outDir = path.join(dir, 'pagefind', part === 0 ? '' : `part-${part}`);
      const key = partKey(part, count, pagesOfPart);
      let files = await cache?.(part).carryOver(key, outDir);
      if (files) carriedOver++;
      else {
        files = await indexPart(count === 1 ? 'all' : pagesOfPart, dir, outDir, part === 0);
        await cache?.(part).keep(key, outDir, files);
      }
      parts.push({ path: part === 0 ? '' : `part-${part}/`, ...(await partContents(outDir)) });
    }
  } finally {
    await close();
  }
  const [, ...others] = parts;
  const list: SearchPartsJson = { parts: others };
  await fs.writeFile(path.join(dir, 'pagefind', SEARCH_PARTS_FILE), JSON.stringify(list));
  return { pages: parts.reduce((sum, part) => sum + part.pages, 0), parts: count, carriedOver };
}

/** How many parts `pages` indexed pages are split into, at most `perPart` each (one without a size): 1, 2, 4, 8, … */
export function partCount(pages: number, perPart: number | undefined): number {
  let count = 1;
  if (perPart === undefined) return count;
  while (pages > count * perPart) count *= 2;
  return count;
}

/** Which of `count` parts the page at `file` (its path in the site) belongs to. */
export function partOf(file: string, count: number): number {
  return count === 1 ? 0 : createHash('sha256').update(file).digest().readUInt32BE(0) % count;
}

interface IndexedPage {
  /** The page's path in the site, with `/`. */
  file: string;
  /** A hash of what Pagefind reads of it (`searchableBytes`). */
  hash: string;
}

/** The note pages that have content to index (a page without `data-pagefind-body` has none). */
function readIndexedPages(dir: string, pageFiles: readonly string[]): IndexedPage[] {
  const pages: IndexedPage[] = [];
  for (const file of [...new Set(pageFiles)].sort()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(dir, ...file.split('/')));
    } catch {
      continue; // a note without a page of its own (the home note, when the home page does not show it)
    }
    const searchable = searchableBytes(bytes);
    if (searchable) pages.push({ file, hash: createHash('sha256').update(searchable.root).update(searchable.article).digest('hex') });
  }
  return pages;
}

/**
 * What Pagefind reads of a note page: the root element (its language) and the note's article,
 * which holds everything indexed (text, title, filters, metadata; `data-pagefind-body`). Not the
 * rest (explorer, backlinks, neighbours, dates, comments), which changes on many pages when one
 * note is edited or added, and would index their parts again for nothing. A note cannot close the
 * article early: the sanitizer removes `<article>` from its HTML, and a `<` in its text is escaped.
 */
export function searchableBytes(page: Buffer): { root: Buffer; article: Buffer } | undefined {
  const body = page.indexOf('data-pagefind-body');
  if (body < 0) return undefined;
  const articleStart = page.lastIndexOf('<article', body);
  const articleEnd = page.indexOf('</article>', body);
  const rootStart = page.indexOf('<html');
  if (articleStart < 0 || articleEnd < 0 || rootStart < 0) return { root: Buffer.alloc(0), article: page };
  return { root: page.subarray(rootStart, page.indexOf('>', rootStart) + 1), article: page.subarray(articleStart, articleEnd) };
}

/** Everything a part's index shows: its pages, what Pagefind reads of them, and the code that indexes them (Pagefind's version is in the lock file). */
function partKey(part: number, count: number, pages: readonly IndexedPage[]): string {
  const hash = createHash('sha256').update(renderCodeVersion()).update(`\0${part}/${count}\0`);
  for (const page of pages) hash.update(page.file).update('\0').update(page.hash).update('\0');
  return hash.digest('hex');
}

/**
 * Indexes one part: Pagefind reads its pages from the site (a pattern naming each) and writes their
 * index into `outDir`. The other parts need only their index: Pagefind's scripts come with the first.
 */
async function indexPart(
  pages: readonly IndexedPage[] | 'all',
  site: string,
  outDir: string,
  withBundle: boolean,
): Promise<Map<string, number>> {
  const { index, errors } = await createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  for (const glob of pageGlobs(pages)) {
    const added = await index.addDirectory({ path: site, ...(glob === undefined ? {} : { glob }) });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath: outDir });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  await index.deleteIndex();
  const files = new Map<string, number>();
  for (const entry of await fs.readdir(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (/^part-\d+\//.test(file) || file === SEARCH_PARTS_FILE) continue; // the other parts, inside the first one's folder
    if (!withBundle && BUNDLE_FILE.test(file)) await fs.rm(path.join(outDir, file));
    else files.set(file, (await fs.stat(path.join(outDir, file))).size);
  }
  return files;
}

/** Pages named in one pattern at most: Pagefind refused one naming 6,500 (4,000 still parsed). */
const PAGES_PER_GLOB = 1000;

/**
 * The patterns Pagefind reads a part's pages with, relative to the site: `undefined` (every page
 * of the site: Pagefind indexes those with `data-pagefind-body`) when there is one part.
 */
export function pageGlobs(pages: readonly IndexedPage[] | 'all'): (string | undefined)[] {
  if (pages === 'all') return [undefined];
  const globs: string[] = [];
  for (let start = 0; start < pages.length; start += PAGES_PER_GLOB) {
    const files = pages
      .slice(start, start + PAGES_PER_GLOB)
      .map(({ file }) => file.replace(/[\\{}[\]*?,!]/g, (character) => `\\${character}`));
    globs.push(`{${files.join(',')}}`);
  }
  return globs;
}

/** A written part's languages and page count, from Pagefind's entry file. */
async function partContents(outDir: string): Promise<Omit<SearchPart, 'path'>> {
  const entry = JSON.parse(await fs.readFile(path.join(outDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  const languages = Object.keys(entry.languages).sort();
  return { languages, pages: languages.reduce((sum, language) => sum + entry.languages[language]!.page_count, 0) };
}
