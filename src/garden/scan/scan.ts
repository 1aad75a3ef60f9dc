import { createHash } from 'node:crypto';
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import type { GardenConfig } from '../config.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { LIMITS } from '../limits.ts';
import { asContentPath, type ContentPath } from '../types.ts';
import { Suggester } from '../suggest.ts';
import { locateFrontmatterKey, splitFrontmatter, type SplitNote } from './frontmatter.ts';
import { frontmatterFields, KNOWN_FOREIGN_KEYS, type Frontmatter, type FrontmatterField } from './schema.ts';
import { obsidianIgnoredPaths } from './obsidian.ts';
import { decodeUtf8 } from './read.ts';

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
  /** A hash of the file's bytes, the key of every cache. */
  hash: string;
}

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
 * are refused (they could reach outside the content folder).
 */
export async function scanContent(config: GardenConfig): Promise<ScanResult> {
  const result: ScanResult = { notes: [], attachments: [], diagnostics: [] };
  const stat = await fs.stat(config.contentDir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    throw new Error(
      `The content folder ${config.contentDir} does not exist or is not a folder. ` +
        'Set `content` in astro.config.mjs or GARDEN_CONTENT to the folder that holds your notes.',
    );
  }
  const ignored = new Set([...config.ignoredPaths, ...(await obsidianIgnoredPaths(config.contentDir))]);
  const files: { path: ContentPath; absolutePath: string }[] = [];
  await walk(config.contentDir, '', ignored, files, result.diagnostics);

  const notes = await mapWithConcurrency(
    files,
    READ_CONCURRENCY,
    async (file) => {
      if (!file.path.toLowerCase().endsWith('.md')) {
        const { size } = await fs.stat(file.absolutePath);
        result.attachments.push({ ...file, bytes: size });
        return undefined;
      }
      return readNote(file.path, file.absolutePath, result.diagnostics);
    },
  );
  for (const note of notes) if (note) result.notes.push(note);
  result.attachments.sort((a, b) => (a.path < b.path ? -1 : 1));
  return result;
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
  for (const entry of entries) {
    if (entry.name.startsWith('.') || ALWAYS_IGNORED.has(entry.name)) continue;
    const relative = (relativeDir ? `${relativeDir}/${entry.name}` : entry.name).normalize('NFC');
    if (ignored.has(relative)) continue;
    const absolute = path.join(absoluteDir, entry.name);
    if (entry.isSymbolicLink()) {
      diagnostics.push({
        file: asContentPath(relative),
        severity: 'error',
        rule: 'symlink',
        message: 'Symbolic links are not followed: they could point outside the content folder.',
        hint: 'Replace the link with the file itself, or link to the note with [[…]].',
      });
    } else if (entry.isDirectory()) {
      await walk(absolute, relative, ignored, files, diagnostics);
    } else if (entry.isFile()) {
      files.push({ path: asContentPath(relative), absolutePath: absolute });
    }
  }
}

/** Reads one note (decoding, frontmatter, limits); used by the scan and by dev updates. */
export async function readNote(path: ContentPath, absolutePath: string, diagnostics: Diagnostic[]): Promise<NoteSource | undefined> {
  const bytes = await fs.readFile(absolutePath);
  if (bytes.length > LIMITS.maxNoteBytes) {
    diagnostics.push({
      file: path,
      severity: 'error',
      rule: 'file-too-large',
      message: `The note is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; notes larger than ${LIMITS.maxNoteBytes / 1024 / 1024} MiB are not published.`,
      hint: 'Split it into several notes, or attach large data as a file and link to it.',
    });
    return undefined;
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
  const split = splitFrontmatter(decoded.text);
  if (split.problem) {
    const { rule, message, hint, at } = split.problem;
    diagnostics.push({ file: path, at, severity: 'error', rule, message, hint });
  }
  const { frontmatter, unknownKeys, flagsUnreadable } = validateFrontmatter(path, split, diagnostics);
  const unpublished =
    frontmatter.draft === true ||
    frontmatter.publish === false ||
    flagsUnreadable ||
    (split.data === undefined && looksUnpublished(split.rawFrontmatter));
  return { path, absolutePath, body: split.body, frontmatter, unknownKeys, unpublished, hash };
}

const knownFieldNames = Object.keys(frontmatterFields) as FrontmatterField[];
const fieldSuggester = new Suggester(knownFieldNames);
/** Obsidian's older singular spellings, read as their plural fields. */
const SYNONYMS: Record<string, FrontmatterField> = { alias: 'aliases', tag: 'tags' };

function validateFrontmatter(path: ContentPath, split: SplitNote, diagnostics: Diagnostic[]) {
  const frontmatter: Frontmatter = {};
  const unknownKeys: string[] = [];
  let flagsUnreadable = false;
  for (const [rawKey, value] of Object.entries(split.data ?? {})) {
    // An empty property (`tags:`) is how Obsidian writes "not set".
    if (value === null || value === undefined) continue;
    const key = (SYNONYMS[rawKey] ?? rawKey) as FrontmatterField;
    const schema = frontmatterFields[key];
    if (!schema) {
      unknownKeys.push(rawKey);
      const suggestion = KNOWN_FOREIGN_KEYS.has(rawKey.toLowerCase()) ? undefined : fieldSuggester.suggest(rawKey);
      diagnostics.push({
        file: path,
        at: locateFrontmatterKey(split, rawKey),
        severity: suggestion ? 'warning' : 'info',
        rule: 'frontmatter-unknown-key',
        message: `Unknown frontmatter field \`${rawKey}\`${suggestion ? `: did you mean \`${suggestion}\`?` : '; it is kept but not used.'}`,
        ...(suggestion ? { hint: `Rename it to \`${suggestion}\`.` } : {}),
      });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      const merged = key === 'aliases' || key === 'tags' ? [...((frontmatter[key] as string[]) ?? []), ...(parsed.data as string[])] : parsed.data;
      (frontmatter as Record<string, unknown>)[key] = merged;
    } else {
      if (key === 'draft' || key === 'publish') flagsUnreadable = true;
      diagnostics.push({
        file: path,
        at: locateFrontmatterKey(split, rawKey),
        severity: 'error',
        rule: 'frontmatter-invalid',
        message: parsed.error.issues[0]?.message ?? `\`${rawKey}\` has an invalid value.`,
        hint:
          key === 'draft' || key === 'publish'
            ? 'Until this is fixed the note is treated as a draft and not published.'
            : 'The field is ignored until it is fixed; the rest of the note is published.',
      });
    }
  }
  return { frontmatter, unknownKeys, flagsUnreadable };
}

/**
 * When the YAML cannot be read we cannot trust the note's intent; if it visibly says it is a draft,
 * keep it unpublished rather than leak it (fail closed).
 */
function looksUnpublished(rawFrontmatter: string): boolean {
  return /^\s*(draft\s*:\s*(true|yes)|publish\s*:\s*(false|no))\s*$/im.test(rawFrontmatter);
}
