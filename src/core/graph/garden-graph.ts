import type Graph from 'graphology';
import type { GardenIndex } from '../index/types.ts';
import { type Slug, asSlug } from '../common/types.ts';
import { gardenAreas, type GardenAreas } from './areas.ts';
import { influence } from './influence.ts';
import { layoutInput, type Point } from './layout.ts';
import { runLayout, type LayoutOptions, type LayoutResult } from './layout-runner.ts';
import { linkGraph } from './link-graph.ts';

/**
 * The link graph of a loaded garden and what is derived from it once per build: influence
 * (PageRank), its order, and the areas. Computed on first use and shared by every page (the home
 * page's "notes the garden relies on", search's tie-breaker, the graph files).
 */
export interface GardenGraph {
  graph: Graph;
  /** PageRank of each published note; they sum to 1. */
  ranks: Map<Slug, number>;
  /** 1 for the most influential note, then 2, …; ties by slug. */
  influenceOrder: Map<Slug, number>;
  maxRank: number;
  areas: GardenAreas;
}

const graphs = new WeakMap<GardenIndex, GardenGraph>();

export function gardenGraph(index: GardenIndex): GardenGraph {
  let computed = graphs.get(index);
  if (!computed) {
    const graph = linkGraph(index);
    const ranks = influence(graph);
    const ordered = [...ranks].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    computed = {
      graph,
      ranks,
      influenceOrder: new Map(ordered.map(([slug], i) => [slug, i + 1])),
      maxRank: ordered[0]?.[1] ?? 0,
      areas: gardenAreas(index.bySlug.values()),
    };
    graphs.set(index, computed);
  }
  return computed;
}

export interface GardenLayout {
  positions: Map<Slug, Point>;
  result: LayoutResult;
}

const layouts = new WeakMap<GardenIndex, Promise<GardenLayout>>();

/**
 * Starts computing the garden's layout (in a worker thread, or from the cache) unless it already
 * started; the integration calls it as soon as the garden is loaded.
 */
export function startLayout(index: GardenIndex, options: LayoutOptions = {}): Promise<GardenLayout> {
  let started = layouts.get(index);
  if (!started) {
    const input = layoutInput(gardenGraph(index).graph);
    started = runLayout(input, options).then((result) => ({
      result,
      positions: new Map(input.slugs.map((slug, i) => [asSlug(slug), { x: result.positions[2 * i]!, y: result.positions[2 * i + 1]! }])),
    }));
    layouts.set(index, started);
  }
  return started;
}
