import type { IndexedNote } from '../core/index/types.ts';
import { ancestry } from '../core/index/tree.ts';
import { siteDiscussions } from './discussions.ts';
import { siteData } from './site-data.ts';
import { gardenTree } from './view.ts';

/** What Pagefind should know about a note beyond its text: filters (tag, area, owner, type) and a sort key. */
export interface SearchMetaView {
  /**
   * Influence (links blended with the community's signal: docs/comments.md) as a sort key
   * (1 = the note the garden relies on most), zero-padded so that it sorts
   * the same as text or as a number: search uses it to break near-ties (src/client/search/engine.ts).
   */
  influence: string;
  tags: string[];
  /** The note's top-level folder, by the name readers see: its page's title, else its name. */
  area?: string | undefined;
  owner?: string | undefined;
  type?: string | undefined;
}

export function searchMetaOf(note: IndexedNote): SearchMetaView {
  const { publishing } = siteData();
  const folder = gardenTree().folderOf.get(note.slug);
  const area = folder && folder.path !== '' ? ancestry(folder)[0]?.title : undefined;
  const { owner, type } = note.frontmatter;
  // Only a build is indexed: the dev server has no search index, so it skips the influence ranking
  // (PageRank over the garden, again after every edit).
  const influence = String(publishing ? (siteDiscussions().influence.order.get(note.slug) ?? 0) : 0).padStart(9, '0');
  return { influence, tags: note.tags, area, owner, type };
}
