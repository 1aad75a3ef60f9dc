import type { Backlink, IndexedNote } from '../core/index/types.ts';
import type { PageUrl } from '../core/common/types.ts';
import { asSlug } from '../core/common/types.ts';
import { siteData } from './site-data.ts';
import { buildTree, type Folder, type GardenTree } from '../core/index/tree.ts';

/** Small read-only views over the loaded garden, shaped for the pages that show them. */

export interface NoteSummary {
  title: string;
  url: PageUrl;
  description?: string | undefined;
}

export function noteBySlug(slug: string): IndexedNote {
  const note = siteData().garden.index.bySlug.get(asSlug(slug));
  if (!note) throw new Error(`No published note has the slug "${slug}".`);
  return note;
}

export function summarize(note: IndexedNote): NoteSummary {
  return { title: note.title, url: siteData().urls.page(note.slug), description: note.frontmatter.description };
}

/**
 * Orders titles as `a.localeCompare(b)` does (the same default collation), with one collator made
 * once instead of one per comparison: pages sort thousands of backlinks and tagged notes.
 */
export const byTitle = (a: { title: string }, b: { title: string }): number => collator.compare(a.title, b.title);
const collator = new Intl.Collator();

export interface BacklinkView extends NoteSummary {
  contexts: Backlink['contexts'];
}

export function backlinksOf(note: IndexedNote): BacklinkView[] {
  const { garden } = siteData();
  return (garden.index.backlinks.get(note.slug) ?? [])
    .map((backlink) => {
      const source = garden.index.bySlug.get(backlink.source);
      return source ? { ...summarize(source), contexts: backlink.contexts } : undefined;
    })
    .filter((view): view is BacklinkView => view !== undefined)
    .sort(byTitle);
}

export function tagLinks(note: IndexedNote): { name: string; url: PageUrl }[] {
  const { urls } = siteData();
  return note.tags.map((tag) => ({ name: tag, url: urls.tag(tag) }));
}

export type { Folder } from '../core/index/tree.ts';

let cachedTree: { garden: unknown; tree: GardenTree } | undefined;

/** The published notes as a folder tree (see tree.ts), computed once per loaded garden. */
export function gardenTree(): GardenTree {
  const { garden } = siteData();
  if (cachedTree?.garden !== garden) {
    cachedTree = { garden, tree: buildTree(garden.index.bySlug.values(), garden.config.title, garden.config.explorer) };
  }
  return cachedTree.tree;
}

export function folderTree(): Folder {
  return gardenTree().root;
}

/** Folders that need a generated listing page: those without their own index note. */
export function foldersWithoutPage(): Folder[] {
  return [...gardenTree().folders.values()].filter((folder) => folder.path !== '' && !folder.page);
}

export function countNotes(folder: Folder): number {
  return folder.count;
}
