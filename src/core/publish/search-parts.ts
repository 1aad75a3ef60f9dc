/**
 * How the search index can be split. Pagefind cannot update an index: a build indexes every page
 * again, and on a 6,500-note garden that was about a fifth of a cold build and half of a warm one.
 * Split into parts, each an index of its own that the browser merges (Pagefind's multisite search),
 * a build indexes again only the parts whose pages changed, and Pagefind holds one part in memory
 * at a time. But each part scores results with its own word counts, and a part without a searched
 * word offers the notes with its longest known beginning, so results differ from one index's
 * (measured in docs/search.md): the parts are a maintainer's choice (`GARDEN_SEARCH_PART_PAGES`),
 * not the default.
 *
 * With a size, a garden is split in a power of two of parts of at most that many pages, so that the
 * number of parts changes rarely as the garden grows (each change indexes every part again). Each
 * page's part comes from a hash of its path: a note stays in its part as others come and go
 * (src/core/publish/search-index.ts). This module is the format of the file that lists the parts,
 * which the browser's code (src/client/search) reads too.
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
