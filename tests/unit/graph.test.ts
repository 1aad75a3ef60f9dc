import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { gardenAreas } from '../../src/core/graph/areas.ts';
import { influence } from '../../src/core/graph/influence.ts';
import { computeLayout, iterationsFor, layout } from '../../src/core/graph/layout.ts';
import type { IndexedNote } from '../../src/core/index/types.ts';
import { asSlug, type Slug } from '../../src/core/common/types.ts';

function graphOf(edges: [string, string][], nodes: string[] = []): Graph {
  const graph = new Graph({ type: 'directed', allowSelfLoops: false });
  for (const node of nodes) graph.mergeNode(node);
  for (const [source, target] of edges) {
    graph.mergeNode(source);
    graph.mergeNode(target);
    graph.mergeEdge(source, target);
  }
  return graph;
}

const rounded = (ranks: Map<Slug, number>) =>
  Object.fromEntries([...ranks].map(([slug, rank]) => [slug, Math.round(rank * 10000) / 10000]));

describe('influence (PageRank)', () => {
  it('is uniform on a cycle', () => {
    expect(
      rounded(
        influence(
          graphOf([
            ['a', 'b'],
            ['b', 'c'],
            ['c', 'a'],
          ]),
        ),
      ),
    ).toEqual({ a: 0.3333, b: 0.3333, c: 0.3333 });
  });

  it('matches the known result of a star: the centre collects what the leaves give', () => {
    // Leaves l1..l3 link to c; c links nowhere (a dangling node that spreads its rank evenly).
    // With damping d = 0.85 and N = 4: L = (1−d)/N + d·C/N and 3L + C = 1, so
    // C = 0.8875 / 1.6375 = 0.5420 and L = (1 − C) / 3 = 0.1527.
    const ranks = rounded(
      influence(
        graphOf([
          ['l1', 'c'],
          ['l2', 'c'],
          ['l3', 'c'],
        ]),
      ),
    );
    expect(ranks).toEqual({ l1: 0.1527, l2: 0.1527, l3: 0.1527, c: 0.542 });
  });

  it('matches a textbook four-page example', () => {
    // A→B, A→C, B→C, C→A, D→C (Brin & Page's classic shape), damping 0.85; values from networkx.
    const ranks = rounded(
      influence(
        graphOf([
          ['A', 'B'],
          ['A', 'C'],
          ['B', 'C'],
          ['C', 'A'],
          ['D', 'C'],
        ]),
      ),
    );
    expect(ranks).toEqual({ A: 0.3725, B: 0.1958, C: 0.3941, D: 0.0375 });
  });

  it('counts a link from an influential note more than one from an orphan', () => {
    // x and y each get one link: x from the hub h (linked by many), y from the orphan o.
    const edges: [string, string][] = [
      ['h', 'x'],
      ['o', 'y'],
      ['p1', 'h'],
      ['p2', 'h'],
      ['p3', 'h'],
    ];
    const ranks = influence(graphOf(edges));
    expect(ranks.get(asSlug('x'))!).toBeGreaterThan(ranks.get(asSlug('y'))! * 2);
  });

  it('sums to one, including notes without links', () => {
    const ranks = influence(graphOf([['a', 'b']], ['lonely']));
    expect([...ranks.values()].reduce((sum, rank) => sum + rank, 0)).toBeCloseTo(1, 10);
  });
});

describe('layout', () => {
  it('places every node, deterministically', () => {
    const edges: [string, string][] = Array.from({ length: 60 }, (_, i) => [`n${i}`, `n${(i * 7 + 3) % 60}`]);
    const first = layout(graphOf(edges));
    const second = layout(graphOf(edges));
    expect(first.size).toBe(60);
    expect([...first]).toEqual([...second]);
    for (const point of first.values()) expect(Number.isFinite(point.x) && Number.isFinite(point.y)).toBe(true);
  });

  it('puts linked notes closer together than unlinked ones', () => {
    // Two separate cliques of five: distances inside a clique are smaller than across.
    const clique = (prefix: string): [string, string][] =>
      Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => [`${prefix}${i}`, `${prefix}${j}`] as [string, string]))
        .flat()
        .filter(([a, b]) => a !== b);
    const points = layout(graphOf([...clique('a'), ...clique('b'), ['a0', 'b0']]));
    const at = (slug: string) => points.get(asSlug(slug))!;
    const distance = (p: string, q: string) => Math.hypot(at(p).x - at(q).x, at(p).y - at(q).y);
    expect(distance('a1', 'a2')).toBeLessThan(distance('a1', 'b2'));
    expect(distance('b3', 'b4')).toBeLessThan(distance('a3', 'b4'));
  });
});

describe('layout by areas', () => {
  it('keeps the notes of a folder together even where they do not link to each other', () => {
    // Two folders of twelve notes, each note linking to one note in the other folder only.
    const slugs = [...Array.from({ length: 12 }, (_, i) => `left/n${i}`), ...Array.from({ length: 12 }, (_, i) => `right/n${i}`)].sort();
    const edges: number[] = [];
    for (let i = 0; i < 12; i++) edges.push(slugs.indexOf(`left/n${i}`), slugs.indexOf(`right/n${(i * 5) % 12}`));
    const positions = computeLayout({ slugs, edges: Uint32Array.from(edges) });
    const at = (slug: string) => ({ x: positions[2 * slugs.indexOf(slug)]!, y: positions[2 * slugs.indexOf(slug) + 1]! });
    const centre = (folder: string) => {
      const members = slugs.filter((slug) => slug.startsWith(folder)).map(at);
      return { x: members.reduce((sum, p) => sum + p.x, 0) / members.length, y: members.reduce((sum, p) => sum + p.y, 0) / members.length };
    };
    const spread = (folder: string) => {
      const c = centre(folder);
      const members = slugs.filter((slug) => slug.startsWith(folder)).map(at);
      return members.reduce((sum, p) => sum + Math.hypot(p.x - c.x, p.y - c.y), 0) / members.length;
    };
    const apart = Math.hypot(centre('left').x - centre('right').x, centre('left').y - centre('right').y);
    expect(apart).toBeGreaterThan(spread('left'));
    expect(apart).toBeGreaterThan(spread('right'));
  });

  it('runs fewer iterations on very large gardens', () => {
    expect(iterationsFor(800)).toBe(500);
    expect(iterationsFor(10_000)).toBeLessThan(iterationsFor(2_000));
    expect(iterationsFor(1_000_000)).toBe(30);
  });
});

describe('areas', () => {
  const note = (path: string) => ({ path, slug: path.replace(/\.md$/, '').toLowerCase() }) as unknown as IndexedNote;

  it('are the top-level folders, largest first', () => {
    const { areas, areaOf } = gardenAreas([note('a/1.md'), note('b/1.md'), note('b/2.md'), note('top.md')]);
    expect(areas).toEqual([
      { folder: 'b', notes: 2 },
      { folder: '', notes: 1 },
      { folder: 'a', notes: 1 },
    ]);
    expect(areaOf.get(asSlug('b/2'))).toBe(0);
  });

  it('divide a folder holding more than half of the garden into its sub-folders', () => {
    // As in the Sourcegraph handbook, where departments/ holds most notes.
    const notes = [
      note('departments/index.md'),
      note('departments/eng/1.md'),
      note('departments/eng/2.md'),
      note('departments/sales/1.md'),
      note('company/1.md'),
    ];
    expect(gardenAreas(notes).areas.map((area) => area.folder)).toEqual(['departments/eng', 'company', 'departments', 'departments/sales']);
  });
});
