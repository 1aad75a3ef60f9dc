import type { Backlink, IndexedNote } from '../garden/index/build.ts';
import { isFolderPage, slugifySegment } from '../garden/slug.ts';
import type { PageUrl, Slug } from '../garden/types.ts';
import { asSlug } from '../garden/types.ts';
import { siteState } from './store.ts';

/** Small read-only views over the loaded garden, shaped for the pages that show them. */

export interface NoteSummary {
  title: string;
  url: PageUrl;
  description?: string | undefined;
}

export function noteBySlug(slug: string): IndexedNote {
  const note = siteState().garden.index.bySlug.get(asSlug(slug));
  if (!note) throw new Error(`No published note has the slug "${slug}".`);
  return note;
}

export function summarize(note: IndexedNote): NoteSummary {
  return { title: note.title, url: siteState().urls.page(note.slug), description: note.frontmatter.description };
}

export interface BacklinkView extends NoteSummary {
  contexts: Backlink['contexts'];
}

export function backlinksOf(note: IndexedNote): BacklinkView[] {
  const { garden } = siteState();
  return (garden.index.backlinks.get(note.slug) ?? [])
    .map((backlink) => {
      const source = garden.index.bySlug.get(backlink.source);
      return source ? { ...summarize(source), contexts: backlink.contexts } : undefined;
    })
    .filter((view): view is BacklinkView => view !== undefined)
    .sort((a, b) => a.title.localeCompare(b.title));
}

export function tagLinks(note: IndexedNote): { name: string; url: PageUrl }[] {
  const { urls } = siteState();
  return note.tags.map((tag) => ({ name: tag, url: urls.tag(tag) }));
}

export interface Folder {
  /** The folder's path in the content folder, `''` for the root. */
  path: string;
  slug: Slug;
  name: string;
  notes: IndexedNote[];
  folders: Folder[];
  /** The folder's own page (`index.md` / `README.md`), if it has one. */
  page?: IndexedNote | undefined;
}

let cachedTree: { garden: unknown; root: Folder } | undefined;

/** The published notes as a folder tree, computed once per loaded garden. */
export function folderTree(): Folder {
  const { garden } = siteState();
  if (cachedTree?.garden === garden) return cachedTree.root;
  const root: Folder = { path: '', slug: asSlug(''), name: garden.config.title, notes: [], folders: [] };
  const byPath = new Map<string, Folder>([['', root]]);
  const folderFor = (folderPath: string): Folder => {
    const existing = byPath.get(folderPath);
    if (existing) return existing;
    const cut = folderPath.lastIndexOf('/');
    const parent = folderFor(cut === -1 ? '' : folderPath.slice(0, cut));
    const folder: Folder = {
      path: folderPath,
      slug: asSlug(folderPath.split('/').map(slugifySegment).join('/')),
      name: folderPath.slice(cut + 1),
      notes: [],
      folders: [],
    };
    parent.folders.push(folder);
    byPath.set(folderPath, folder);
    return folder;
  };
  for (const note of garden.index.bySlug.values()) {
    const cut = note.path.lastIndexOf('/');
    const folder = folderFor(cut === -1 ? '' : note.path.slice(0, cut));
    if (isFolderPage(note.path) && !folder.page) folder.page = note;
    else folder.notes.push(note);
  }
  const sort = (folder: Folder) => {
    folder.notes.sort((a, b) => a.title.localeCompare(b.title));
    folder.folders.sort((a, b) => a.name.localeCompare(b.name));
    folder.folders.forEach(sort);
  };
  sort(root);
  cachedTree = { garden, root };
  return root;
}

/** Folders that need a generated listing page: those without their own index note. */
export function foldersWithoutPage(): Folder[] {
  const result: Folder[] = [];
  const visit = (folder: Folder) => {
    if (folder.path !== '' && !folder.page) result.push(folder);
    folder.folders.forEach(visit);
  };
  visit(folderTree());
  return result;
}

export function countNotes(folder: Folder): number {
  return folder.notes.length + (folder.page ? 1 : 0) + folder.folders.reduce((sum, child) => sum + countNotes(child), 0);
}
