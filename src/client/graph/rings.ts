import type { NoteGraph } from './data.ts';

/**
 * Rings around the note: its neighbours on the first, ordered by area then influence (so that an
 * area's notes sit together), their neighbours on the second, each in the slice of the neighbour
 * it comes through (its most influential one).
 */
export function placeOnRings(graph: NoteGraph, centre: string, stretch = 1): void {
  graph.mergeNodeAttributes(centre, { x: 0, y: 0 });
  const byAreaThenRank = (a: string, b: string) =>
    graph.getNodeAttribute(a, 'area') - graph.getNodeAttribute(b, 'area') ||
    graph.getNodeAttribute(b, 'rank') - graph.getNodeAttribute(a, 'rank') ||
    (a < b ? -1 : 1);
  const first = graph.filterNodes((_node, attributes) => attributes.depth === 1).sort(byAreaThenRank);
  const slice = (2 * Math.PI) / Math.max(first.length, 1);
  const angleOf = new Map<string, number>();
  first.forEach((node, i) => {
    const angle = -Math.PI / 2 + i * slice;
    angleOf.set(node, angle);
    graph.mergeNodeAttributes(node, { x: stretch * Math.cos(angle), y: Math.sin(angle) });
  });
  const children = new Map<string, string[]>();
  for (const node of graph.filterNodes((_node, attributes) => attributes.depth === 2).sort(byAreaThenRank)) {
    const via = graph
      .neighbors(node)
      .filter((neighbour) => angleOf.has(neighbour))
      .sort((a, b) => graph.getNodeAttribute(b, 'rank') - graph.getNodeAttribute(a, 'rank'))[0];
    const list = children.get(via ?? '') ?? [];
    list.push(node);
    children.set(via ?? '', list);
  }
  for (const [via, nodes] of children) {
    const base = angleOf.get(via) ?? 0;
    const width = via === '' ? 2 * Math.PI : slice * 0.9;
    nodes.forEach((node, i) => {
      const angle = base - width / 2 + (width * (i + 0.5)) / nodes.length;
      // Alternate two radii so that neighbours in a crowded slice do not overlap.
      const radius = 2 + (i % 2 === 0 ? -0.1 : 0.1);
      graph.mergeNodeAttributes(node, { x: stretch * radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
  }
}
