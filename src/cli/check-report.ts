import { countBySeverity, type Diagnostic, type Severity } from '../core/common/diagnostics.ts';
import type { Printer } from './io.ts';

/**
 * The three ways `garden check` reports problems. The JSON shape is a contract documented in
 * docs/contributing.md ("garden check"): change it only by raising `version`.
 */

export interface CheckReportJson {
  version: 1;
  /** The content folder, relative to where the command ran. */
  contentDir: string;
  notes: { total: number; published: number };
  /** Only the files asked for, when paths were given; `[]` means the whole garden. */
  paths: string[];
  summary: { errors: number; warnings: number; info: number };
  diagnostics: {
    /** Relative to the content folder, as in every garden message. */
    file: string;
    /** Relative to where the command ran (editors open it). */
    path: string;
    /** 1-based; `null` when the problem is about the whole file. */
    line: number | null;
    column: number | null;
    severity: Severity;
    rule: string;
    message: string;
    hint: string | null;
  }[];
}

export interface ReportInput {
  diagnostics: readonly Diagnostic[];
  contentDir: string;
  /** Turns a content-relative path into the path to print. */
  displayPath: (file: string) => string;
  notes: { total: number; published: number };
  paths: string[];
}

export function toJsonReport(input: ReportInput): CheckReportJson {
  const counts = countBySeverity(input.diagnostics);
  return {
    version: 1,
    contentDir: input.contentDir,
    notes: input.notes,
    paths: input.paths,
    summary: { errors: counts.error, warnings: counts.warning, info: counts.info },
    diagnostics: input.diagnostics.map((diagnostic) => ({
      file: diagnostic.file,
      path: input.displayPath(diagnostic.file),
      line: diagnostic.at?.line ?? null,
      column: diagnostic.at?.column ?? null,
      severity: diagnostic.severity,
      rule: diagnostic.rule,
      message: diagnostic.message,
      hint: diagnostic.hint ?? null,
    })),
  };
}

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/** `file:line:col  severity  rule  message hint`, one problem per line, as compilers print them. */
export function humanLine(diagnostic: Diagnostic, path: string, printer: Printer): string {
  const where = diagnostic.at ? `${path}:${diagnostic.at.line}:${diagnostic.at.column}` : path;
  const hint = diagnostic.hint ? ` ${printer.paint('dim', diagnostic.hint)}` : '';
  return (
    `${printer.paint('bold', where)}  ${printer.paint(SEVERITY_STYLE[diagnostic.severity], diagnostic.severity)}  ` +
    `${printer.paint('dim', diagnostic.rule)}  ${diagnostic.message}${hint}`
  );
}

/** Problems of one kind: the same severity, rule and summary (scan/schema.ts gives summaries). */
export interface RepeatedProblems {
  severity: Severity;
  rule: string;
  summary: string | undefined;
  diagnostics: Diagnostic[];
}

/** More problems of one kind than this are grouped in the human report (all are listed with --verbose). */
export const GROUP_AFTER = 10;
/** How many of a group are shown in full. */
export const GROUP_EXAMPLES = 3;

/**
 * Splits problems into those listed one by one and groups of repeated ones, so that a real vault's
 * report fits on one screen: 6,850 notes with an empty `aliases` are one group, not 6,850 lines.
 * Groups come errors first, then by size.
 */
export function groupRepeated(diagnostics: readonly Diagnostic[]): { single: Diagnostic[]; groups: RepeatedProblems[] } {
  const byKind = new Map<string, RepeatedProblems>();
  for (const diagnostic of diagnostics) {
    const key = `${diagnostic.severity}\0${diagnostic.rule}\0${diagnostic.summary ?? ''}`;
    let group = byKind.get(key);
    if (!group)
      byKind.set(key, (group = { severity: diagnostic.severity, rule: diagnostic.rule, summary: diagnostic.summary, diagnostics: [] }));
    group.diagnostics.push(diagnostic);
  }
  const groups = [...byKind.values()].filter((group) => group.diagnostics.length > GROUP_AFTER);
  const grouped = new Set(groups.flatMap((group) => group.diagnostics));
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  groups.sort(
    (a, b) => order[a.severity] - order[b.severity] || b.diagnostics.length - a.diagnostics.length || a.rule.localeCompare(b.rule, 'en'),
  );
  return { single: diagnostics.filter((diagnostic) => !grouped.has(diagnostic)), groups };
}

/** The line after a group's examples: how many more, in how many notes, and what they share. */
export function groupLine(group: RepeatedProblems, printer: Printer): string {
  const more = group.diagnostics.length - GROUP_EXAMPLES;
  const notes = new Set(group.diagnostics.map((diagnostic) => diagnostic.file)).size;
  const kind = `${group.rule} ${group.severity === 'info' ? 'notices' : `${group.severity}s`}`;
  const what = group.summary ? `: ${group.summary}` : '';
  return printer.paint(
    'dim',
    `  … and ${more.toLocaleString('en')} more ${kind} (${group.diagnostics.length.toLocaleString('en')} in ${notes.toLocaleString('en')} ${notes === 1 ? 'note' : 'notes'})${what}. --verbose lists every one.`,
  );
}

const ANNOTATION = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * A GitHub Actions workflow command: the problem appears on the pull request's line.
 * `path` must be relative to the repository root. Escaping as in `@actions/core`.
 */
export function githubAnnotation(diagnostic: Diagnostic, path: string): string {
  const properties = [`file=${escapeProperty(path)}`];
  if (diagnostic.at) properties.push(`line=${diagnostic.at.line}`, `col=${diagnostic.at.column}`);
  properties.push(`title=${escapeProperty(`${diagnostic.rule} (${diagnostic.severity})`)}`);
  const text = diagnostic.hint ? `${diagnostic.message} ${diagnostic.hint}` : diagnostic.message;
  return `::${ANNOTATION[diagnostic.severity]} ${properties.join(',')}::${escapeData(text)}`;
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
