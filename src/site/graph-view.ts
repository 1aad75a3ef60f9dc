import { hasLinkedNotes } from '../core/graph/link-graph.ts';
import { localGraphPath } from '../core/graph/view-data.ts';
import type { IndexedNote } from '../core/index/types.ts';
import { encodePath } from '../core/links/page-path.ts';
import type { PageUrl } from '../core/common/types.ts';
import { siteData } from './site-data.ts';

/** A note's local graph: where its data is, and the graph page focused on it. */
export interface LocalGraphView {
  /** The note's own small data file (src/core/graph/view-data.ts). */
  data: PageUrl;
  /** The whole graph, focused on the note. */
  graphPage: string;
  /** What the drawing shows, for screen readers. */
  label: string;
}

/** `undefined` for a note that has no link either way: it has no local graph. */
export function localGraphOf(note: IndexedNote): LocalGraphView | undefined {
  const { garden, urls } = siteData();
  if (!hasLinkedNotes(garden.index, note)) return undefined;
  return {
    data: urls.special(encodePath(localGraphPath(note.slug))),
    graphPage: `${urls.special('graph/')}?focus=${encodeURIComponent(note.slug)}`,
    label: `${note.title} and the notes it links to or is linked from`,
  };
}

/** The graph page's description of the garden. */
export function graphPageView(): { description: string } {
  const { garden } = siteData();
  return { description: `How the ${garden.index.bySlug.size} notes of ${garden.config.title} link to each other.` };
}
