import Graph from 'graphology';
import type { GardenIndex } from '../index/build.ts';
import type { Slug } from '../types.ts';

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

export type NodeValues = Map<Slug, number>;
