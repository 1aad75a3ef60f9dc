import path from 'node:path';
import { resolvable, type IndexReuse } from '../index/build.ts';
import { resolvableNote } from '../links/resolver.ts';
import { parseNote } from '../markdown/parse-note.ts';
import { assembleGarden, loadGarden, type Garden } from './build.ts';
import type { NoteFacts } from '../markdown/facts.ts';
import type { Root } from 'mdast';
import { scanContent, type ScanResult } from '../scan/scan.ts';
import { Stopwatch } from '../common/stopwatch.ts';
import { asContentPath, type ContentPath } from '../common/types.ts';

/**
 * Applies a few changed files to a loaded garden, for the dev server. The content folder is scanned
 * with the same rules as a full load (ignores, limits, collisions, names), but only the changed
 * files are read and parsed again; every other note keeps its facts and tree, and the links of the
 * whole garden are resolved anew (cheap), so backlinks everywhere follow the edit.
 */
export async function updateGarden(previous: Garden, changedFiles: readonly string[]): Promise<Garden> {
  const { config } = previous;
  const history = previous.history ?? false;
  if (!previous.scan) return loadGarden(config, { history, keepScan: true });
  const contentDir = path.resolve(config.contentDir);
  const changed = new Set(
    changedFiles.map((file) => asContentPath(path.relative(contentDir, path.resolve(file)).split(path.sep).join('/').normalize('NFC'))),
  );
  const nextScan = await scanContent(config, { previous: previous.scan, changed });
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
    const now = resolvableNote(file, facts, source.frontmatter.aliases ?? []);
    if (JSON.stringify(now) !== JSON.stringify(resolvable(old))) return undefined;
  }
  return {
    resolver: before.resolver,
    outgoing: before.outgoing,
    unchanged: new Set(next.notes.map((note) => note.path).filter((file) => !changed.has(file))),
  };
}
