import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, promises as fs, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { GardenConfig } from '../config/config.ts';
import { compareDiagnostics, type Diagnostic, type SourcePoint } from '../common/diagnostics.ts';
import { checkNoteText, LIMITS } from '../common/limits.ts';
import { slugForAttachmentPath } from '../links/slug.ts';
import { asContentPath, type ContentPath } from '../common/types.ts';
import { Suggester } from '../common/suggest.ts';
import { frontmatterKeyLocator, splitFrontmatter, type SplitNote } from './frontmatter.ts';
import { frontmatterFields, KNOWN_FOREIGN_KEYS, type Frontmatter, type FrontmatterField } from './schema.ts';
import { confusableNames } from './confusables.ts';
import { obsidianIgnoredPaths } from './obsidian.ts';
import { decodeUtf8 } from './read.ts';
import { findBidiControl, findControlCharacter, replaceControlCharacters, unsafeNameReason, visibleName } from './characters.ts';

/** A note as read from disk: decoded, frontmatter split and validated, not yet parsed. */
export interface NoteSource {
  path: ContentPath;
  absolutePath: string;
  /** The Markdown with the frontmatter blanked out, so that positions are positions in the file. */
  body: string;
  frontmatter: Frontmatter;
  /** Frontmatter keys the garden does not know, kept for other tools and reported. */
  unknownKeys: string[];
  /** True when the note must not be published (`draft: true`, `publish: false`, or unreadable flags). */
  unpublished: boolean;
  /** True when the note was refused (too large, beyond a text limit): it stays in the garden as an
   * unpublished note without a body, so that links to it say so instead of calling it missing. */
  refused?: boolean;
  /** A hash of the file's bytes, the key of every cache. */
  hash: string;
  /** Where the frontmatter's `id`, `tags` and `aliases` are written, for messages about them. */
  keyPositions?: KeyPositions;
}

export type KeyPositions = Partial<Record<'id' | 'tags' | 'aliases', SourcePoint>>;

/** Any other file: a candidate attachment, published only when a published note links to it. */
export interface AttachmentSource {
  path: ContentPath;
  absolutePath: string;
  bytes: number;
}

export interface ScanResult {
  notes: NoteSource[];
  attachments: AttachmentSource[];
  diagnostics: Diagnostic[];
  /**
   * What reading each file gave (the note or attachment, or nothing, and the problems reading it
   * found), so that a later scan can take it over for the files that did not change.
   */
  reads?: ReadonlyMap<ContentPath, FileRead>;
}

/** What reading one file gave: the file as the garden takes it (if it does) and its problems. */
export interface FileRead {
  note?: NoteSource;
  attachment?: AttachmentSource;
  diagnostics: readonly Diagnostic[];
}

/**
 * A scan after a few files changed (the dev server): the folder is listed again with every rule
 * of a full scan, but a file that is not in `changed` is not read again; what reading it gave
 * before is taken over.
 */
export interface ScanReuse {
  previous: ScanResult;
  changed: ReadonlySet<ContentPath>;
}

/** Enough reads in flight to keep the disk busy without running out of file handles. */
const READ_CONCURRENCY = 64;

/** Maps in input order with at most `limit` calls in flight. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Folders that are never part of the garden, at any depth. */
const ALWAYS_IGNORED = new Set(['node_modules']);

/**
 * Stage 1: lists the content folder and reads every note. Hidden files and folders (`.obsidian/`,
 * `.git/`, `.github/`, …), `node_modules/` and the configured ignores are skipped; symbolic links
 * are refused (they could reach outside the content folder). With `reuse` (the dev server), files
 * that did not change are not read again; every other rule runs as in a full scan, so that the
 * dev server and the build cannot disagree.
 */
export async function scanContent(config: GardenConfig, reuse?: ScanReuse): Promise<ScanResult> {
  const stat = await fs.stat(config.contentDir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new Error(
      `The content folder ${config.contentDir} does not exist or is not a folder. ` +
        'Set `content` in astro.config.mjs or GARDEN_CONTENT to the folder that holds your notes.',
    );
  }
  const diagnostics: Diagnostic[] = [];
  const ignored = new Set([...config.ignoredPaths, ...(await obsidianIgnoredPaths(config.contentDir))]);
  const files: { path: ContentPath; absolutePath: string }[] = [];
  await walk(config.contentDir, '', ignored, files, diagnostics);
  await reportTemplateLinks(config, diagnostics);

  const previousReads = reuse?.previous.reads;
  const reads = await mapWithConcurrency(files, READ_CONCURRENCY, async (file): Promise<FileRead> => {
    const before = reuse && !reuse.changed.has(file.path) ? previousReads?.get(file.path) : undefined;
    return before ?? readFile(file);
  });
  const result: ScanResult = {
    notes: [],
    attachments: [],
    diagnostics,
    reads: new Map(files.map((file, index) => [file.path, reads[index]!])),
  };
  for (const read of reads) {
    if (read.note) result.notes.push(read.note);
    if (read.attachment) result.attachments.push(read.attachment);
    diagnostics.push(...read.diagnostics);
  }
  result.attachments.sort((a, b) => (a.path < b.path ? -1 : 1));
  result.attachments = withoutAddressCollisions(result.attachments, diagnostics);
  diagnostics.push(...confusableNames([...result.notes, ...result.attachments].map((file) => file.path)));
  // Files are read concurrently: problems arrive in the order reads finish. Sorted, every scan of
  // the same folder reports the same way.
  diagnostics.sort(compareDiagnostics);
  return result;
}

/** Reads one listed file: a note (`.md`) or an attachment, within the size limits. */
async function readFile(file: { path: ContentPath; absolutePath: string }): Promise<FileRead> {
  const diagnostics: Diagnostic[] = [];
  if (file.path.toLowerCase().endsWith('.md')) {
    const note = await readNote(file.path, file.absolutePath, diagnostics);
    return note ? { note, diagnostics } : { diagnostics };
  }
  const { size } = await fs.lstat(file.absolutePath);
  if (size > LIMITS.maxAttachmentBytes) {
    diagnostics.push({
      file: file.path,
      severity: 'error',
      rule: 'file-too-large',
      message: `The file is ${mebibytes(size)} MiB; attachments larger than ${LIMITS.maxAttachmentBytes / 1024 / 1024} MiB are not published.`,
      hint: 'Make the file smaller, or publish it elsewhere and link to its address.',
    });
    return { diagnostics };
  }
  return { attachment: { ...file, bytes: size }, diagnostics };
}

const mebibytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Attachments are published at their slug (`Images/Chart.PNG` → `images/chart.png`): two files
 * that differ only in case or punctuation would overwrite each other in the site. The first by path
 * is kept, the other reported, as for notes.
 */
function withoutAddressCollisions(attachments: AttachmentSource[], diagnostics: Diagnostic[]): AttachmentSource[] {
  const bySlug = new Map<string, AttachmentSource>();
  return attachments.filter((attachment) => {
    const slug = slugForAttachmentPath(attachment.path);
    const existing = bySlug.get(slug);
    if (!existing) {
      bySlug.set(slug, attachment);
      return true;
    }
    diagnostics.push({
      file: attachment.path,
      severity: 'error',
      rule: 'slug-collision',
      message: `This file and ${existing.path} would both be published at /${slug}; only ${existing.path} is.`,
      hint: 'Rename one of the two files so that their names differ by more than case or punctuation.',
    });
    return false;
  });
}

async function walk(
  absoluteDir: string,
  relativeDir: string,
  ignored: ReadonlySet<string>,
  files: { path: ContentPath; absolutePath: string }[],
  diagnostics: Diagnostic[],
): Promise<void> {
  const entries: Dirent[] = await fs.readdir(absoluteDir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Names are read as NFC; two names that differ only in their Unicode normalisation (`Café.md`
  // typed on Linux, `Cafe\u0301.md` from macOS) would become one path.
  const seen = new Map<string, string>();
  for (const entry of entries) {
    if (entry.name.startsWith('.') || ALWAYS_IGNORED.has(entry.name)) continue;
    const name = entry.name.normalize('NFC');
    const relative = relativeDir ? `${relativeDir}/${name}` : name;
    if (ignored.has(relative)) continue;
    const absolute = path.join(absoluteDir, entry.name);
    const unsafe = unsafeNameReason(entry.name);
    const twin = seen.get(name);
    if (unsafe) {
      diagnostics.push({
        file: asContentPath(relative),
        severity: 'error',
        rule: 'unsafe-file-name',
        message: `The name "${visibleName(entry.name)}" ${unsafe}; it is not published.`,
        hint: 'Rename it using visible characters only.',
      });
    } else if (twin !== undefined) {
      diagnostics.push({
        file: asContentPath(relative),
        severity: 'error',
        rule: 'duplicate-name',
        message: `Two entries of this folder are named "${name}": their names differ only in how their accented letters are encoded (Unicode NFC and NFD); only the first is read.`,
        hint: 'Delete or rename one of them (editors on macOS and on other systems may have saved the same name differently).',
      });
    } else if (entry.isSymbolicLink()) {
      seen.set(name, entry.name);
      diagnostics.push({
        file: asContentPath(relative),
        severity: 'error',
        rule: 'symlink',
        message: 'Symbolic links are not followed: they could point outside the content folder.',
        hint: 'Replace the link with the file itself, or link to the note with [[…]].',
      });
    } else if (entry.isDirectory()) {
      seen.set(name, entry.name);
      await walk(absolute, relative, ignored, files, diagnostics);
    } else if (entry.isFile()) {
      seen.set(name, entry.name);
      files.push({ path: asContentPath(relative), absolutePath: absolute });
    }
  }
}

/**
 * The templates folder is never published, but `garden new` copies its files into new notes: a
 * symbolic link there (to a key, say) would copy what it points at. `garden new` refuses to follow
 * one; the check reports them, so that such a pull request fails.
 */
async function reportTemplateLinks(config: Pick<GardenConfig, 'contentDir' | 'templatesDir'>, diagnostics: Diagnostic[]): Promise<void> {
  const folder = await fs.lstat(config.templatesDir).catch(() => undefined);
  if (!folder) return;
  // A linked templates folder is reported itself, and not read.
  const entries = folder.isSymbolicLink() ? [] : await fs.readdir(config.templatesDir, { recursive: true, withFileTypes: true });
  const links = folder.isSymbolicLink()
    ? [config.templatesDir]
    : entries.filter((entry) => entry.isSymbolicLink()).map((entry) => path.join(entry.parentPath, entry.name));
  for (const link of links.sort()) {
    diagnostics.push({
      file: asContentPath(path.relative(config.contentDir, link).split(path.sep).join('/').normalize('NFC')),
      severity: 'error',
      rule: 'symlink',
      message: 'Symbolic links in the templates folder are not followed: `garden new` would copy what they point at into a new note.',
      hint: 'Replace the link with the template file itself.',
    });
  }
}

/** `O_NOFOLLOW`: a file swapped for a symbolic link after the folder was listed is not opened. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0);

/** Reads one note (decoding, frontmatter, limits); used by the scan and by dev updates. */
export async function readNote(path: ContentPath, absolutePath: string, diagnostics: Diagnostic[]): Promise<NoteSource | undefined> {
  const refused = (reason: Omit<Diagnostic, 'file' | 'severity'>, frontmatter: Frontmatter = {}, hash = ''): NoteSource => {
    diagnostics.push({ file: path, severity: 'error', ...reason });
    return { path, absolutePath, body: '', frontmatter, unknownKeys: [], unpublished: true, refused: true, hash };
  };
  let bytes: Buffer;
  // Read synchronously: a note is small and usually in the page cache, where four awaited file
  // operations per note cost more than the reading (on 6,500 notes: 0.2 s instead of 0.5 s, and a
  // quarter of the CPU time; about the same when the files must come from the disk).
  const fd = openSync(absolutePath, OPEN_FLAGS);
  try {
    // The size is checked before anything is read, so a huge file costs nothing.
    const { size } = fstatSync(fd);
    if (size > LIMITS.maxNoteBytes) {
      return refused({
        rule: 'file-too-large',
        message: `The note is ${mebibytes(size)} MiB; notes larger than ${LIMITS.maxNoteBytes / 1024 / 1024} MiB are not published.`,
        hint: 'Split it into several notes, or attach large data as a file and link to it.',
      });
    }
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  const hash = createHash('sha1').update(bytes).digest('hex');
  const decoded = decodeUtf8(bytes);
  if (decoded.invalidAt) {
    diagnostics.push({
      file: path,
      at: decoded.invalidAt,
      severity: 'error',
      rule: 'invalid-utf8',
      message: 'The file is not valid UTF-8; the invalid bytes are shown as �.',
      hint: 'Save the file as UTF-8 in your editor (VS Code: "Save with Encoding").',
    });
  }
  const text = checkCharacters(path, decoded.text, diagnostics);
  const split = splitFrontmatter(text);
  if (split.problem) {
    const { rule, message, hint, at } = split.problem;
    diagnostics.push({ file: path, at, severity: 'error', rule, message, hint });
  }
  const { frontmatter, unknownKeys, flagsUnreadable } = validateFrontmatter(path, split, diagnostics);
  // The limits on the text are checked before the note reaches the parser (src/core/common/limits.ts).
  const beyondLimit = checkNoteText(split.body);
  if (beyondLimit) {
    const { rule, at, message, hint } = beyondLimit;
    return refused({ rule, at, message: `${message} The note is not published.`, hint }, frontmatter, hash);
  }
  const unpublished =
    frontmatter.draft === true ||
    frontmatter.publish === false ||
    flagsUnreadable ||
    (split.data === undefined && looksUnpublished(split.rawFrontmatter));
  const keyPositions: KeyPositions = {};
  const locate = frontmatterKeyLocator(split);
  for (const [rawKey, key] of Object.entries(POSITIONED_KEYS)) {
    if (split.data && Object.hasOwn(split.data, rawKey)) keyPositions[key] = locate(rawKey);
  }
  return { path, absolutePath, body: split.body, frontmatter, unknownKeys, unpublished, hash, keyPositions };
}

/** The invisible characters a note is checked for (scan/characters.ts), and how each is reported. */
const INVISIBLE_CHARACTERS = [
  {
    find: findControlCharacter,
    // A stray control character is a glitch, not a danger once replaced (one sits in the
    // Sourcegraph handbook): reported, but it does not fail the check.
    severity: 'warning',
    rule: 'control-character',
    what: ['an invisible control character', 'invisible control characters'],
    effect: 'they are shown as �',
    hint: 'Delete them: the file may have been saved by a tool that is not a text editor.',
  },
  {
    find: findBidiControl,
    severity: 'error',
    rule: 'bidi-control',
    what: ['an invisible bidirectional control character', 'invisible bidirectional control characters'],
    effect: 'which can make text or a link read differently from what it is',
    hint: 'Delete them. Right-to-left text needs none; to fix the direction of a word, use the marks U+200E or U+200F.',
  },
] as const;

/**
 * Reports control and bidirectional control characters, once per note at the first one; returns
 * the text with control characters replaced, so that none reaches the site.
 */
function checkCharacters(path: ContentPath, text: string, diagnostics: Diagnostic[]): string {
  for (const { find, severity, rule, what, effect, hint } of INVISIBLE_CHARACTERS) {
    const found = find(text);
    if (!found) continue;
    const count = found.count === 1 ? what[0] : `${found.count} ${what[1]}`;
    diagnostics.push({
      file: path,
      at: found.at,
      severity,
      rule,
      message: `The note contains ${count} (the first is ${found.codePoint}), ${effect}.`,
      hint,
    });
  }
  return findControlCharacter(text) ? replaceControlCharacters(text) : text;
}

/** The frontmatter keys whose position is kept (`tag` and `alias` are read as `tags` and `aliases`). */
const POSITIONED_KEYS: Record<string, keyof KeyPositions> = { id: 'id', tags: 'tags', tag: 'tags', aliases: 'aliases', alias: 'aliases' };

const knownFieldNames = Object.keys(frontmatterFields) as FrontmatterField[];
const fieldSuggester = new Suggester(knownFieldNames);
/** Obsidian's older singular spellings, read as their plural fields. */
const SYNONYMS: Record<string, FrontmatterField> = { alias: 'aliases', tag: 'tags' };

/** Reads every property on its own (scan/schema.ts): one odd value never costs the note the others. */
function validateFrontmatter(path: ContentPath, split: SplitNote, diagnostics: Diagnostic[]) {
  const frontmatter: Frontmatter = {};
  const unknownKeys: string[] = [];
  let flagsUnreadable = false;
  const locate = frontmatterKeyLocator(split);
  for (const [rawKey, value] of Object.entries(split.data ?? {})) {
    // An empty property (`tags:`, or a list of one empty item) is how Obsidian writes "not set".
    if (isEmptyProperty(value)) continue;
    const key = (SYNONYMS[rawKey] ?? rawKey) as FrontmatterField;
    const read = Object.hasOwn(frontmatterFields, key) ? frontmatterFields[key] : undefined;
    if (!read) {
      unknownKeys.push(rawKey);
      const suggestion = KNOWN_FOREIGN_KEYS.has(rawKey.toLowerCase()) ? undefined : fieldSuggester.suggest(rawKey);
      diagnostics.push({
        file: path,
        at: locate(rawKey),
        severity: suggestion ? 'warning' : 'info',
        rule: 'frontmatter-unknown-key',
        message: `Unknown frontmatter field \`${rawKey}\`${suggestion ? `: did you mean \`${suggestion}\`?` : '; it is kept but not used.'}`,
        ...(suggestion ? { hint: `Rename it to \`${suggestion}\`.` } : { summary: 'fields the garden does not use, kept for other tools' }),
      });
      continue;
    }
    const reading = read(value, rawKey);
    if (reading.value !== undefined) {
      const merged =
        key === 'aliases' || key === 'tags' ? [...((frontmatter[key] as string[]) ?? []), ...(reading.value as string[])] : reading.value;
      (frontmatter as Record<string, unknown>)[key] = merged;
    }
    if (reading.vaultOwn) unknownKeys.push(rawKey);
    for (const finding of reading.findings ?? []) {
      if ((key === 'draft' || key === 'publish') && finding.severity === 'error') flagsUnreadable = true;
      const { rule, severity, message, hint, summary } = finding;
      diagnostics.push({ file: path, at: locate(rawKey), severity, rule, message, ...(hint ? { hint } : {}), summary });
    }
  }
  return { frontmatter, unknownKeys, flagsUnreadable };
}

function isEmptyProperty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  return Array.isArray(value) && value.every((item) => item === null || item === '');
}

/**
 * When the YAML cannot be read we cannot trust the note's intent; if it visibly says it is a draft,
 * keep it unpublished rather than leak it (fail closed).
 */
function looksUnpublished(rawFrontmatter: string): boolean {
  return /^\s*(draft\s*:\s*(true|yes)|publish\s*:\s*(false|no))\s*$/im.test(rawFrontmatter);
}
