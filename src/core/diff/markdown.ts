import type { KnowledgeDiff, LinkChange, NoteRef } from './compare.ts';

/**
 * The knowledge diff as Markdown for a pull request (the job summary, or a comment). Titles and
 * paths come from the notes, so they are escaped: a title cannot add links, mentions or markup.
 */

/** Long lists are cut: a job summary must stay readable (and under GitHub's 1 MiB). */
const MAX_ITEMS = 50;

export interface DiffHeading {
  /** What the change is compared with, e.g. `origin/main`. */
  base: string;
  commit: string;
}

export function formatDiffMarkdown(diff: KnowledgeDiff, heading: DiffHeading): string {
  const lines: string[] = [`## Knowledge diff`, '', `Compared with ${code(heading.base)} at ${code(heading.commit.slice(0, 12))}.`, ''];
  const totals = [
    count(diff.added.length, 'note added', 'notes added'),
    count(diff.changed.length, 'changed'),
    count(diff.renamed.length, 'renamed or moved'),
    count(diff.removed.length, 'removed'),
    count(diff.linksAdded.length, 'link added', 'links added'),
    count(diff.linksRemoved.length, 'link removed', 'links removed'),
  ].filter(Boolean);
  if (totals.length === 0 && diff.idsChanged.length === 0) {
    lines.push('No notes or links changed.', '');
    return lines.join('\n');
  }
  lines.push(`**${totals.join(' · ') || 'No notes added, changed or removed'}**`, '');

  section(lines, 'Notes added', diff.added, (note) => `${noteItem(note)}`);
  section(
    lines,
    'Notes changed',
    diff.changed,
    ({ note, titleBefore }) => `${noteItem(note)}${titleBefore === undefined ? '' : ` (title was “${text(titleBefore)}”)`}`,
  );
  section(
    lines,
    'Notes renamed or moved',
    diff.renamed,
    ({ from, to, contentChanged }) =>
      `${code(from.path)} → ${code(to.path)}${contentChanged ? ', and changed' : ''}` +
      (to.published && from.slug !== to.slug ? ` (the old address ${code(`/${from.slug}/`)} redirects to the new one)` : ''),
  );
  section(lines, 'Notes removed', diff.removed, (note) => noteItem(note));
  section(lines, 'Links added', diff.linksAdded, linkItem);
  section(lines, 'Links removed', diff.linksRemoved, linkItem);
  section(
    lines,
    'Notes that gained backlinks',
    diff.gainedBacklinks,
    ({ note, from }) => `**${text(note.title)}** ← ${from.map((source) => text(source.title)).join(', ')}`,
  );
  section(
    lines,
    'New unresolved links',
    diff.newUnresolved,
    ({ source, target, line }) => `${code(`${source.path}:${line}`)} links to ${code(target)}, which does not exist`,
  );
  section(
    lines,
    'New orphans: nothing links to them',
    diff.newOrphans,
    ({ note, wasLinked }) =>
      `${noteItem(note)}${wasLinked ? ': was linked before this change' : ': a new note; link it from a related note so that readers find it'}`,
  );
  section(
    lines,
    'Changed ids',
    diff.idsChanged,
    ({ note, before, after }) =>
      `${noteItem(note)}: ${before === undefined ? 'no id' : code(before)} → ${after === undefined ? 'no id' : code(after)}. ` +
      'Its discussion thread and old addresses hang on the id: keep the old one unless you mean to start over.',
  );
  return lines.join('\n');
}

function section<T>(lines: string[], title: string, items: readonly T[], item: (value: T) => string): void {
  if (items.length === 0) return;
  lines.push(`### ${title} (${items.length})`, '');
  for (const value of items.slice(0, MAX_ITEMS)) lines.push(`- ${item(value)}`);
  if (items.length > MAX_ITEMS) lines.push(`- … and ${items.length - MAX_ITEMS} more`);
  lines.push('');
}

function noteItem(note: NoteRef): string {
  return `**${text(note.title)}** ${code(note.path)}${note.published ? '' : ' (not published)'}`;
}

function linkItem(link: LinkChange): string {
  return `${text(link.source.title)} → ${text(link.target.title)}${link.kind === 'embed' ? ' (embed)' : ''}`;
}

function count(value: number, singular: string, pluralForm = singular): string {
  return value === 0 ? '' : `${value} ${value === 1 ? singular : pluralForm}`;
}

/** Text with every Markdown (and HTML) special character escaped, on one line. */
export function text(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~@&:]/g, '\\$&');
}

/** An inline code span that holds any text, backticks included (CommonMark's longer fence). */
export function code(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
