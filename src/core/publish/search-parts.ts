/**
 * How the search index is split. Pagefind cannot update an index: a build indexes every page
 * again, and on a 6,500-note garden that was about a fifth of a cold build and half of a warm one.
 * Split into parts, each an index of its own that the browser merges (Pagefind's multisite search),
 * a build indexes again only the parts whose pages changed. Writing eight indexes of 800 pages also
 * takes less time and memory than writing one of 6,500 (measured in docs/performance.md).
 *
 * A small garden is one part, as before; a large one is split in a power of two of parts of at
 * most `GardenConfig.searchPartPages` pages (1,000 unless `GARDEN_SEARCH_PART_PAGES` says
 * otherwise), so that the number of parts changes rarely as the garden grows (each change indexes
 * every part again). Each page's part comes from a hash of its path: a note stays in its part as
 * others come and go (src/core/publish/search-index.ts). This module is the format of the file
 * that lists the parts, which the browser's code (src/client/search) reads too.
 */

/** Beside the first part's index (`pagefind/`): the other parts, for the browser to merge. */
export const SEARCH_PARTS_FILE = 'garden-parts.json';

/** One part of the index, as the browser learns of it. */
export interface SearchPart {
  /** Its folder, relative to `pagefind/`: `''` for the first, `part-3/` for the others. */
  path: string;
  /** The languages it has an index of (Pagefind indexes each language apart). */
  languages: string[];
  pages: number;
}

/** `pagefind/garden-parts.json`: the parts after the first. */
export interface SearchPartsJson {
  parts: SearchPart[];
}
