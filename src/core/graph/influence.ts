import type Graph from 'graphology';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import { type Slug, asSlug } from '../common/types.ts';

/**
 * How much the rest of the garden leans on each note: PageRank over the link graph, so that a link
 * from an influential note counts more than one from an orphan. Ranks sum to 1; a note nobody links
 * to keeps the base share (1 − damping) / N plus what dangling notes spread evenly.
 */
export function influence(graph: Graph, damping = 0.85): Map<Slug, number> {
  if (graph.order === 0) return new Map();
  const ranks = pagerank(graph, { alpha: damping, getEdgeWeight: null, maxIterations: 1000, tolerance: 1e-10 });
  return new Map(Object.entries(ranks).map(([slug, rank]) => [asSlug(slug), rank]));
}
