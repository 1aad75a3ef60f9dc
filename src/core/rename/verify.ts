import type { Diagnostic } from '../common/diagnostics.ts';
import type { Garden } from '../build/build.ts';
import { buildIndex } from '../index/build.ts';
import type { GardenIndex } from '../index/types.ts';
import type { NoteFacts } from '../markdown/facts.ts';
import type { Resolution } from '../links/resolver.ts';
import { replaceControlCharacters } from '../scan/characters.ts';
import { splitFrontmatter } from '../scan/frontmatter.ts';
import type { ScanResult } from '../scan/scan.ts';
import { type ContentPath, asContentPath } from '../common/types.ts';
import type { RenamePlan } from './plan.ts';

export interface PlanCheck {
  /** The garden as it will be, indexed from the planned texts at the planned paths. */
  after: GardenIndex;
  /** Links that would lead elsewhere than before: each makes the plan unsafe. */
  brokenPromises: string[];
  /** Problems the garden would have that it does not have now (errors and warnings). */
  newProblems: Diagnostic[];
}

/**
 * Checks a plan before anything is touched: the garden as it will be is indexed from the rewritten
 * texts (parsed again, as the build will parse them) at the new paths, and every link that
 * resolved before must resolve to the same file (followed to its new path), with its `#heading`
 * or `^block` still found (for a repair, to the file it was meant to lead to). The problems
 * `garden check` would report are compared too.
 */
export function checkPlan(garden: Garden, plan: RenamePlan): PlanCheck {
  if (!garden.scan) throw new Error('Load the garden with `keepScan: true` to check a rename.');
  const moved = (file: ContentPath) => plan.moves.get(file) ?? file;
  const texts = new Map(plan.rewritten.map((file) => [file.from, file.after]));
  const { index } = garden;

  const parsed = new Map<ContentPath, { facts: NoteFacts }>();
  const scan: ScanResult = {
    notes: garden.scan.notes.map((note) => {
      const text = texts.get(note.path);
      if (text === undefined) {
        const facts = index.byPath.get(note.path)?.facts;
        if (facts) parsed.set(moved(note.path), { facts });
        return { ...note, path: moved(note.path) };
      }
      const body = splitFrontmatter(replaceControlCharacters(text.replace(/^\uFEFF/, ''))).body;
      return { ...note, path: moved(note.path), body, hash: `${note.hash}:rewritten` };
    }),
    attachments: garden.scan.attachments.map((attachment) => ({ ...attachment, path: moved(attachment.path) })),
    diagnostics: garden.scan.diagnostics.map((diagnostic) => ({ ...diagnostic, file: moved(diagnostic.file) })),
  };
  const after = buildIndex(scan, parsed);

  const brokenPromises: string[] = [];
  for (const note of index.notes) {
    const location = moved(note.path);
    const before = index.outgoing.get(note.path) ?? [];
    const now = after.outgoing.get(location) ?? [];
    if (before.length !== now.length) {
      brokenPromises.push(`${location}: the rewrite changed the number of links (${before.length} before, ${now.length} after).`);
      continue;
    }
    before.forEach((link, i) => {
      const intent = plan.meant?.(note.path, link.target);
      const expected = intent ? describe({ kind: intent.kind, path: intent.path }, moved, false) : describe(link.resolution, moved);
      const found = describe(now[i]!.resolution, (file) => file, intent === undefined);
      if (expected !== undefined && expected !== found) {
        brokenPromises.push(
          `${location}:${now[i]!.at.line}:${now[i]!.at.column}: \`${now[i]!.raw}\` would lead to ${found ?? 'nothing'} instead of ${expected}.`,
        );
      }
    });
  }
  return { after, brokenPromises, newProblems: newProblems(index.diagnostics, after.diagnostics, moved) };
}

/** What a link leads to, for comparing before and after: the file and (when asked) its anchor. */
function describe(resolution: Resolution, moved: (file: ContentPath) => ContentPath, withAnchor = true): string | undefined {
  const anchor =
    withAnchor && 'anchor' in resolution && resolution.anchor ? (resolution.anchor.found ? `#${resolution.anchor.id}` : '#?') : '';
  if (resolution.kind === 'note' || resolution.kind === 'attachment') return `${moved(resolution.path)}${anchor}`;
  if (resolution.kind === 'self') return `this note${anchor}`;
  return undefined;
}

/** Errors and warnings after that were not there before (per file, after the move, and rule). */
function newProblems(before: readonly Diagnostic[], after: readonly Diagnostic[], moved: (file: ContentPath) => ContentPath): Diagnostic[] {
  const key = (file: string, diagnostic: Diagnostic) => `${file}\u0000${diagnostic.rule}`;
  const counts = new Map<string, number>();
  for (const diagnostic of before) {
    const k = key(moved(asContentPath(diagnostic.file)), diagnostic);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return after.filter((diagnostic) => {
    if (diagnostic.severity === 'info') return false;
    const k = key(diagnostic.file, diagnostic);
    const left = counts.get(k) ?? 0;
    counts.set(k, left - 1);
    return left <= 0;
  });
}
