import type { Heading } from '../core/markdown/facts.ts';
import type { IndexedNote } from '../core/index/types.ts';
import type { SiteUrls } from '../core/links/urls.ts';
import { type PageUrl, type Slug, HOME_SLUG } from '../core/common/types.ts';
import { ancestry, folderUrl, type Folder, type FolderEntry, type GardenTree } from '../core/index/tree.ts';

/**
 * What the navigation around a page shows: the explorer's visible part, breadcrumbs, previous/next
 * and the table of contents. Each function looks only at the page's own folder chain, so a page's
 * navigation costs what that page shows, never what the whole garden holds.
 */

/** Entries shown per folder before the rest waits behind a "Show all" button (loaded on demand). */
export const EXPLORER_WINDOW = 40;

export type ExplorerEntry =
  | { kind: 'note'; title: string; url: PageUrl; current: boolean }
  | {
      kind: 'folder';
      title: string;
      slug: Slug;
      url: PageUrl;
      count: number;
      /** This folder's own page is the current page. */
      current: boolean;
      /** Children rendered (and shown) in the page: the current page's ancestors. */
      children?: ExplorerList | undefined;
    };

export interface ExplorerList {
  /** The folder whose entries these are (`''` for the top of the garden). */
  folder: Slug;
  entries: ExplorerEntry[];
  /** Entries in the folder; more than `entries.length` when the list was cut to a window. */
  total: number;
}

/** The folder a page sits in and the folder it names, if it is a folder's page or listing. */
export function placeOf(tree: GardenTree, current: Slug | undefined): { folder: Folder | undefined; isFolderPage: boolean } {
  if (current === undefined) return { folder: undefined, isFolderPage: false };
  const named = tree.folders.get(current);
  if (named && (named.page === undefined || named.page.slug === current)) return { folder: named, isFolderPage: true };
  return { folder: tree.folderOf.get(current), isFolderPage: false };
}

/**
 * The explorer as rendered into a page: the top level, and the entries of every folder on the way to
 * the current page, each cut to a window around the current page when a folder is very large.
 */
export function explorerFor(tree: GardenTree, urls: SiteUrls, current: Slug | undefined): ExplorerList {
  const { folder } = placeOf(tree, current);
  const open = new Set(folder ? [tree.root, ...ancestry(folder)] : [tree.root]);
  const list = (parent: Folder): ExplorerList => {
    const entries = parent.entries.map((entry) =>
      explorerEntry(entry, urls, current, (child) => (open.has(child) ? list(child) : undefined)),
    );
    const focus = entries.findIndex((entry) => entry.current || (entry.kind === 'folder' && entry.children));
    return { folder: parent.slug, entries: windowAround(entries, focus, EXPLORER_WINDOW), total: entries.length };
  };
  return list(tree.root);
}

function explorerEntry(
  entry: FolderEntry,
  urls: SiteUrls,
  current: Slug | undefined,
  children: (folder: Folder) => ExplorerList | undefined,
): ExplorerEntry {
  if (entry.kind === 'note') {
    return { kind: 'note', title: entry.note.title, url: urls.page(entry.note.slug), current: entry.note.slug === current };
  }
  const { folder } = entry;
  return {
    kind: 'folder',
    title: folder.title,
    slug: folder.slug,
    url: folderUrl(folder, urls),
    count: folder.count,
    current: folder.slug === current || (folder.page !== undefined && folder.page.slug === current),
    children: children(folder),
  };
}

/** At most `size` items, including the one at `focus` (or the first ones when there is none). */
export function windowAround<T>(items: T[], focus: number, size: number): T[] {
  if (items.length <= size) return items;
  const start = Math.max(0, Math.min(items.length - size, focus - Math.floor(size / 4)));
  return items.slice(start, start + size);
}

export interface Crumb {
  title: string;
  url: PageUrl;
}

/** Home, then each folder above the page (the page itself is not a crumb: its title follows). */
export function breadcrumbsFor(tree: GardenTree, urls: SiteUrls, current: Slug): Crumb[] {
  if (current === '') return [];
  const { folder, isFolderPage } = placeOf(tree, current);
  if (!folder) return [];
  const chain = ancestry(folder);
  if (isFolderPage) chain.pop();
  return [
    { title: tree.root.page?.title ?? tree.root.title, url: urls.page(HOME_SLUG) },
    ...chain.map((step) => ({ title: step.title, url: folderUrl(step, urls) })),
  ];
}

export interface Neighbours {
  previous?: Crumb | undefined;
  next?: Crumb | undefined;
}

/**
 * Previous and next within the page's folder, read like the chapters of a book: the folder's own
 * page, then its notes in explorer order. Only where a folder holds a sequence (two pages or more);
 * the home page has none.
 */
export function neighboursOf(tree: GardenTree, urls: SiteUrls, current: Slug): Neighbours {
  if (current === '') return {};
  const { folder } = placeOf(tree, current);
  if (!folder) return {};
  const sequence = folder === tree.root ? folder.notes : [...(folder.page ? [folder.page] : []), ...folder.notes];
  const at = sequence.findIndex((note) => note.slug === current);
  if (at === -1 || sequence.length < 2) return {};
  const link = (note: IndexedNote | undefined) => note && { title: note.title, url: urls.page(note.slug) };
  return { previous: link(sequence[at - 1]), next: link(sequence[at + 1]) };
}

export interface TocEntry {
  depth: number;
  text: string;
  id: string;
}

/** Fewer than this many section headings and a table of contents is more noise than help. */
export const TOC_MIN_HEADINGS = 3;

/** Sections (levels 2 and 3) of a note, for its table of contents, when there are several. */
export function tableOfContents(headings: Heading[]): TocEntry[] {
  const sections = headings.filter((heading) => (heading.depth === 2 || heading.depth === 3) && heading.text !== '');
  if (sections.length < TOC_MIN_HEADINGS) return [];
  return sections.map(({ depth, text, id }) => ({ depth, text, id }));
}
