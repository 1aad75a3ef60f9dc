import { createHash } from 'node:crypto';
import Graph from 'graphology';
import forceAtlas2, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import { type Slug, asSlug } from '../common/types.ts';

export interface Point {
  x: number;
  y: number;
}

/**
 * What the layout needs to know about the garden, in a form that crosses to a worker thread
 * cheaply: the published notes' slugs (sorted) and the links as pairs of indexes into them.
 */
export interface LayoutInput {
  slugs: readonly string[];
  /** `[source0, target0, source1, target1, …]`, indexes into `slugs`. */
  edges: Uint32Array;
}

/**
 * Changes whenever the algorithm or its settings change, so that a cached layout computed by an
 * older version is never reused (see layout-runner.ts).
 */
export const LAYOUT_VERSION = 'fa2-folders-4';

/** How strongly a note is held to its folder, relative to a link (weight 1). */
const FOLDER_WEIGHT = 5;

/**
 * Positions every note at build time, so that the browser only draws (Quartz simulates forces in the
 * browser and slows to a few frames per second on large vaults).
 *
 * ForceAtlas2, with two additions that make areas readable instead of a hairball:
 * - every folder is an invisible node that its notes (and its sub-folders) are tied to, so notes of
 *   the same area gather even where they do not link to each other, and links between areas stretch
 *   across;
 * - notes start near their folder: each folder gets a slice of a disc proportional to its size, and
 *   a note's place in its slice comes from its slug's hash. The same garden always gets the same
 *   picture, a small change moves few notes, and fewer iterations are needed to settle.
 *
 * Strong gravity keeps notes without links (and small islands) close instead of flung to the edge.
 * Barnes–Hut makes an iteration O(n log n + links); very large gardens run fewer iterations.
 * Coordinates are rounded to keep `graph.json` small and stable.
 */
export function computeLayout(input: LayoutInput): Float64Array {
  const count = input.slugs.length;
  const positions = new Float64Array(count * 2);
  if (count === 0) return positions;
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const start = startingPositions(input.slugs);
  for (const [i, slug] of input.slugs.entries()) graph.addNode(slug, { x: start[2 * i], y: start[2 * i + 1] });
  for (let i = 0; i < input.edges.length; i += 2) {
    const source = input.slugs[input.edges[i]!]!;
    const target = input.slugs[input.edges[i + 1]!]!;
    if (source !== target) graph.mergeEdge(source, target, { weight: 1 });
  }
  addFolderNodes(graph, input.slugs, start);
  const computed = forceAtlas2(graph, { iterations: iterationsFor(count), getEdgeWeight: 'weight', settings: layoutSettings(graph.order) });
  input.slugs.forEach((slug, i) => {
    const point = computed[slug]!;
    positions[2 * i] = round(point.x);
    positions[2 * i + 1] = round(point.y);
  });
  return positions;
}

/** The layout of a graphology graph of notes (as `linkGraph` builds it), by slug. */
export function layout(graph: Graph): Map<Slug, Point> {
  const input = layoutInput(graph);
  const positions = computeLayout(input);
  return new Map(input.slugs.map((slug, i) => [asSlug(slug), { x: positions[2 * i]!, y: positions[2 * i + 1]! }]));
}

/** The slugs (sorted) and links of a graph of notes, as the layout takes them. */
export function layoutInput(graph: Graph): LayoutInput {
  const slugs = graph.nodes().sort();
  const indexOf = new Map(slugs.map((slug, i) => [slug, i]));
  const edges = new Uint32Array(graph.size * 2);
  let at = 0;
  graph.forEachEdge((_edge, _attributes, source, target) => {
    edges[at++] = indexOf.get(source)!;
    edges[at++] = indexOf.get(target)!;
  });
  return { slugs, edges };
}

/** Fewer iterations for very large gardens: the picture settles early and each one costs more. */
export function iterationsFor(count: number): number {
  if (count <= 1_000) return 500;
  return Math.max(30, Math.round(500 * (1_000 / count) ** 0.7));
}

function layoutSettings(order: number): ForceAtlas2Settings {
  return {
    barnesHutOptimize: order > 300,
    // A coarser approximation of far-away notes on large gardens: a third less time per iteration.
    barnesHutTheta: order > 5_000 ? 1.2 : 0.8,
    strongGravityMode: true,
    gravity: 0.5,
    scalingRatio: 2,
    slowDown: 1,
    linLogMode: false,
    outboundAttractionDistribution: false,
    adjustSizes: false,
  };
}

const parentOf = (folder: string): string => (folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '');
const folderNode = (folder: string): string => `\0folder:${folder}`;

/** Every folder that holds a note, by slug (`''` is the top); a folder's own page belongs to it. */
function foldersOf(slugs: readonly string[]): { folders: Set<string>; folderOf: (slug: string) => string } {
  const folders = new Set<string>();
  for (const slug of slugs) {
    if (slug === '') continue;
    for (let folder = parentOf(slug); ; folder = parentOf(folder)) {
      if (folders.has(folder)) break;
      folders.add(folder);
      if (folder === '') break;
    }
  }
  return { folders, folderOf: (slug) => (folders.has(slug) ? slug : parentOf(slug)) };
}

/**
 * The invisible folder nodes and their ties (note → folder, folder → parent), at their folder's
 * centre. A folder that holds every note (the top, or a garden kept in one folder) is left out: it
 * separates nothing, and would only pull everything together.
 */
function addFolderNodes(graph: Graph, slugs: readonly string[], start: Float64Array): void {
  const { folders, folderOf } = foldersOf(slugs);
  const below = new Map<string, number>();
  const centre = new Map<string, { x: number; y: number; n: number }>();
  slugs.forEach((slug, i) => {
    const own = folderOf(slug);
    const entry = centre.get(own) ?? { x: 0, y: 0, n: 0 };
    entry.x += start[2 * i]!;
    entry.y += start[2 * i + 1]!;
    entry.n++;
    centre.set(own, entry);
    for (let folder = own; ; folder = parentOf(folder)) {
      below.set(folder, (below.get(folder) ?? 0) + 1);
      if (folder === '') break;
    }
  });
  const tied = [...folders].filter((folder) => (below.get(folder) ?? 0) < slugs.length).sort();
  const isTied = new Set(tied);
  for (const folder of tied) {
    const entry = centre.get(folder);
    graph.addNode(folderNode(folder), entry ? { x: entry.x / entry.n, y: entry.y / entry.n } : { x: 0, y: 0 });
  }
  for (const folder of tied) {
    if (isTied.has(parentOf(folder))) graph.mergeEdge(folderNode(folder), folderNode(parentOf(folder)), { weight: FOLDER_WEIGHT });
  }
  for (const slug of slugs) {
    if (isTied.has(folderOf(slug))) graph.mergeEdge(slug, folderNode(folderOf(slug)), { weight: FOLDER_WEIGHT });
  }
}

/**
 * Starting positions: a disc of radius √n (the same density at every size), cut into slices, one
 * per folder, sized by the number of notes below it; inside its folder's slice a note's angle and
 * radius come from its slug's hash.
 */
function startingPositions(slugs: readonly string[]): Float64Array {
  const { folderOf } = foldersOf(slugs);
  // Notes per folder, counted in every folder above them too.
  const below = new Map<string, number>();
  const children = new Map<string, Set<string>>();
  for (const slug of slugs) {
    let folder = folderOf(slug);
    below.set(folder, (below.get(folder) ?? 0) + 1);
    while (folder !== '') {
      const parent = parentOf(folder);
      below.set(parent, (below.get(parent) ?? 0) + 1);
      let set = children.get(parent);
      if (!set) children.set(parent, (set = new Set()));
      set.add(folder);
      folder = parent;
    }
  }
  // Each folder's slice [from, to) of the full turn; its own notes take the first part.
  const slice = new Map<string, [number, number]>();
  const own = new Map<string, [number, number]>();
  const share = (folder: string, from: number, to: number) => {
    slice.set(folder, [from, to]);
    const total = below.get(folder) ?? 0;
    const subfolders = [...(children.get(folder) ?? [])].sort();
    const ownCount = total - subfolders.reduce((sum, child) => sum + (below.get(child) ?? 0), 0);
    let at = from + ((to - from) * ownCount) / Math.max(total, 1);
    own.set(folder, [from, at]);
    for (const child of subfolders) {
      const width = ((to - from) * (below.get(child) ?? 0)) / Math.max(total, 1);
      share(child, at, at + width);
      at += width;
    }
  };
  share('', 0, 1);
  const radius = Math.sqrt(slugs.length);
  const positions = new Float64Array(slugs.length * 2);
  slugs.forEach((slug, i) => {
    const [a, b] = unitPair(slug);
    const [from, to] = own.get(folderOf(slug)) ?? [0, 1];
    const angle = 2 * Math.PI * (from + (to - from) * a);
    const r = radius * Math.sqrt(0.05 + 0.95 * b);
    positions[2 * i] = r * Math.cos(angle);
    positions[2 * i + 1] = r * Math.sin(angle);
  });
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
