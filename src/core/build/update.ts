import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../common/diagnostics.ts';
import { resolvable, type IndexReuse } from '../index/build.ts';
import { parseNote } from '../markdown/parse-note.ts';
import { assembleGarden, loadGarden, type Garden } from './build.ts';
import type { NoteFacts } from '../markdown/facts.ts';
import type { Root } from 'mdast';
import { readNote, type NoteSource, type ScanResult } from '../scan/scan.ts';
import { Stopwatch } from '../common/stopwatch.ts';
import { asContentPath, type ContentPath } from '../common/types.ts';

/**
 * Applies a few changed files to a loaded garden, for the dev server: only the changed notes are
 * read and parsed again; every other note keeps its facts and tree, and the links of the whole
 * garden are resolved anew (cheap), so backlinks everywhere follow the edit. Anything the quick
 * path cannot handle (ignore rules, Obsidian settings, folders) falls back to a full load.
 */
export async function updateGarden(previous: Garden, changedFiles: readonly string[]): Promise<Garden> {
  const { config } = previous;
  const contentDir = path.resolve(config.contentDir);
  const scan = previous.scan;
  const relative = changedFiles.map((file) => path.relative(contentDir, path.resolve(file)).split(path.sep).join('/').normalize('NFC'));
  const needsFullLoad =
    !scan ||
    relative.some(
      (file) =>
        file.startsWith('..') ||
        file.split('/').some((segment) => segment.startsWith('.') || segment === 'node_modules') ||
        config.ignoredPaths.some((ignored) => file === ignored || file.startsWith(`${ignored}/`)),
    );
  if (needsFullLoad) return loadGarden(config, { history: previous.history ?? false, keepScan: true });

  const notes = new Map<ContentPath, NoteSource>(scan.notes.map((note) => [note.path, note]));
  const attachments = new Map(scan.attachments.map((attachment) => [attachment.path, attachment]));
  const changed = new Set(relative.map(asContentPath));
  const diagnostics: Diagnostic[] = scan.diagnostics.filter((diagnostic) => !changed.has(diagnostic.file));
  for (const file of changed) {
    const absolutePath = path.join(contentDir, ...file.split('/'));
    const stat = await fs.lstat(absolutePath).catch(() => undefined);
    notes.delete(file);
    attachments.delete(file);
    if (stat?.isDirectory()) return loadGarden(config, { history: previous.history ?? false, keepScan: true });
    if (!stat) continue;
    if (stat.isSymbolicLink()) {
      diagnostics.push({ file, severity: 'error', rule: 'symlink', message: 'Symbolic links are not followed: they could point outside the content folder.', hint: 'Replace the link with the file itself, or link to the note with [[…]].' });
    } else if (file.toLowerCase().endsWith('.md')) {
      const note = await readNote(file, absolutePath, diagnostics);
      if (note) notes.set(file, note);
    } else {
      attachments.set(file, { path: file, absolutePath, bytes: stat.size });
    }
  }
  const nextScan: ScanResult = {
    notes: [...notes.values()],
    attachments: [...attachments.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    diagnostics,
  };
  // Unchanged notes keep what was parsed: same path, same bytes.
  const parsed = new Map<ContentPath, { facts: NoteFacts; tree?: Root }>();
  for (const note of nextScan.notes) {
    const before = previous.index.byPath.get(note.path);
    parsed.set(note.path, before && before.hash === note.hash ? { facts: before.facts, tree: before.tree } : parseNote(note.body));
  }
  return assembleGarden(config, nextScan, {
    parsed,
    stopwatch: new Stopwatch(),
    history: async () => ({ history: previous.history, historyError: previous.historyError }),
    reuse: reusableIndex(previous, nextScan, parsed, changed),
    keepScan: true,
  });
}

/**
 * The previous resolver and resolved links still hold when the same notes and attachments exist
 * and the edited notes kept the parts a link can name (headings, blocks, anchors, aliases): the
 * usual case of editing a note's text. Then only the edited notes' links are resolved again.
 */
function reusableIndex(
  previous: Garden,
  next: ScanResult,
  parsed: ReadonlyMap<ContentPath, { facts: NoteFacts }>,
  changed: ReadonlySet<ContentPath>,
): IndexReuse | undefined {
  const before = previous.index;
  if (next.notes.length !== before.notes.length || next.attachments.length !== before.resolver.attachmentPaths().length) return undefined;
  if (next.notes.some((note) => !before.byPath.has(note.path))) return undefined;
  const attachments = new Set(before.resolver.attachmentPaths());
  if (next.attachments.some((attachment) => !attachments.has(attachment.path))) return undefined;
  for (const file of changed) {
    const old = before.byPath.get(file);
    const source = next.notes.find((note) => note.path === file);
    const facts = parsed.get(file)?.facts;
    if (!old || !source || !facts) continue;
    const now = { path: file, headings: facts.headings, blockIds: facts.blockIds, htmlAnchors: facts.htmlAnchors, aliases: source.frontmatter.aliases ?? [] };
    if (JSON.stringify(now) !== JSON.stringify(resolvable(old))) return undefined;
  }
  return { resolver: before.resolver, outgoing: before.outgoing, unchanged: new Set(next.notes.map((note) => note.path).filter((file) => !changed.has(file))) };
}
