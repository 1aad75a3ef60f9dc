import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import { beforeAll, describe, expect, it } from 'vitest';
import { preferInfluential } from '../../src/client/search/engine.ts';
import { placeOnRings } from '../../src/client/graph/rings.ts';
import type { NoteGraph } from '../../src/client/graph/data.ts';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { gardenGraph } from '../../src/core/graph/garden-graph.ts';
import { hasLinkedNotes } from '../../src/core/graph/link-graph.ts';
import { buildGraphJson } from '../../src/core/graph/graph-json.ts';
import { LOCAL_GRAPH_LIMITS, LocalGraphs, graphViewJson, localGraphPath } from '../../src/core/graph/view-data.ts';
import { pagePath } from '../../src/core/links/page-path.ts';
import { asSlug, type Slug } from '../../src/core/common/types.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';

/**
 * A garden with a popular note: Hub is linked from the 60 notes of `many/`; Centre links to Hub and
 * to three notes of `few/`, one of which links back; Lonely links to nothing and nothing links to it.
 */
let garden: Garden;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-graph-data-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('index.md', '# Home\n\n[[Centre]]\n');
  write('Hub.md', '---\ntags: [core]\n---\n# Hub\n');
  for (let i = 1; i <= 60; i++) write(`many/Many ${i}.md`, `# Many ${i}\n\nSee [[Hub]].${i % 10 === 0 ? ' And [[Centre]].' : ''}\n`);
  write('Centre.md', '---\ntags: [core, start]\n---\n# Centre\n\n[[Hub]], [[Few 1]], [[Few 2]], ![[Few 3]].\n');
  for (let i = 1; i <= 3; i++) write(`few/Few ${i}.md`, `# Few ${i}\n${i === 1 ? '\nBack to [[Centre]].\n' : ''}`);
  write('many/index.md', '# The many notes\n');
  write('Lonely.md', '# Lonely\n');
  garden = await loadGarden(resolveGardenConfig({ content: dir }, {}));
});

const slug = (value: string) => asSlug(value);

describe('graph.json', () => {
  it('carries a position and an influence rank for every node, next to the fields it always had', () => {
    const positions = new Map([...garden.index.bySlug.keys()].map((key, i) => [key, { x: i, y: -i }]));
    const json = buildGraphJson(garden, positions);
    expect(json.nodes).toHaveLength(garden.index.bySlug.size);
    for (const node of json.nodes) {
      expect(Object.keys(node)).toEqual(expect.arrayContaining(['slug', 'path', 'title', 'tags', 'x', 'y', 'rank']));
      expect(node.rank).toBeGreaterThan(0);
    }
    const ranks = Object.fromEntries(json.nodes.map((node) => [node.slug, node.rank]));
    expect(ranks.hub).toBeGreaterThan(ranks.centre!);
    expect(ranks.centre).toBeGreaterThan(ranks['few/few-2']!);
    expect(json.edges).toContainEqual({ source: 'centre', target: 'few/few-3', kind: 'embed' });
    expect(() => buildGraphJson(garden, new Map())).toThrow(/no position/);
  });
});

describe('the graph page data', () => {
  it('lists every note once, in columns, with its links as pairs of indexes', () => {
    const graph = gardenGraph(garden.index);
    const positions = new Map([...garden.index.bySlug.keys()].map((key) => [key, { x: 1, y: 2 }]));
    const view = graphViewJson(garden.index, graph, positions);
    const { nodes } = view;
    const count = garden.index.bySlug.size;
    for (const column of Object.values(nodes)) expect(column).toHaveLength(count);
    expect(nodes.rank[nodes.slug.indexOf('hub')]).toBe(1000);
    expect(nodes.rank.every((rank) => rank >= 0 && rank <= 1000)).toBe(true);
    expect(view.edges.length).toBe(graph.graph.size * 2);
    const pairs = new Set<string>();
    for (let i = 0; i < view.edges.length; i += 2) pairs.add(`${nodes.slug[view.edges[i]!]} -> ${nodes.slug[view.edges[i + 1]!]}`);
    expect(pairs).toContain('centre -> hub');
    expect(pairs).toContain('few/few-1 -> centre');
    expect(view.tags.map((tag) => tag.name)).toEqual(['core', 'start']);
    expect(nodes.tags[nodes.slug.indexOf('centre')]).toEqual([0, 1]);
    expect(view.areas[nodes.area[nodes.slug.indexOf('many/many-1')]!]).toMatchObject({ folder: 'many', title: 'The many notes' });
    // A folder without its own page is named by its name; the top of the garden has no title of its own.
    expect(view.areas.map((area) => area.title).sort()).toEqual(['', 'The many notes', 'few']);
  });
});

describe('local graphs', () => {
  it('hold the note first, its links and backlinks, then their most influential neighbours', () => {
    const locals = new LocalGraphs(garden.index, gardenGraph(garden.index));
    const local = locals.of(slug('centre'));
    const depthOf = Object.fromEntries(local.nodes.map(([key, , , , depth]) => [key, depth]));
    expect(local.nodes[0]![0]).toBe('centre');
    expect(depthOf.hub).toBe(1);
    expect(depthOf['few/few-3']).toBe(1);
    expect(depthOf['many/many-10']).toBe(1); // links to Centre
    expect(depthOf['']).toBe(1);
    expect(Object.values(depthOf).filter((depth) => depth === 2).length).toBeGreaterThan(0);
    expect(local.nodes.length).toBeLessThanOrEqual(LOCAL_GRAPH_LIMITS.total);
    const at = (key: string) => local.nodes.findIndex(([candidate]) => candidate === key);
    expect(local.edges).toContainEqual([0, at('hub')]);
    expect(local.edges).toContainEqual([at('few/few-1'), 0]);
    expect(local.edges).not.toContainEqual([at('hub'), 0]);
    expect(local.areas[String(local.nodes[at('hub')]![2])]).toBe('');
  });

  it('stay small around a popular note: its most influential neighbours only', () => {
    const local = new LocalGraphs(garden.index, gardenGraph(garden.index)).of(slug('hub'));
    const neighbours = local.nodes.filter(([, , , , depth]) => depth === 1);
    expect(neighbours).toHaveLength(LOCAL_GRAPH_LIMITS.neighbours);
    // Centre is linked from six notes: it outranks any of the sixty that link to Hub.
    expect(neighbours[0]![0]).toBe('centre');
    expect(local.nodes.length).toBeLessThanOrEqual(LOCAL_GRAPH_LIMITS.total);
  });

  it('live at an address made from the slug', () => {
    expect(localGraphPath(slug('few/few-1'))).toBe('_garden/graph/local/few/few-1.json');
  });
});

describe('browser helpers', () => {
  it('make the same page addresses as the site', () => {
    const urls = new SiteUrls('/handbook/');
    for (const key of ['', 'guides/how-to', 'café/naïve notes', '日本語/メモ', 'a/b#c']) {
      expect(pagePath('/handbook/', key)).toBe(urls.page(key as Slug));
    }
  });

  it('put a local graph on rings: the note in the middle, neighbours around it, theirs further out', () => {
    const graph: NoteGraph = new Graph({ type: 'directed' });
    const add = (key: string, depth: number, area = 0, rank = 1) =>
      graph.addNode(key, { x: 0, y: 0, size: 1, label: key, color: '', rank, area, tags: [], depth });
    add('me', 0);
    add('a', 1, 0, 5);
    add('b', 1, 1, 9);
    add('c', 1, 0, 1);
    add('far', 2);
    graph.addEdge('me', 'a');
    graph.addEdge('b', 'me');
    graph.addEdge('me', 'c');
    graph.addEdge('a', 'far');
    placeOnRings(graph, 'me');
    const radius = (key: string) => Math.hypot(graph.getNodeAttribute(key, 'x'), graph.getNodeAttribute(key, 'y'));
    expect(radius('me')).toBe(0);
    for (const key of ['a', 'b', 'c']) expect(radius(key)).toBeCloseTo(1, 6);
    expect(radius('far')).toBeGreaterThan(1.8);
    // Next to the neighbour it comes through.
    const angle = (key: string) => Math.atan2(graph.getNodeAttribute(key, 'y'), graph.getNodeAttribute(key, 'x'));
    expect(Math.abs(angle('far') - angle('a'))).toBeLessThan(Math.PI / 3);
  });
});

describe('influence as a tie-breaker in search', () => {
  const results = [
    { id: 'weak', score: 1.0 },
    { id: 'fern', score: 0.7 },
    { id: 'moss', score: 0.68 },
    { id: 'poor', score: 0.3 },
  ];

  it('puts the more influential of two near-equal matches first', () => {
    const byInfluence = [{ id: 'moss' }, { id: 'poor' }, { id: 'weak' }, { id: 'fern' }];
    expect(preferInfluential(results, byInfluence).map((result) => result.id)).toEqual(['weak', 'moss', 'fern', 'poor']);
  });

  it('never lifts a clearly weaker match over a better one', () => {
    const byInfluence = [{ id: 'poor' }, { id: 'fern' }, { id: 'moss' }, { id: 'weak' }];
    expect(preferInfluential(results, byInfluence).map((result) => result.id)).toEqual(['weak', 'fern', 'moss', 'poor']);
  });
});

describe('whether a note page shows a local graph', () => {
  it('follows the link graph: a neighbour is another published note, linking or linked', async () => {
    const { graph } = gardenGraph(garden.index);
    for (const note of garden.index.bySlug.values()) {
      expect(hasLinkedNotes(garden.index, note), note.path).toBe(graph.hasNode(note.slug) && graph.degree(note.slug) > 0);
    }
    expect(hasLinkedNotes(garden.index, garden.index.bySlug.get(slug('lonely'))!)).toBe(false);
    expect(hasLinkedNotes(garden.index, garden.index.bySlug.get(slug('hub'))!)).toBe(true);

    // A link to itself or to a draft is no neighbour; a link from a draft neither.
    const dir = mkdtempSync(path.join(tmpdir(), 'garden-local-graph-'));
    writeFileSync(path.join(dir, 'Selfish.md'), '# Selfish\n\n[[Selfish]] and [[Secret]].\n');
    writeFileSync(path.join(dir, 'Secret.md'), '---\ndraft: true\n---\n# Secret\n\n[[Selfish]]\n');
    writeFileSync(path.join(dir, 'Other.md'), '# Other\n\n[[Friend]]\n');
    writeFileSync(path.join(dir, 'Friend.md'), '# Friend\n');
    const small = await loadGarden(resolveGardenConfig({ content: dir }, {}));
    const hasNeighbours = (name: string) => hasLinkedNotes(small.index, small.index.bySlug.get(slug(name))!);
    expect([hasNeighbours('selfish'), hasNeighbours('other'), hasNeighbours('friend')]).toEqual([false, true, true]);
  });
});
