import type { ContentPath } from './types.ts';

export type Severity = 'error' | 'warning' | 'info';

/** A 1-based position in a source file, as editors count lines and columns. */
export interface SourcePoint {
  line: number;
  column: number;
}

/**
 * One problem found in the garden. Every stage reports problems in this shape so that the build
 * summary, `garden check` and the tests all speak the same language.
 */
export interface Diagnostic {
  /** The file the problem is in, relative to the content folder. */
  file: ContentPath;
  /** Where in the file; `undefined` when the problem concerns the whole file. */
  at?: SourcePoint;
  severity: Severity;
  /** A stable, kebab-case rule id such as `broken-link`, for filtering and documentation. */
  rule: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it, when we can say. */
  hint?: string;
  /**
   * What this problem has in common with others of its kind, without the specifics ("`aliases` is
   * written as one value, read as a list"): `garden check` groups repeated problems by it.
   */
  summary?: string;
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.at ? `${diagnostic.file}:${diagnostic.at.line}:${diagnostic.at.column}` : diagnostic.file;
  const hint = diagnostic.hint ? ` ${diagnostic.hint}` : '';
  return `${where}  ${diagnostic.severity}  ${diagnostic.rule}  ${diagnostic.message}${hint}`;
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts for stable output: by file, then position, then severity, then rule and message (the scan
 * reads files in parallel, so problems arrive in no fixed order). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const lineA = a.at?.line ?? 0;
  const lineB = b.at?.line ?? 0;
  if (lineA !== lineB) return lineA - lineB;
  const columnA = a.at?.column ?? 0;
  const columnB = b.at?.column ?? 0;
  if (columnA !== columnB) return columnA - columnB;
  return (
    severityOrder[a.severity] - severityOrder[b.severity] || a.rule.localeCompare(b.rule, 'en') || a.message.localeCompare(b.message, 'en')
  );
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) counts[diagnostic.severity]++;
  return counts;
}
