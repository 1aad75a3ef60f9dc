import type { GardenIndex } from '../index/types.ts';
import { isFolderPage, slugifySegment } from '../links/slug.ts';
import { asSlug, type Slug } from '../common/types.ts';
import type { GardenGraph } from './garden-graph.ts';
import type { Point } from './layout.ts';
import type { GraphViewJson, LocalGraphJson, LocalGraphNode } from './view-json.ts';

/**
 * The data files the graph pages read in the browser. Not a contract (that is `graph.json`): they
 * are shaped for size, since the whole garden's graph is one download on the graph page. Columns of
 * plain values, links as pairs of indexes, influence as a whole number from 0 to 1000 (per mille of
 * the most influential note's rank), addresses left out (the browser makes them from the slugs with
 * `pagePath`, as the site does).
 */

/** Where the files live under the site's base; `_` cannot start a note's slug, so no note collides. */
export const GRAPH_DATA_DIR = '_garden/graph';
export const GRAPH_VIEW_FILE = `${GRAPH_DATA_DIR}/garden.json`;
const LOCAL_DIR = `${GRAPH_DATA_DIR}/local`;

export function graphViewJson(index: GardenIndex, garden: GardenGraph, positions: ReadonlyMap<Slug, Point>): GraphViewJson {
  const notes = [...index.bySlug.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const position = new Map(notes.map((note, i) => [note.slug, i]));
  const tagCounts = new Map<string, { name: string; notes: number }>();
  for (const note of notes) {
    for (const tag of note.tags) {
      const key = tag.toLowerCase();
      const entry = tagCounts.get(key) ?? { name: tag, notes: 0 };
      entry.notes++;
      tagCounts.set(key, entry);
    }
  }
  const tags = [...tagCounts.values()].sort((a, b) => b.notes - a.notes || a.name.localeCompare(b.name));
  const tagIndex = new Map(tags.map((tag, i) => [tag.name.toLowerCase(), i]));
  const edges: number[] = [];
  garden.graph.forEachEdge((_edge, _attributes, source, target) => {
    edges.push(position.get(asSlug(source))!, position.get(asSlug(target))!);
  });
  return {
    version: 1,
    areas: garden.areas.areas.map((area) => ({ folder: area.folder, title: folderTitle(index, area.folder), notes: area.notes })),
    tags,
    nodes: {
      slug: notes.map((note) => note.slug),
      title: notes.map((note) => note.title),
      x: notes.map((note) => positions.get(note.slug)?.x ?? 0),
      y: notes.map((note) => positions.get(note.slug)?.y ?? 0),
      rank: notes.map((note) => perMille(garden, note.slug)),
      area: notes.map((note) => garden.areas.areaOf.get(note.slug) ?? 0),
      tags: notes.map((note) => [...new Set(note.tags.map((tag) => tagIndex.get(tag.toLowerCase())!))]),
    },
    edges,
  };
}

/** A folder as readers know it: the title of its `index.md` or `README.md`, else its name. */
export function folderTitle(index: GardenIndex, folder: string): string {
  if (folder === '') return '';
  const page = index.bySlug.get(asSlug(folder.split('/').map(slugifySegment).join('/')));
  return page && isFolderPage(page.path) ? page.title : folder.slice(folder.lastIndexOf('/') + 1);
}

/** How many notes a local graph shows at most: it must stay small and readable on any note. */
export const LOCAL_GRAPH_LIMITS = {
  /** The note's own links and backlinks shown, the most influential first. */
  neighbours: 40,
  /** With the neighbours' neighbours (depth 2), in all: about 6 KB of JSON at most. */
  total: 60,
  /** Neighbours of each neighbour considered for depth 2, the most influential first. */
  perNeighbour: 6,
} as const;

/** The file of a note's local graph, relative to the site's base: `_garden/graph/local/guides/how-to.json`. */
export function localGraphPath(slug: Slug): string {
  return `${LOCAL_DIR}/${slug === '' ? '_home' : slug}.json`;
}

/**
 * Builds every note's local graph: the note, its links and backlinks (depth 1), and their own most
 * influential neighbours (depth 2), within `LOCAL_GRAPH_LIMITS`. The work per note is bounded by the
 * limits, not by how many notes link to a popular one, so that the total stays linear in the garden.
 */
export class LocalGraphs {
  private readonly ranked = new Map<Slug, Slug[]>();
  private readonly links = new Map<Slug, readonly Slug[]>();
  private readonly index: GardenIndex;
  private readonly garden: GardenGraph;

  constructor(index: GardenIndex, garden: GardenGraph) {
    this.index = index;
    this.garden = garden;
  }

  of(centre: Slug): LocalGraphJson {
    const { graph } = this.garden;
    const included: Slug[] = [centre];
    const depth = new Map<Slug, number>([[centre, 0]]);
    for (const neighbour of this.neighbours(centre).slice(0, LOCAL_GRAPH_LIMITS.neighbours)) {
      included.push(neighbour);
      depth.set(neighbour, 1);
    }
    const candidates = new Set<Slug>();
    for (const neighbour of included.slice(1)) {
      for (const next of this.neighbours(neighbour).slice(0, LOCAL_GRAPH_LIMITS.perNeighbour)) {
        if (!depth.has(next)) candidates.add(next);
      }
    }
    for (const next of [...candidates].sort(this.byInfluence).slice(0, LOCAL_GRAPH_LIMITS.total - included.length)) {
      included.push(next);
      depth.set(next, 2);
    }

    const position = new Map(included.map((slug, i) => [slug, i]));
    const edges: [number, number][] = [];
    for (const [i, source] of included.entries()) {
      // Whichever is shorter: the note's own links, or the notes of this graph.
      const links = this.linksOf(source);
      if (links.length <= included.length) {
        for (const target of links) {
          const j = position.get(target);
          if (j !== undefined) edges.push([i, j]);
        }
      } else {
        for (const [j, target] of included.entries()) if (graph.hasDirectedEdge(source, target)) edges.push([i, j]);
      }
    }
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

    const areas: Record<string, string> = {};
    const nodes = included.map((slug): LocalGraphNode => {
      const area = this.garden.areas.areaOf.get(slug) ?? 0;
      areas[area] = this.garden.areas.areas[area]?.folder ?? '';
      return [slug, this.index.bySlug.get(slug)?.title ?? slug, area, perMille(this.garden, slug), depth.get(slug)!];
    });
    return { version: 1, nodes, edges, areas };
  }

  /**
   * The notes a note links to (computed once per note: a note is in the local graphs of its
   * neighbours' neighbours, and asking the graph library each time was a third of this stage).
   */
  private linksOf(slug: Slug): readonly Slug[] {
    let links = this.links.get(slug);
    if (!links) {
      links = this.garden.graph.outNeighbors(slug) as Slug[];
      this.links.set(slug, links);
    }
    return links;
  }

  /** A note's links and backlinks together, the most influential first (computed once per note). */
  private neighbours(slug: Slug): Slug[] {
    let ranked = this.ranked.get(slug);
    if (!ranked) {
      ranked = (this.garden.graph.neighbors(slug) as Slug[]).sort(this.byInfluence);
      this.ranked.set(slug, ranked);
    }
    return ranked;
  }

  private readonly byInfluence = (a: Slug, b: Slug): number => this.garden.influenceOrder.get(a)! - this.garden.influenceOrder.get(b)!;
}

function perMille(garden: GardenGraph, slug: Slug): number {
  return garden.maxRank > 0 ? Math.round((1000 * (garden.ranks.get(slug) ?? 0)) / garden.maxRank) : 0;
}
