import type { Heading } from '../core/markdown/facts.ts';
import type { IndexedNote } from '../core/index/types.ts';
import type { SiteUrls } from '../core/links/urls.ts';
import { type PageUrl, type Slug, HOME_SLUG } from '../core/common/types.ts';
import { ancestry, folderUrl, type Folder, type GardenTree } from '../core/index/tree.ts';

/**
 * What the navigation around a page shows: the explorer's visible part, breadcrumbs, previous/next
 * and the table of contents. Each function looks only at the page's own folder chain, and what a
 * folder holds is prepared once for all its pages, so a page's navigation costs what that page
 * shows, never what its folder or the whole garden holds.
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
 * Each folder's entries are made once per tree (`folderEntries`); a page only cuts its window and
 * marks itself, so a folder of 2,000 notes costs each of its pages 40 entries, not 2,000.
 */
export function explorerFor(tree: GardenTree, urls: SiteUrls, current: Slug | undefined): ExplorerList {
  const { folder } = placeOf(tree, current);
  const open = folder ? [tree.root, ...ancestry(folder)] : [tree.root];
  const list = (depth: number): ExplorerList => {
    const { entries, positions } = folderEntries(tree, urls, open[depth]!);
    const child = open[depth + 1];
    // The window centres on the open sub-folder on the way to the page, else on the page itself.
    const focus = (child ? positions.get(child.slug) : current === undefined ? undefined : positions.get(current)) ?? -1;
    const shown = windowAround(entries, focus, EXPLORER_WINDOW).map((entry): ExplorerEntry => {
      if (entry.kind === 'note') return entry.slug === current ? { ...entry, current: true } : entry;
      const isCurrent = entry.slug === current || entry.pageSlug === current;
      const children = entry.folder === child ? list(depth + 1) : undefined;
      return { ...entry, current: isCurrent, children };
    });
    return { folder: open[depth]!.slug, entries: shown.map(withoutLookups), total: entries.length };
  };
  return list(0);
}

/** An explorer entry before a page marks itself in it, with what finds it. */
type FolderEntryView =
  | (Extract<ExplorerEntry, { kind: 'note' }> & { slug: Slug })
  | (Extract<ExplorerEntry, { kind: 'folder' }> & { folder: Folder; pageSlug: Slug | undefined });

interface FolderEntries {
  entries: FolderEntryView[];
  /** Where each entry is in `entries`: by the note's slug, the folder's slug, and the slug of the folder's page. */
  positions: Map<Slug, number>;
}

const entriesByTree = new WeakMap<GardenTree, { urls: SiteUrls; folders: Map<Folder, FolderEntries> }>();

/** A folder's explorer entries, none marked current, made once per tree and addresses. */
function folderEntries(tree: GardenTree, urls: SiteUrls, folder: Folder): FolderEntries {
  let cache = entriesByTree.get(tree);
  if (cache?.urls !== urls) {
    cache = { urls, folders: new Map() };
    entriesByTree.set(tree, cache);
  }
  const cached = cache.folders.get(folder);
  if (cached) return cached;
  const positions = new Map<Slug, number>();
  const entries = folder.entries.map((entry, at): FolderEntryView => {
    if (entry.kind === 'note') {
      positions.set(entry.note.slug, at);
      return { kind: 'note', title: entry.note.title, url: urls.page(entry.note.slug), current: false, slug: entry.note.slug };
    }
    const child = entry.folder;
    positions.set(child.slug, at);
    if (child.page) positions.set(child.page.slug, at);
    return {
      kind: 'folder',
      title: child.title,
      slug: child.slug,
      url: folderUrl(child, urls),
      count: child.count,
      current: false,
      folder: child,
      pageSlug: child.page?.slug,
    };
  });
  const made = { entries, positions };
  cache.folders.set(folder, made);
  return made;
}

/** The entry as a page shows it, without what only finding it needed. */
function withoutLookups(entry: ExplorerEntry): ExplorerEntry {
  if (entry.kind === 'note') return { kind: 'note', title: entry.title, url: entry.url, current: entry.current };
  const { title, slug, url, count, current, children } = entry;
  return { kind: 'folder', title, slug, url, count, current, children };
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
  const { sequence, positions } = sequenceOf(folder, folder === tree.root);
  const at = positions.get(current) ?? -1;
  if (at === -1 || sequence.length < 2) return {};
  const link = (note: IndexedNote | undefined) => note && { title: note.title, url: urls.page(note.slug) };
  return { previous: link(sequence[at - 1]), next: link(sequence[at + 1]) };
}

const sequences = new WeakMap<Folder, { sequence: IndexedNote[]; positions: Map<Slug, number> }>();

/** A folder's pages in reading order, and where each is in it: made once per folder. */
function sequenceOf(folder: Folder, isRoot: boolean) {
  let made = sequences.get(folder);
  if (!made) {
    const sequence = isRoot ? folder.notes : [...(folder.page ? [folder.page] : []), ...folder.notes];
    made = { sequence, positions: new Map(sequence.map((note, at) => [note.slug, at])) };
    sequences.set(folder, made);
  }
  return made;
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
