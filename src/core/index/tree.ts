import type { ExplorerOptions } from '../config/config.ts';
import type { IndexedNote } from './types.ts';
import { isFolderPage, slugForSegments } from '../links/slug.ts';
import { type PageUrl, type Slug, HOME_SLUG } from '../common/types.ts';
import type { SiteUrls } from '../links/urls.ts';

/**
 * The published notes as a folder tree: what the explorer, breadcrumbs, previous/next links and
 * folder pages show. Built once per loaded garden, in one pass over the notes plus one sort per
 * folder, and ordered the way `explorer` in the garden options asks.
 */

export type FolderEntry = { kind: 'folder'; folder: Folder } | { kind: 'note'; note: IndexedNote };

export interface Folder {
  /** The folder's path in the content folder, `''` for the root. */
  path: string;
  slug: Slug;
  /** The folder's name on disk. */
  name: string;
  /** What readers see: the title of the folder's own page, else its name. */
  title: string;
  /** Notes directly in the folder (not its own page), in explorer order. */
  notes: IndexedNote[];
  folders: Folder[];
  /** Sub-folders and notes interleaved, in explorer order. */
  entries: FolderEntry[];
  /** The folder's own page (`index.md` / `README.md`), if it has one. */
  page?: IndexedNote | undefined;
  parent?: Folder | undefined;
  /** Published notes in the folder and below it, its own page included. */
  count: number;
}

export interface GardenTree {
  root: Folder;
  /** Every folder by slug, the root under `''`. */
  folders: Map<Slug, Folder>;
  /** The folder each note sits in; a folder's own page maps to that folder. */
  folderOf: Map<Slug, Folder>;
}

export function buildTree(notes: Iterable<IndexedNote>, rootTitle: string, options: ExplorerOptions): GardenTree {
  const root: Folder = { path: '', slug: HOME_SLUG, name: '', title: rootTitle, notes: [], folders: [], entries: [], count: 0 };
  const byPath = new Map<string, Folder>([['', root]]);
  const folderOf = new Map<Slug, Folder>();
  const folderFor = (folderPath: string): Folder => {
    const existing = byPath.get(folderPath);
    if (existing) return existing;
    const cut = folderPath.lastIndexOf('/');
    const parent = folderFor(cut === -1 ? '' : folderPath.slice(0, cut));
    const name = folderPath.slice(cut + 1);
    const folder: Folder = {
      path: folderPath,
      slug: slugForSegments(folderPath.split('/')),
      name,
      title: name,
      notes: [],
      folders: [],
      entries: [],
      parent,
      count: 0,
    };
    parent.folders.push(folder);
    byPath.set(folderPath, folder);
    return folder;
  };
  for (const note of notes) {
    const cut = note.path.lastIndexOf('/');
    const folder = folderFor(cut === -1 ? '' : note.path.slice(0, cut));
    folderOf.set(note.slug, folder);
    if (isFolderPage(note.path) && !folder.page) {
      folder.page = note;
      if (folder !== root) folder.title = note.title;
    } else folder.notes.push(note);
    for (let at: Folder | undefined = folder; at; at = at.parent) at.count++;
  }
  const compare = entryComparator(options);
  const folders = new Map<Slug, Folder>();
  const order = (folder: Folder) => {
    folders.set(folder.slug, folder);
    const entries: FolderEntry[] = [
      ...folder.folders.map((child) => ({ kind: 'folder' as const, folder: child })),
      ...folder.notes.map((note) => ({ kind: 'note' as const, note })),
    ];
    folder.entries = entries.sort(compare);
    folder.folders = folder.entries.flatMap((entry) => (entry.kind === 'folder' ? [entry.folder] : []));
    folder.notes = folder.entries.flatMap((entry) => (entry.kind === 'note' ? [entry.note] : []));
    folder.folders.forEach(order);
  };
  order(root);
  return { root, folders, folderOf };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Pinned paths first (in the order given), then folders before notes if asked, then by title. */
function entryComparator(options: ExplorerOptions): (a: FolderEntry, b: FolderEntry) => number {
  const pinned = new Map(options.order.map((path, rank) => [orderKey(path), rank]));
  const rank = (entry: FolderEntry) => pinned.get(orderKey(entry.kind === 'folder' ? entry.folder.path : entry.note.path)) ?? Infinity;
  const title = (entry: FolderEntry) => (entry.kind === 'folder' ? entry.folder.title : entry.note.title);
  return (a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0 && !Number.isNaN(byRank)) return byRank;
    if (options.foldersFirst && a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
    return (
      collator.compare(title(a), title(b)) ||
      (a.kind === 'folder' ? a.folder.path : a.note.path).localeCompare(b.kind === 'folder' ? b.folder.path : b.note.path)
    );
  };
}

/** `Guides/How to.md` and `guides/how to` name the same entry in `explorer.order`. */
function orderKey(path: string): string {
  return path.replace(/\.md$/i, '').normalize('NFC').toLowerCase();
}

/** The folders from the top of the garden down to `folder` (the root excluded). */
export function ancestry(folder: Folder): Folder[] {
  const chain: Folder[] = [];
  for (let at: Folder | undefined = folder; at?.parent; at = at.parent) chain.unshift(at);
  return chain;
}

/** A folder's address: its own page when it has one, else its generated listing (same slug). */
export function folderUrl(folder: Folder, urls: SiteUrls): PageUrl {
  return urls.page(folder.page?.slug ?? folder.slug);
}
