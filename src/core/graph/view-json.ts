/**
 * The format of the data files the graph pages read in the browser (view-data.ts builds them):
 * shared by the build and the browser's code (src/client/graph), so that the two cannot drift apart.
 */

export interface GraphViewJson {
  version: 1;
  /** Areas (see areas.ts), largest first: the first ones get the distinct colours. `title` is what
   * readers see: the title of the folder's own page, else the folder's name (`''` at the top). */
  areas: { folder: string; title: string; notes: number }[];
  /** Tags, most used first. */
  tags: { name: string; notes: number }[];
  nodes: {
    slug: string[];
    title: string[];
    x: number[];
    y: number[];
    /** Influence, 0–1000 of the most influential note's. */
    rank: number[];
    /** Index into `areas`. */
    area: number[];
    /** Indexes into `tags`. */
    tags: number[][];
  };
  /** Links, `[source0, target0, source1, target1, …]`, indexes into the node columns. */
  edges: number[];
}

/** One note of a local graph: `[slug, title, area, influence 0–1000, depth 0|1|2]`. */
export type LocalGraphNode = [slug: string, title: string, area: number, rank: number, depth: number];

export interface LocalGraphJson {
  version: 1;
  /** The note itself is `nodes[0]`. */
  nodes: LocalGraphNode[];
  /** `[source, target]`: source links to target; indexes into `nodes`. */
  edges: [number, number][];
  /** The folders of the areas the nodes use, by area index (the same indexes as the global view). */
  areas: Record<string, string>;
}
