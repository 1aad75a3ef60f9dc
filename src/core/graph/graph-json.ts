import type { BlendedInfluence } from './blended-influence.ts';
import type { Point } from './layout.ts';
import { gardenGraph } from './garden-graph.ts';
import type { ContentPath, Slug } from '../common/types.ts';
import type { GardenIndex } from '../index/types.ts';

/**
 * `graph.json`: a stable contract other tools read (docs/graph.md documents it). Only published notes
 * appear; `source` and `target` are slugs, `path` is relative to the content folder. Fields are only
 * ever added: `x`, `y` (the build's layout) and `rank` (link influence, PageRank) came after the
 * first, then `community` (the community's share, from the discussions) and `blend` (the two
 * blended: docs/comments.md, "Influence").
 */
export interface GraphJson {
  nodes: {
    slug: Slug;
    path: ContentPath;
    title: string;
    tags: string[];
    id?: string;
    x: number;
    y: number;
    rank: number;
    community: number;
    blend: number;
  }[];
  edges: { source: Slug; target: Slug; kind: 'link' | 'embed' }[];
  unresolved: { source: Slug; target: string; line: number }[];
}

/** From the index, and the owner of every id that several notes claim (a loaded `Garden` has both). */
export function buildGraphJson(
  garden: { readonly index: GardenIndex; readonly idOwners: ReadonlyMap<string, ContentPath> },
  positions: ReadonlyMap<Slug, Point>,
  /** Without it (no discussions known), `community` is 0 and `blend` is the rank. */
  influence?: BlendedInfluence,
): GraphJson {
  const { index } = garden;
  const { ranks } = gardenGraph(index);
  const nodes = [...index.bySlug.values()]
    .map((note) => {
      const point = positions.get(note.slug);
      if (!point) throw new Error(`The layout has no position for ${note.path}.`);
      return {
        slug: note.slug,
        path: note.path,
        title: note.title,
        tags: note.tags,
        // An id two notes claim is only the id of the note that keeps it (src/core/index/ids.ts).
        ...(note.frontmatter.id && (garden.idOwners.get(note.frontmatter.id) ?? note.path) === note.path
          ? { id: note.frontmatter.id }
          : {}),
        x: point.x,
        y: point.y,
        rank: roundRank(ranks.get(note.slug) ?? 0),
        community: roundRank(influence?.community.get(note.slug) ?? 0),
        blend: roundRank(influence?.blend.get(note.slug) ?? ranks.get(note.slug) ?? 0),
      };
    })
    .sort((a, b) => compare(a.slug, b.slug));
  const edges = [...index.edges].sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target) || compare(a.kind, b.kind));
  const unresolved = [...index.unresolved].sort((a, b) => compare(a.source, b.source) || a.line - b.line || compare(a.target, b.target));
  return { nodes, edges, unresolved };
}

/** Six significant digits: enough to order any garden, and stable from build to build. */
function roundRank(rank: number): number {
  return Number(rank.toPrecision(6));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
