import type { Diagnostic } from '../common/diagnostics.ts';
import { LIMITS } from '../common/limits.ts';
import type { ContentPath } from '../common/types.ts';
import type { IndexedNote, ResolvedLink } from './types.ts';

/**
 * Embed cycles, depths and counts, found in the index so that `garden check` reports them before a
 * page shows them (the render stage, src/core/render/remark/embeds.ts, stops at the same places).
 *
 * The graph's nodes are *fragments*: a whole note, one heading's section, or one block, since
 * `![[B#Intro]]` shows only the embeds inside B's Intro section. Its edges are the embeds that show
 * content in place (published targets, existing anchors, block positions). Then:
 * - `embed-cycle` (error): an embed that closes a cycle (A → B → A, or a note embedding itself),
 *   found as a back edge of one depth-first search over every page's note; a diamond (A embeds B
 *   and C, both embed D) has no back edge and is fine;
 * - `embed-too-deep` (warning): an embed that some page reaches below LIMITS.maxEmbedDepth levels,
 *   named with the path that reaches it;
 * - `embed-limit` (warning): a page that would expand more than LIMITS.maxEmbedsPerPage embeds.
 * Linear in fragments and embeds, times the depth limit.
 */

interface EmbedEdge {
  link: ResolvedLink;
  /** The note that holds the embed. */
  from: IndexedNote;
  to: string;
}

interface Fragment {
  key: string;
  note: IndexedNote;
  /** The heading or block id, or '' for the whole note. */
  anchor: string;
}

export function diagnoseEmbeds(
  notes: readonly IndexedNote[],
  outgoing: ReadonlyMap<ContentPath, ResolvedLink[]>,
  byPath: ReadonlyMap<ContentPath, IndexedNote>,
  textOf: (path: ContentPath) => string = () => '',
): Diagnostic[] {
  const { fragments, roots, edgesOf, backEdges, order } = embedGraph(notes, outgoing, byPath);
  const sizeOf = fragmentSizes(fragments, textOf);
  const diagnostics: Diagnostic[] = [];

  for (const { edge, path } of backEdges) {
    const cycle = [...path, edge.to].map(describe).join(' → ');
    diagnostics.push({
      file: edge.from.path,
      at: edge.link.at,
      severity: 'error',
      rule: 'embed-cycle',
      message: `${written(edge.link)} makes an embed cycle: ${cycle}. Pages show a notice instead of repeating it.`,
      hint: 'Remove one of the embeds in the cycle, or link instead of embedding (drop the `!`).',
    });
  }

  // The levels at which each fragment is shown on some page (a page's note is level 0), at most
  // maxEmbedDepth + 1 of them, propagated in topological order (back edges left out). An embed in a
  // fragment shown at the deepest level is cut off on that page.
  const isBack = new Set(backEdges.map(({ edge }) => edge));
  const levels = new Map<string, Map<number, string[]>>(roots.map((root) => [root.key, new Map([[0, [root.key]]])]));
  const tooDeep = new Map<ResolvedLink, { edge: EmbedEdge; via: string[] }>();
  for (const key of order) {
    const shown = levels.get(key);
    if (!shown) continue;
    const edges = edgesOf(fragments.get(key)!).filter((edge) => !isBack.has(edge));
    for (const [level, via] of [...shown].sort(([a], [b]) => a - b)) {
      for (const edge of edges) {
        if (level + 1 > LIMITS.maxEmbedDepth) {
          if (!tooDeep.has(edge.link)) tooDeep.set(edge.link, { edge, via });
          continue;
        }
        let target = levels.get(edge.to);
        if (!target) levels.set(edge.to, (target = new Map()));
        if (!target.has(level + 1)) target.set(level + 1, [...via, edge.to]);
      }
    }
  }
  for (const { edge, via } of tooDeep.values()) {
    diagnostics.push({
      file: edge.from.path,
      at: edge.link.at,
      severity: 'warning',
      rule: 'embed-too-deep',
      message: `${written(edge.link)} is not shown: embeds nest at most ${LIMITS.maxEmbedDepth} levels deep, and it is reached through ${[...via, edge.to].map(describe).join(' → ')}.`,
      hint: 'Link to the note instead of embedding it, or embed a note that embeds less.',
    });
  }

  // How many expansions each page makes, and how much Markdown they show, nested ones included, up
  // to the depth limit.
  const totals = new Map<string, { embeds: number; bytes: number }>();
  const total = (key: string, level: number): { embeds: number; bytes: number } => {
    const memo = `${level}\u0000${key}`;
    const known = totals.get(memo);
    if (known !== undefined) return known;
    totals.set(memo, { embeds: 0, bytes: 0 });
    const sum = { embeds: 0, bytes: 0 };
    if (level < LIMITS.maxEmbedDepth) {
      for (const edge of edgesOf(fragments.get(key)!)) {
        if (isBack.has(edge)) continue;
        const below = total(edge.to, level + 1);
        sum.embeds = Math.min(Number.MAX_SAFE_INTEGER, sum.embeds + 1 + below.embeds);
        sum.bytes = Math.min(Number.MAX_SAFE_INTEGER, sum.bytes + sizeOf(edge.to) + below.bytes);
      }
    }
    totals.set(memo, sum);
    return sum;
  };
  for (const root of roots) {
    const { embeds, bytes } = total(root.key, 0);
    if (embeds > LIMITS.maxEmbedsPerPage) {
      diagnostics.push({
        file: root.note.path,
        severity: 'warning',
        rule: 'embed-limit',
        message: `This page would show ${embeds} embedded notes (nested ones included); pages show at most ${LIMITS.maxEmbedsPerPage}, the rest as notices.`,
        hint: 'Embed fewer notes, or link to some of them instead.',
      });
    } else if (bytes > LIMITS.maxEmbeddedBytesPerPage) {
      diagnostics.push({
        file: root.note.path,
        severity: 'warning',
        rule: 'embed-limit',
        message: `This page would show about ${mebibytes(bytes)} MiB of embedded notes (nested ones included); pages show at most ${mebibytes(LIMITS.maxEmbeddedBytesPerPage)} MiB, the rest as notices.`,
        hint: 'Embed sections or blocks (`![[Note#Heading]]`) instead of whole notes, or link to some of them instead.',
      });
    }
  }
  return diagnostics;

  function describe(key: string): string {
    const fragment = fragments.get(key)!;
    return fragment.anchor === '' ? fragment.note.path : `${fragment.note.path}#${fragment.anchor}`;
  }
}

/**
 * The embed graph of the published pages: fragments, the embeds each shows in place, and a
 * depth-first search's back edges (the cycles) and topological order.
 */
function embedGraph(
  notes: readonly IndexedNote[],
  outgoing: ReadonlyMap<ContentPath, ResolvedLink[]>,
  byPath: ReadonlyMap<ContentPath, IndexedNote>,
) {
  const fragments = new Map<string, Fragment>();
  const edgeCache = new Map<string, EmbedEdge[]>();
  const fragmentFor = (note: IndexedNote, anchor: string): Fragment => {
    const key = `${note.path}#${anchor}`;
    let fragment = fragments.get(key);
    if (!fragment) fragments.set(key, (fragment = { key, note, anchor }));
    return fragment;
  };
  const edgesOf = (fragment: Fragment): EmbedEdge[] => {
    let edges = edgeCache.get(fragment.key);
    if (edges) return edges;
    const [start, end] = lineRange(fragment);
    edges = [];
    for (const link of outgoing.get(fragment.note.path) ?? []) {
      if (!link.embed || !link.inPlace || link.at.line < start || link.at.line > end) continue;
      const { resolution } = link;
      const targetPath = resolution.kind === 'note' ? resolution.path : resolution.kind === 'self' ? fragment.note.path : undefined;
      const target = targetPath ? byPath.get(targetPath) : undefined;
      if (!target?.published) continue;
      const anchor = resolution.kind === 'note' || resolution.kind === 'self' ? resolution.anchor : undefined;
      if (anchor && !anchor.found) continue;
      edges.push({ link, from: fragment.note, to: fragmentFor(target, anchor?.found ? anchor.id : '').key });
    }
    edgeCache.set(fragment.key, edges);
    return edges;
  };
  const roots = notes.filter((note) => note.published).map((note) => fragmentFor(note, ''));
  const { backEdges, order } = depthFirst(roots, fragments, edgesOf);
  return { fragments, roots, edgesOf, backEdges, order };
}

/**
 * The deepest embed and the most embeds any page shows, cycles left out and without the limits:
 * what `bench/limits.ts` measures real gardens with. Counts saturate at `cap`.
 */
export function measureEmbeds(
  notes: readonly IndexedNote[],
  outgoing: ReadonlyMap<ContentPath, ResolvedLink[]>,
  byPath: ReadonlyMap<ContentPath, IndexedNote>,
  textOf: (path: ContentPath) => string,
  cap = Number.MAX_SAFE_INTEGER,
) {
  const { fragments, roots, edgesOf, backEdges, order } = embedGraph(notes, outgoing, byPath);
  const sizeOf = fragmentSizes(fragments, textOf);
  const isBack = new Set(backEdges.map(({ edge }) => edge));
  // In reverse topological order, each fragment's deepest chain, expansions and bytes below it.
  const below = new Map<string, { depth: number; embeds: number; bytes: number }>();
  for (const key of [...order].reverse()) {
    const sum = { depth: 0, embeds: 0, bytes: 0 };
    for (const edge of edgesOf(fragments.get(key)!)) {
      if (isBack.has(edge)) continue;
      const next = below.get(edge.to) ?? { depth: 0, embeds: 0, bytes: 0 };
      sum.depth = Math.max(sum.depth, 1 + next.depth);
      sum.embeds = Math.min(cap, sum.embeds + 1 + next.embeds);
      sum.bytes = Math.min(cap, sum.bytes + sizeOf(edge.to) + next.bytes);
    }
    below.set(key, sum);
  }
  const largest = (measure: 'depth' | 'embeds' | 'bytes') => {
    let found = { value: 0, note: undefined as ContentPath | undefined };
    for (const root of roots) {
      const value = below.get(root.key)?.[measure] ?? 0;
      if (value > found.value) found = { value, note: root.note.path };
    }
    return found;
  };
  return { deepest: largest('depth'), most: largest('embeds'), bytes: largest('bytes') };
}

const mebibytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 });

/**
 * The size of each fragment's Markdown, from the lines it covers (what the render stage counts
 * against LIMITS.maxEmbeddedBytesPerPage, within a few characters). Each note's line offsets are
 * computed once, for the notes that are embedded.
 */
function fragmentSizes(fragments: ReadonlyMap<string, Fragment>, textOf: (path: ContentPath) => string): (key: string) => number {
  const offsets = new Map<ContentPath, number[]>();
  const lineStarts = (path: ContentPath) => {
    let starts = offsets.get(path);
    if (!starts) {
      const text = textOf(path);
      starts = [0];
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
      starts.push(text.length + 1);
      offsets.set(path, starts);
    }
    return starts;
  };
  return (key) => {
    const fragment = fragments.get(key)!;
    const starts = lineStarts(fragment.note.path);
    const [start, end] = lineRange(fragment);
    const first = Math.max(1, start);
    const last = Math.min(starts.length - 1, end);
    return Math.max(0, starts[last]! - starts[first - 1]! - 1);
  };
}

function written(link: ResolvedLink): string {
  return link.syntax === 'wikilink' ? `![[${link.raw}]]` : `\`${link.raw}\``;
}

/** The lines of a note that a fragment covers. */
function lineRange(fragment: Fragment): [number, number] {
  const { facts } = fragment.note;
  if (fragment.anchor === '') return [0, Infinity];
  if (fragment.anchor.startsWith('^')) {
    const block = facts.blocks.find((candidate) => candidate.id === fragment.anchor.slice(1));
    return block ? [block.startLine, block.endLine] : [0, Infinity];
  }
  const index = facts.headings.findIndex((heading) => heading.id === fragment.anchor);
  const heading = facts.headings[index];
  if (!heading) return [0, Infinity];
  const next = facts.headings.slice(index + 1).find((candidate) => candidate.depth <= heading.depth);
  return [heading.line, next ? next.line - 1 : Infinity];
}

/**
 * An iterative depth-first search (a long chain of embeds must not overflow the stack): the edges
 * that lead back onto the current path, each with that path, and the fragments in reverse post-order
 * (a topological order once back edges are left out).
 */
function depthFirst(roots: Fragment[], fragments: Map<string, Fragment>, edgesOf: (fragment: Fragment) => EmbedEdge[]) {
  const state = new Map<string, 'open' | 'done'>();
  const backEdges: { edge: EmbedEdge; path: string[] }[] = [];
  const postOrder: string[] = [];
  for (const root of roots) {
    if (state.has(root.key)) continue;
    const stack: { key: string; edges: EmbedEdge[]; next: number }[] = [{ key: root.key, edges: edgesOf(root), next: 0 }];
    state.set(root.key, 'open');
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const edge = top.edges[top.next++];
      if (!edge) {
        state.set(top.key, 'done');
        postOrder.push(top.key);
        stack.pop();
        continue;
      }
      const seen = state.get(edge.to);
      if (seen === 'open') {
        const path = stack.map((frame) => frame.key);
        backEdges.push({ edge, path: path.slice(path.indexOf(edge.to)) });
      } else if (seen === undefined) {
        state.set(edge.to, 'open');
        stack.push({ key: edge.to, edges: edgesOf(fragments.get(edge.to)!), next: 0 });
      }
    }
  }
  return { backEdges, order: postOrder.reverse() };
}
