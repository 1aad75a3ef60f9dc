import type { Garden } from './garden.ts';
import type { ContentPath, Slug } from './types.ts';

/**
 * `graph.json`: a stable contract other tools read (README documents it). Only published notes
 * appear; `source` and `target` are slugs, `path` is relative to the content folder.
 */
export interface GraphJson {
  nodes: { slug: Slug; path: ContentPath; title: string; tags: string[]; id?: string }[];
  edges: { source: Slug; target: Slug; kind: 'link' | 'embed' }[];
  unresolved: { source: Slug; target: string; line: number }[];
}

export function buildGraphJson(garden: Garden): GraphJson {
  const { index } = garden;
  const nodes = [...index.bySlug.values()]
    .map((note) => ({
      slug: note.slug,
      path: note.path,
      title: note.title,
      tags: note.tags,
      ...(note.frontmatter.id ? { id: note.frontmatter.id } : {}),
    }))
    .sort((a, b) => compare(a.slug, b.slug));
  const edges = [...index.edges].sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target) || compare(a.kind, b.kind));
  const unresolved = [...index.unresolved].sort((a, b) => compare(a.source, b.source) || a.line - b.line || compare(a.target, b.target));
  return { nodes, edges, unresolved };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
