import Graph from 'graphology';
import type { GardenIndex, IndexedNote } from '../index/types.ts';
import type { Slug } from '../common/types.ts';

/**
 * The published notes and the links between them as a graphology graph: the input of influence
 * (PageRank) and layout. Self-links are left out (a note pointing at itself says nothing about how
 * the rest of the garden relies on it), and a link plus an embed between the same notes count once.
 */
export function linkGraph(index: GardenIndex): Graph {
  const graph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const slugs = [...index.bySlug.keys()].sort();
  for (const slug of slugs) graph.addNode(slug);
  for (const edge of index.edges) {
    if (edge.source === edge.target) continue;
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    graph.mergeEdge(edge.source, edge.target);
  }
  return graph;
}

/**
 * Whether the note has a neighbour in `linkGraph`: another published note links to it, or it links
 * to one. Read from the index directly, so a page can ask without building the whole graph (which
 * takes a fifth of a second for 10,000 notes, on the first page after every edit in dev).
 */
export function hasLinkedNotes(index: GardenIndex, note: IndexedNote): boolean {
  if ((index.backlinks.get(note.slug)?.length ?? 0) > 0) return true;
  return (index.outgoing.get(note.path) ?? []).some((link) => {
    if (link.resolution.kind !== 'note' || link.resolution.path === note.path) return false;
    return index.byPath.get(link.resolution.path)?.published === true;
  });
}

export type NodeValues = Map<Slug, number>;
