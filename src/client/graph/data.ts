import Graph from 'graphology';
import { pagePath } from '../../core/links/page-path.ts';
import type { GraphViewJson, LocalGraphJson } from '../../core/graph/view-json.ts';

/** The site's base path, from the page (set by the layout), e.g. `/` or `/handbook/`. */
export function siteBase(): string {
  return document.documentElement.dataset.base ?? '/';
}

export function noteUrl(slug: string): string {
  return pagePath(siteBase(), slug);
}

/** An area as the legend and the lists name it: its folder's title (the top of the garden is "Top level"). */
export function areaName(area: GraphViewJson['areas'][number]): string {
  return area.folder === '' ? 'Top level' : area.title;
}

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  label: string;
  color: string;
  /** Influence, 0–1000 of the most influential note's. */
  rank: number;
  area: number;
  tags: number[];
  /** In a local graph: 0 for the note itself, then 1 or 2. */
  depth: number;
}

export type NoteGraph = Graph<NodeAttributes>;

/** Node size on screen from influence: the most influential notes stand out, none disappears. */
export function sizeFor(rank: number, smallest: number, largest: number): number {
  return smallest + (largest - smallest) * Math.sqrt(Math.max(0, rank) / 1000);
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return (await response.json()) as T;
}

/** The whole garden's graph, as the graph page shows it (nodes keyed by slug). */
export async function loadGardenGraph(): Promise<{ data: GraphViewJson; graph: NoteGraph }> {
  const data = await fetchJson<GraphViewJson>(`${siteBase()}_garden/graph/garden.json`);
  const graph: NoteGraph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const { nodes } = data;
  for (let i = 0; i < nodes.slug.length; i++) {
    graph.addNode(nodes.slug[i]!, {
      x: nodes.x[i]!,
      // Screen coordinates grow downwards; the layout's y grows upwards.
      y: -nodes.y[i]!,
      size: sizeFor(nodes.rank[i]!, 2.5, 16),
      label: nodes.title[i]!,
      color: '',
      rank: nodes.rank[i]!,
      area: nodes.area[i]!,
      tags: nodes.tags[i]!,
      depth: 0,
    });
  }
  for (let i = 0; i < data.edges.length; i += 2) {
    graph.mergeEdge(nodes.slug[data.edges[i]!]!, nodes.slug[data.edges[i + 1]!]!);
  }
  return { data, graph };
}

/** A note's local graph (see `localGraphPath`), from the address its page gives. */
export async function loadLocalGraph(url: string): Promise<{ data: LocalGraphJson; graph: NoteGraph }> {
  const data = await fetchJson<LocalGraphJson>(url);
  const graph: NoteGraph = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  for (const [slug, title, area, rank, depth] of data.nodes) {
    graph.addNode(slug, { x: 0, y: 0, size: sizeFor(rank, 3, 12), label: title, color: '', rank, area, tags: [], depth });
  }
  for (const [source, target] of data.edges) graph.mergeEdge(data.nodes[source]![0], data.nodes[target]![0]);
  return { data, graph };
}
