import { readdir } from 'node:fs/promises';
import { close, createIndex } from 'pagefind';

export interface SearchIndexResult {
  /** Pages whose content was indexed: one Pagefind fragment each. */
  pages: number;
}

/**
 * Indexes the built site with Pagefind's Node API, right after Astro has written the pages.
 * Only note pages carry `data-pagefind-body`, so navigation, backlinks, listings and footers are
 * never indexed; drafts are never built, so they cannot be found.
 */
export async function indexSite(distDir: string): Promise<SearchIndexResult> {
  const { index, errors } = await createIndex({});
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: distDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: `${distDir}/pagefind` });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return { pages: (await readdir(`${distDir}/pagefind/fragment`)).length };
  } finally {
    await close();
  }
}
