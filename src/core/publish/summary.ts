import { countBySeverity, formatDiagnostic, type Diagnostic } from '../common/diagnostics.ts';
import type { StageTiming } from '../common/stopwatch.ts';
import type { GardenIndex } from '../index/types.ts';

const SHOWN_PROBLEMS = 15;

/** What the summary reports on: a loaded garden, or a build's result (its problems include the render stage's). */
export interface SummarySubject {
  index: GardenIndex;
  diagnostics: readonly Diagnostic[];
  /** The stages shown when `stages` is not given. */
  timings: readonly StageTiming[];
}

/** The one-screen report printed at the end of a build: what was published and what is wrong. */
export function formatBuildSummary(
  garden: SummarySubject,
  extra: { attachments: number; elapsedMs: number; stages?: readonly StageTiming[]; verbose?: boolean },
): string {
  const { index } = garden;
  const published = index.bySlug.size;
  const unpublished = index.notes.length - published;
  const counts = countBySeverity(garden.diagnostics);
  const lines = [
    `garden: ${published} notes published${unpublished ? ` (${unpublished} not published: drafts or errors)` : ''}, ` +
      `${index.edges.length} links between notes, ${index.unresolved.length} unresolved, ${index.tags.size} tags, ${extra.attachments} attachments`,
    `garden: ${counts.error} errors, ${counts.warning} warnings in ${(extra.elapsedMs / 1000).toFixed(1)} s ` +
      `(${(extra.stages ?? garden.timings).map((timing) => `${timing.stage} ${(timing.wallMs / 1000).toFixed(1)} s`).join(', ')})`,
  ];
  const problems = garden.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info');
  if (problems.length > 0) {
    lines.push(`garden: problems by rule: ${countByRule(problems)}`);
    const ordered = [...problems.filter((d) => d.severity === 'error'), ...problems.filter((d) => d.severity === 'warning')];
    const shown = extra.verbose ? ordered : ordered.slice(0, SHOWN_PROBLEMS);
    for (const diagnostic of shown) lines.push(`  ${formatDiagnostic(diagnostic)}`);
    if (shown.length < ordered.length) {
      lines.push(`  … and ${ordered.length - shown.length} more (set GARDEN_VERBOSE=1 to list them all).`);
    }
  }
  return lines.join('\n');
}

function countByRule(diagnostics: readonly Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const diagnostic of diagnostics) counts.set(diagnostic.rule, (counts.get(diagnostic.rule) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => `${rule} ${count}`)
    .join(', ');
}
