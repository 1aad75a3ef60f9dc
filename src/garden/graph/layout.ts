import { createHash } from 'node:crypto';
import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { Slug } from '../types.ts';

export interface Point {
  x: number;
  y: number;
}

/**
 * Positions every note at build time, so that the browser only draws (Quartz simulates forces in the
 * browser and slows to a few frames per second on large vaults). ForceAtlas2 with Barnes–Hut, from
 * starting positions derived from each slug's hash: the same garden always gets the same picture,
 * and a small change moves few nodes. The work per iteration is O(n log n + edges); fewer iterations
 * are run on very large gardens. Coordinates are rounded to keep `graph.json` small and stable.
 */
export function layout(graph: Graph): Map<Slug, Point> {
  const positions = new Map<Slug, Point>();
  if (graph.order === 0) return positions;
  graph.forEachNode((slug) => {
    const [a, b] = unitPair(slug);
    // A disc of radius √n keeps the starting density the same at every size.
    const radius = Math.sqrt(graph.order) * Math.sqrt(a);
    graph.mergeNodeAttributes(slug, { x: radius * Math.cos(2 * Math.PI * b), y: radius * Math.sin(2 * Math.PI * b), size: 1 + graph.degree(slug) });
  });
  const iterations = graph.order > 20_000 ? 60 : graph.order > 5_000 ? 120 : 300;
  const computed = forceAtlas2(graph, {
    iterations,
    settings: {
      ...forceAtlas2.inferSettings(graph),
      barnesHutOptimize: graph.order > 500,
      linLogMode: true,
      outboundAttractionDistribution: true,
      adjustSizes: false,
      gravity: 1,
      scalingRatio: 10,
    },
  });
  for (const [slug, point] of Object.entries(computed)) {
    positions.set(slug as Slug, { x: round(point.x), y: round(point.y) });
  }
  return positions;
}

/** Two numbers in [0, 1) from a slug, stable across runs and machines. */
function unitPair(slug: string): [number, number] {
  const digest = createHash('sha1').update(slug).digest();
  return [digest.readUInt32BE(0) / 2 ** 32, digest.readUInt32BE(4) / 2 ** 32];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
