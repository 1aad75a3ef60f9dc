/**
 * `npm run bench -- --limits`: the largest value of every quantity the garden limits
 * (src/core/common/limits.ts), found in a garden, next to the limit: how far real content stays below
 * each limit. docs/security.md (Limits) records the figures for real and generated gardens; the cost of each
 * input at its limit comes from `npm run bench:pathological`.
 *
 *   npm run bench -- --limits --content ~/my-vault     any folder of notes
 *   npm run bench -- --limits --sizes 50000            a generated garden of 50,000 notes
 *
 * It reads the garden as the build does (scan, parse, index), measures each note's text in the
 * same pass that checks it, times each note's parse and render, and follows the embeds.
 */
import { readFileSync } from 'node:fs';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { resolveGardenConfig } from '../src/core/config/config.ts';
import { loadGarden } from '../src/core/build/build.ts';
import { measureEmbeds } from '../src/core/index/embeds.ts';
import { tagPagesOf } from '../src/core/index/quantities.ts';
import { parseNote } from '../src/core/markdown/parse-note.ts';
import { checkNoteText, emptyTextMeasures, LIMITS, type TextMeasures } from '../src/core/common/limits.ts';
import { ParallelBuild } from '../src/core/build/workers/parallel-build.ts';
import { gardenWorld, renderInWorld } from '../src/core/render/render-note.ts';
import type { ContentPath } from '../src/core/common/types.ts';
import { MAX_FRONTMATTER_BYTES, splitFrontmatter } from '../src/core/scan/frontmatter.ts';
import { SiteUrls } from '../src/core/links/urls.ts';

/** One measured quantity: the limit, the largest value found and in which file. */
export interface LimitMeasure {
  limit: string;
  value: number;
  largest: number;
  where: string | undefined;
}

export interface LimitsBenchResult {
  notes: number;
  measures: LimitMeasure[];
}

/** The limits.ts entries each text measure is compared with. */
const TEXT_LIMITS: [keyof TextMeasures, keyof typeof LIMITS][] = [
  ['lineLength', 'maxLineLength'],
  ['nesting', 'maxNesting'],
  ['listItems', 'maxListItems'],
  ['openBrackets', 'maxOpenBrackets'],
  ['brackets', 'maxBrackets'],
  ['inlineMarkers', 'maxInlineMarkers'],
  ['dollarRuns', 'maxDollarRuns'],
  ['footnoteReferences', 'maxFootnoteReferences'],
  ['tableColumns', 'maxTableColumns'],
  ['tableCells', 'maxTableCells'],
];

class Largest {
  value = 0;
  where: string | undefined;
  offer(value: number, where: string): void {
    if (value > this.value) {
      this.value = value;
      this.where = where;
    }
  }
}

export async function benchLimits(contentDir: string): Promise<LimitsBenchResult> {
  // Parsed in workers, as a build does: the main thread keeps facts, not 50,000 trees.
  const parallel = new ParallelBuild();
  const garden = await loadGarden(resolveGardenConfig({ content: contentDir }, {}), { parallel, keepScan: true }).finally(() =>
    parallel.close(),
  );
  const bodies = new Map((garden.scan?.notes ?? []).map((note) => [note.path, note.body]));
  // Each note's tree (and those it embeds) only while it is measured.
  let trees = new Map<ContentPath, Root>();
  const treeOf = (note: { path: ContentPath }) => {
    let tree = trees.get(note.path);
    if (!tree) trees.set(note.path, (tree = parseNote(bodies.get(note.path) ?? '').tree));
    return tree;
  };
  const world = gardenWorld(garden, new SiteUrls('/'), treeOf);
  const largest = new Map<string, Largest>();
  const at = (limit: string) => {
    let entry = largest.get(limit);
    if (!entry) largest.set(limit, (entry = new Largest()));
    return entry;
  };
  for (const note of garden.index.notes) {
    trees = new Map();
    const source = readFileSync(`${contentDir}/${note.path}`);
    at('maxNoteBytes').offer(source.length, note.path);
    const split = splitFrontmatter(source.toString('utf8'));
    at('frontmatter bytes').offer(Buffer.byteLength(split.rawFrontmatter), note.path);
    const measures = emptyTextMeasures();
    checkNoteText(split.body, LIMITS, measures);
    for (const [measure, limit] of TEXT_LIMITS) at(limit).offer(measures[measure], note.path);
    // The quantities checked once a note is parsed (src/core/index/quantities.ts).
    at('maxTagsPerNote').offer(tagPagesOf(note.tags, Number.MAX_SAFE_INTEGER).size, note.path);
    at('maxAliasesPerNote').offer(note.frontmatter.aliases?.length ?? 0, note.path);
    at('maxHeadingsPerNote').offer(note.facts.headings.length, note.path);
    at('maxLinksPerNote').offer(note.facts.links.length, note.path);
    // The time one note takes in a worker: parsing, then rendering its page.
    let started = performance.now();
    const tree = treeOf(note);
    const parseMs = performance.now() - started;
    // The longest line of code, which is highlighted when it is short enough.
    visit(tree, 'code', (code: Code) => {
      for (const line of code.value.split('\n')) at('maxHighlightedLineLength').offer(line.length, note.path);
    });
    started = performance.now();
    if (note.published) renderInWorld(world, note.path, { liftTitle: true });
    at('noteBudgetMs').offer(Math.ceil(parseMs + performance.now() - started), note.path);
  }
  for (const attachment of garden.scan?.attachments ?? []) at('maxAttachmentBytes').offer(attachment.bytes, attachment.path);
  const embeds = measureEmbeds(garden.index.notes, garden.index.outgoing, garden.index.byPath, (notePath) => bodies.get(notePath) ?? '');
  at('maxEmbedDepth').offer(embeds.deepest.value, embeds.deepest.note ?? '');
  at('maxEmbedsPerPage').offer(embeds.most.value, embeds.most.note ?? '');
  at('maxEmbeddedBytesPerPage').offer(embeds.bytes.value, embeds.bytes.note ?? '');
  at('maxTagPages').offer(garden.index.tags.size, '(the whole garden)');

  const limitOf = (name: string) => (name === 'frontmatter bytes' ? MAX_FRONTMATTER_BYTES : LIMITS[name as keyof typeof LIMITS]);
  const names = [...Object.keys(LIMITS), 'frontmatter bytes'];
  return {
    notes: garden.index.notes.length,
    measures: names.map((name) => ({ limit: name, value: limitOf(name), largest: at(name).value, where: at(name).where })),
  };
}

export function formatLimitsBench(label: string, result: LimitsBenchResult): string {
  const rows = result.measures.map(({ limit, value, largest, where }) => {
    const ratio = largest === 0 ? '-' : `${(value / largest).toFixed(1)}×`;
    return `${limit.padEnd(26)} ${value.toLocaleString('en').padStart(12)} ${largest.toLocaleString('en').padStart(12)} ${ratio.padStart(10)}  ${where ?? ''}`;
  });
  return [
    `limits in ${label} (${result.notes} notes)`,
    `${'limit'.padEnd(26)} ${'value'.padStart(12)} ${'largest'.padStart(12)} ${'headroom'.padStart(10)}  where`,
    ...rows,
  ].join('\n');
}
