import type { Slug } from '../common/types.ts';

/**
 * The explorer's data for the browser: one small JSON file per folder with that folder's entries,
 * fetched only when a reader opens the folder. Pages carry just their own folder chain (see
 * navigation.ts), so neither a page nor a click ever costs the size of the whole garden. This module
 * is the files' format, which the browser's code (src/client/explorer) reads too; explorer-data.ts
 * writes them.
 */

/** Where the files live, under the site's base. `_` cannot start a note's slug, so no note collides. */
export const EXPLORER_DATA_DIR = '_garden/explorer';
/** The top of the garden's file (a folder's slug never starts with `_`). */
const ROOT_FILE = '_root';

export type ExplorerJsonEntry =
  | { kind: 'folder'; title: string; slug: Slug; url: string; count: number }
  | { kind: 'note'; title: string; slug: Slug; url: string };

export interface ExplorerJson {
  folder: Slug;
  entries: ExplorerJsonEntry[];
}

/** The file of a folder, relative to the site's base: `_garden/explorer/guides/how-tos.json`. */
export function explorerDataPath(folder: Slug): string {
  return `${EXPLORER_DATA_DIR}/${folder === '' ? ROOT_FILE : folder}.json`;
}
