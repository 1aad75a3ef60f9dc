import path from 'node:path/posix';
import { headingSlug, isFolderPage } from './slug.ts';
import { Suggester } from '../common/suggest.ts';
import type { ContentPath } from '../common/types.ts';
import type { Heading, LinkTarget, NoteFacts } from '../markdown/facts.ts';
import { safeDecode } from '../common/decode.ts';

/** What the resolver needs to know of each note. */
export interface ResolvableNote {
  path: ContentPath;
  headings: readonly Heading[];
  blockIds: readonly string[];
  htmlAnchors: readonly string[];
  aliases: readonly string[];
}

/** The resolver's record of a note, from what parsing it found and its aliases (built only here). */
export function resolvableNote(
  path: ContentPath,
  facts: Pick<NoteFacts, 'headings' | 'blockIds' | 'htmlAnchors'>,
  aliases: readonly string[],
): ResolvableNote {
  return { path, headings: facts.headings, blockIds: facts.blockIds, htmlAnchors: facts.htmlAnchors, aliases };
}

export type AnchorResolution =
  | { found: true /** the element id in the target page */; id: string; caseInsensitive: boolean }
  | { found: false; wanted: string; suggestion?: string | undefined };

export type Resolution =
  | { kind: 'note'; path: ContentPath; anchor?: AnchorResolution | undefined; ambiguous?: ContentPath[] | undefined }
  | { kind: 'self'; anchor: AnchorResolution }
  /** `refused`: the file exists but is not published (attachments/publish.ts): shown as plain text. */
  | { kind: 'attachment'; path: ContentPath; ambiguous?: ContentPath[] | undefined; refused?: true | undefined }
  | { kind: 'external' }
  /** A root-absolute path that names no file in the garden, such as `/search/`: left as it is. */
  | { kind: 'site'; url: string }
  | { kind: 'missing'; reason: 'not-found' | 'folder-without-index'; suggestion?: string | undefined }
  | { kind: 'outside' }
  | { kind: 'none' };

/** File types that a `[[name.ext]]` refers to as an attachment rather than a note. */
const ATTACHMENT_EXTENSION =
  /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|pdf|mp3|wav|m4a|ogg|flac|webm|mp4|mov|ogv|mkv|csv|txt|json|zip|excalidraw|canvas|drawio|xlsx?|docx?|pptx?|geojson)$/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Whether a browser reads the address as leaving the site: a scheme (`https:`, `javascript:`…), or
 * a protocol-relative `//host`. Browsers drop tabs and line breaks anywhere in a URL, and read `\`
 * as `/`, so `java\tscript:`, `/\host` and `\\host` are read the same way here.
 */
export function isExternalUrl(rawUrl: string): boolean {
  const url = rawUrl.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return URL_SCHEME.test(url) || /^[/\\]{2}/.test(url);
}

/** Case- and normalisation-insensitive key; ASCII (most names) skips the costly normalisation. */
const fold = (value: string) => (/^[\x00-\x7f]*$/.test(value) ? value.toLowerCase() : value.normalize('NFC').toLowerCase());
const withoutMd = (value: string) => value.replace(/\.md$/i, '');

/** A missing target whose "did you mean" is found only when a message asks for it. */
function missing(reason: 'not-found' | 'folder-without-index', suggest: () => string | undefined): Resolution {
  let suggestion: { value: string | undefined } | undefined;
  return {
    kind: 'missing',
    reason,
    get suggestion() {
      suggestion ??= { value: suggest() };
      return suggestion.value;
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Every trailing run of segments: `a/b/c` → `c`, `b/c`, `a/b/c`. */
function suffixes(segments: readonly string[]): string[] {
  const result: string[] = [];
  for (let start = segments.length - 1; start >= 0; start--) result.push(segments.slice(start).join('/'));
  return result;
}

/**
 * Resolves every link of the garden exactly as docs/architecture.md ("Link resolution") says. Built once from the whole
 * garden; each lookup is a map access plus a tie-break among the few candidates.
 */
export class Resolver {
  private readonly notes = new Map<ContentPath, ResolvableNote>();
  private readonly notesByFoldedPath = new Map<string, ContentPath[]>();
  private readonly attachmentsByFoldedPath = new Map<string, ContentPath[]>();
  private readonly noteSuffixes = new Map<string, ContentPath[]>();
  private readonly folderSuffixes = new Map<string, ContentPath[]>();
  private readonly attachmentSuffixes = new Map<string, ContentPath[]>();
  private readonly aliases = new Map<string, ContentPath[]>();
  private readonly folders = new Set<string>();
  private readonly nameSuggester: Suggester;
  private readonly anchorCache = new Map<ContentPath, { lowerIds: Map<string, string>; textSlugs: Map<string, string> }>();

  /** Every attachment of the garden, as given. */
  private readonly attachments: ContentPath[];

  constructor(notes: Iterable<ResolvableNote>, attachments: Iterable<ContentPath>) {
    this.attachments = [...attachments];
    const names: string[] = [];
    for (const note of notes) {
      this.notes.set(note.path, note);
      push(this.notesByFoldedPath, fold(note.path), note.path);
      const segments = withoutMd(note.path).split('/');
      for (const suffix of suffixes(segments)) push(this.noteSuffixes, fold(suffix), note.path);
      if (isFolderPage(note.path) && segments.length > 1) {
        for (const suffix of suffixes(segments.slice(0, -1))) push(this.folderSuffixes, fold(suffix), note.path);
      }
      for (const alias of note.aliases) {
        push(this.aliases, fold(alias.trim()), note.path);
        names.push(alias);
      }
      for (let i = 1; i < segments.length; i++) this.folders.add(fold(segments.slice(0, i).join('/')));
      names.push(isFolderPage(note.path) && segments.length > 1 ? segments.at(-2)! : segments.at(-1)!);
    }
    for (const attachment of this.attachments) {
      push(this.attachmentsByFoldedPath, fold(attachment), attachment);
      for (const suffix of suffixes(attachment.split('/'))) push(this.attachmentSuffixes, fold(suffix), attachment);
      names.push(attachment.slice(attachment.lastIndexOf('/') + 1));
    }
    this.nameSuggester = new Suggester(names);
  }

  attachmentPaths(): readonly ContentPath[] {
    return this.attachments;
  }

  resolve(from: ContentPath, target: LinkTarget): Resolution {
    return target.form === 'name' ? this.resolveName(from, target.name, target.anchor) : this.resolveUrl(from, target.url);
  }

  /** `[[Name]]`, `[[folder/Name#Heading]]`, `[[#Heading]]`, `[[image.png]]`, `[[../rel/Name]]`. */
  resolveName(from: ContentPath, rawName: string, anchor: string | undefined): Resolution {
    const name = rawName.normalize('NFC').trim().replaceAll('\\', '/');
    if (name === '') return anchor ? { kind: 'self', anchor: this.resolveAnchor(from, anchor) } : { kind: 'none' };
    if (/^\.{1,2}\//.test(name) || name.startsWith('/')) {
      const found = this.resolvePath(from, name, true);
      if (found.kind === 'note' && anchor) return { ...found, anchor: this.resolveAnchor(found.path, anchor) };
      return found;
    }
    const wanted = withoutMd(name);
    const looksLikeFile = ATTACHMENT_EXTENSION.test(name);
    const lookups: [Map<string, ContentPath[]>, 'note' | 'attachment', string][] = looksLikeFile
      ? [
          [this.attachmentSuffixes, 'attachment', name],
          [this.noteSuffixes, 'note', wanted],
        ]
      : [
          [this.noteSuffixes, 'note', wanted],
          [this.folderSuffixes, 'note', wanted],
          [this.attachmentSuffixes, 'attachment', name],
          [this.aliases, 'note', wanted],
        ];
    for (const [index, kind, key] of lookups) {
      const candidates = index.get(fold(key));
      if (!candidates) continue;
      const [best, ambiguous] = this.pick(from, candidates, key, index === this.aliases);
      if (kind === 'attachment') return { kind, path: best, ambiguous };
      return { kind, path: best, ambiguous, anchor: anchor ? this.resolveAnchor(best, anchor) : undefined };
    }
    return missing('not-found', () => this.nameSuggester.suggest(wanted));
  }

  /** Markdown and HTML links: relative paths, `/root/paths`, `%20`, folders, `#anchors`, URLs. */
  resolveUrl(from: ContentPath, rawUrl: string): Resolution {
    const url = rawUrl.trim();
    if (url === '' || url === '#') return { kind: 'none' };
    if (isExternalUrl(url)) return { kind: 'external' };
    const hashAt = url.indexOf('#');
    const fragment = hashAt === -1 ? undefined : safeDecode(url.slice(hashAt + 1));
    const pathPart = (hashAt === -1 ? url : url.slice(0, hashAt)).replace(/\?.*$/, '');
    if (pathPart === '') return fragment ? { kind: 'self', anchor: this.resolveAnchor(from, fragment) } : { kind: 'none' };
    const found = this.resolvePath(from, safeDecode(pathPart).normalize('NFC'), false);
    if (found.kind === 'note' && fragment) return { ...found, anchor: this.resolveAnchor(found.path, fragment) };
    return found;
  }

  private resolvePath(from: ContentPath, filePath: string, fromWikiLink: boolean): Resolution {
    const rootAbsolute = filePath.startsWith('/');
    const joined = path.normalize(rootAbsolute ? filePath.slice(1) : path.join(path.dirname(from), filePath));
    if (joined === '..' || joined.startsWith('../')) return this.attachmentByName(from, filePath) ?? { kind: 'outside' };
    const clean = joined.replace(/\/+$/, '').replace(/^\.$/, '');
    const isFolderLink = filePath.endsWith('/') || clean === '';
    const tries = isFolderLink
      ? // `guide/` is also how sites serve `guide.md`, so a folder link falls back to the sibling note.
        [`${clean}/index.md`, `${clean}/README.md`, `${clean}.md`]
      : [clean, `${clean}.md`, `${clean}/index.md`, `${clean}/README.md`];
    for (const attempt of tries) {
      const key = fold(attempt.replace(/^\//, ''));
      const note = this.exactOrFolded(this.notesByFoldedPath, key, attempt);
      if (note) return { kind: 'note', path: note };
      const attachment = this.exactOrFolded(this.attachmentsByFoldedPath, key, attempt);
      if (attachment) return { kind: 'attachment', path: attachment };
    }
    const byName = this.attachmentByName(from, filePath);
    if (byName) return byName;
    if (rootAbsolute && !/\.md$/i.test(clean)) return { kind: 'site', url: filePath };
    // Obsidian and VS Code also find `[x](Some Note.md)` by name when it is not next to the note.
    if (!fromWikiLink && !filePath.includes('/') && /\.md$/i.test(filePath)) {
      const byName = this.resolveName(from, filePath, undefined);
      if (byName.kind === 'note') return byName;
    }
    if (this.folders.has(fold(clean))) return missing('folder-without-index', () => undefined);
    return missing('not-found', () => this.nameSuggester.suggest(withoutMd(path.basename(clean))));
  }

  /**
   * Attachments are found by file name anywhere in the garden when their path does not match, as in
   * Obsidian: `![](../../images/shot.png)` written for a website's folder layout still finds
   * `images/shot.png`. Only files inside the content folder are ever candidates.
   */
  private attachmentByName(from: ContentPath, filePath: string): Resolution | undefined {
    const name = path.basename(filePath);
    if (!ATTACHMENT_EXTENSION.test(name)) return undefined;
    const candidates = this.attachmentSuffixes.get(fold(name));
    if (!candidates) return undefined;
    const [best, ambiguous] = this.pick(from, candidates, name, false);
    return { kind: 'attachment', path: best, ambiguous };
  }

  private exactOrFolded(index: Map<string, ContentPath[]>, key: string, attempt: string): ContentPath | undefined {
    const candidates = index.get(key);
    if (!candidates) return undefined;
    return candidates.find((candidate) => candidate === attempt) ?? candidates[0];
  }

  /**
   * Chooses among notes that all match: an exact-case match wins over a case-folded one; then the
   * note in the linking note's folder, the longest shared folder prefix, the shortest path, and
   * the alphabet. Returns the choice and, when there was a choice, every candidate.
   */
  private pick(from: ContentPath, candidates: ContentPath[], wanted: string, byAlias: boolean): [ContentPath, ContentPath[] | undefined] {
    if (candidates.length === 1) return [candidates[0]!, undefined];
    let pool = candidates;
    if (!byAlias) {
      const depth = wanted.split('/').length;
      const exact = candidates.filter((candidate) => {
        const segments = withoutMd(candidate).split('/');
        return segments.slice(-depth).join('/') === wanted.normalize('NFC') || path.basename(candidate) === wanted;
      });
      if (exact.length === 1) return [exact[0]!, undefined];
      if (exact.length > 1) pool = exact;
    }
    const fromFolder = path.dirname(from).split('/');
    const ranked = [...new Set(pool)].map((candidate) => {
      const folder = path.dirname(candidate).split('/');
      let shared = 0;
      while (shared < folder.length && shared < fromFolder.length && folder[shared] === fromFolder[shared]) shared++;
      const sameFolder = path.dirname(candidate) === path.dirname(from);
      return { candidate, key: [sameFolder ? 0 : 1, -shared, candidate.split('/').length, candidate.length] as const };
    });
    ranked.sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
      return a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0;
    });
    const ordered = ranked.map((entry) => entry.candidate);
    return [ordered[0]!, ordered.length > 1 ? ordered : undefined];
  }

  /** `Heading`, `Heading#Sub`, `^block-id`, a GitHub-style `heading-slug`, or a raw HTML id. */
  resolveAnchor(notePath: ContentPath, rawAnchor: string): AnchorResolution {
    const note = this.notes.get(notePath);
    const anchor = rawAnchor.trim();
    if (!note) return { found: false, wanted: anchor };
    if (anchor.startsWith('^')) {
      const id = anchor.slice(1);
      const block =
        note.blockIds.find((candidate) => candidate === id) ??
        note.blockIds.find((candidate) => candidate.toLowerCase() === id.toLowerCase());
      return block ? { found: true, id: `^${block}`, caseInsensitive: block !== id } : { found: false, wanted: anchor };
    }
    const { lowerIds, textSlugs } = this.anchorsOf(note);
    const segments = anchor
      .split('#')
      .map((segment) => segment.trim())
      .filter(Boolean);
    const last = segments.at(-1) ?? anchor;
    const headingId =
      this.headingUnder(note, segments) ??
      lowerIds.get(last.toLowerCase()) ??
      lowerIds.get(headingSlug(last)) ??
      textSlugs.get(headingSlug(last));
    if (headingId) return { found: true, id: headingId, caseInsensitive: headingId !== last && headingId !== headingSlug(last) };
    const htmlAnchor =
      note.htmlAnchors.find((candidate) => candidate === anchor) ??
      note.htmlAnchors.find((candidate) => candidate.toLowerCase() === anchor.toLowerCase());
    if (htmlAnchor) return { found: true, id: `user-content-${htmlAnchor}`, caseInsensitive: htmlAnchor !== anchor };
    return {
      found: false,
      wanted: anchor,
      // Computed when a message needs it: the render stage resolves the same links again.
      get suggestion() {
        return new Suggester(note.headings.map((heading) => heading.text)).suggest(last);
      },
    };
  }

  /** For `Heading#Sub`: the `Sub` that follows `Heading`, as Obsidian reads nested anchors. */
  private headingUnder(note: ResolvableNote, segments: string[]): string | undefined {
    if (segments.length < 2) return undefined;
    let from = 0;
    for (const segment of segments) {
      const slug = headingSlug(segment);
      const index = note.headings.findIndex((heading, i) => i >= from && headingSlug(heading.text) === slug);
      if (index === -1) return undefined;
      from = index + 1;
    }
    return note.headings[from - 1]?.id;
  }

  private anchorsOf(note: ResolvableNote) {
    let cached = this.anchorCache.get(note.path);
    if (!cached) {
      const lowerIds = new Map<string, string>();
      const textSlugs = new Map<string, string>();
      for (const heading of note.headings) {
        if (!lowerIds.has(heading.id.toLowerCase())) lowerIds.set(heading.id.toLowerCase(), heading.id);
        const slug = headingSlug(heading.text);
        if (!textSlugs.has(slug)) textSlugs.set(slug, heading.id);
      }
      cached = { lowerIds, textSlugs };
      this.anchorCache.set(note.path, cached);
    }
    return cached;
  }
}
