import type { Root } from 'mdast';
import { namesAFile } from '../links/note-or-file.ts';
import { isDangerousScheme, removedScheme } from '../links/url-safety.ts';
import type { InlineTagPolicy } from '../config/config.ts';
import type { Diagnostic } from '../common/diagnostics.ts';
import type { NoteSource, ScanResult } from '../scan/scan.ts';
import { LIMITS } from '../common/limits.ts';
import { shortenedNameWarning } from '../links/name-length.ts';
import { slugForNotePath, slugForTag, unfittedSlug } from '../links/slug.ts';
import { type ContentPath, type Slug, asSlug } from '../common/types.ts';
import { diagnoseEmbeds } from './embeds.ts';
import { inlineTagRule } from './inline-tags.ts';
import type { LinkOccurrence, NoteFacts } from '../markdown/facts.ts';
import { parseNote } from '../markdown/parse-note.ts';
import { checkNoteQuantities, tagPagesOf } from './quantities.ts';
import { Resolver, resolvableNote, type ResolvableNote } from '../links/resolver.ts';
import type { Backlink, Edge, GardenIndex, IndexedNote, ResolvedLink, TagEntry, UnresolvedLink } from './types.ts';

/** The slug of `404.md` (or `404/index.md`): the body of the page not found (see `notFoundNote`). */
export const NOT_FOUND_SLUG = asSlug('404');

/** Top-level URL segments that belong to the garden's own pages. */
export const RESERVED_SLUGS = new Set([
  'tags',
  'search',
  'graph',
  'recent',
  'health',
  'conversations',
  'folders',
  '404',
  '_astro',
  'pagefind',
  'graph.json',
  'discussions.json',
  'feed.xml',
  'rss.xml',
  'sitemap.xml',
]);
const MAX_CONTEXTS_PER_BACKLINK = 3;
const DEFAULT_LANGUAGE = 'en';

/**
 * What an update may reuse from the previous index (the dev server after an edit): when no note's
 * linkable parts changed, the resolver is the same and so are the unchanged notes' resolved links.
 */
export interface IndexReuse {
  resolver: Resolver;
  outgoing: ReadonlyMap<ContentPath, ResolvedLink[]>;
  unchanged: ReadonlySet<ContentPath>;
}

/**
 * Stage 2: parses every note once, extracts its facts, resolves every link against the whole garden
 * and derives the graph: edges, backlinks with context, unresolved links and tags. Linear in notes
 * plus links; backlinks are gathered here, never by scanning notes per page.
 */
export function buildIndex(
  scan: ScanResult,
  parsed?: ReadonlyMap<ContentPath, { facts: NoteFacts; tree?: Root | undefined }>,
  reuse?: IndexReuse,
  options: { inlineTags?: InlineTagPolicy } = {},
): GardenIndex {
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const countsAsTag = inlineTagRule(options.inlineTags ?? true, scan.notes);
  const notes = scan.notes.map((source) => indexNote(source, parsed?.get(source.path) ?? parseNote(source.body), countsAsTag, diagnostics));
  notes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byPath = new Map(notes.map((note) => [note.path, note]));

  const bySlug = new Map<Slug, IndexedNote>();
  const tagPages = new Set<string>();
  let notFoundNote: IndexedNote | undefined;
  for (const note of notes) {
    if (!note.published) continue;
    if (note.slug === NOT_FOUND_SLUG && !notFoundNote) {
      // Not published at /404/ (the address of the page it becomes part of), and so out of the
      // graph, search and feeds; rendered by that page like any note.
      note.published = false;
      notFoundNote = note;
      diagnostics.push({
        file: note.path,
        severity: 'info',
        rule: 'not-found-page',
        message: "This note is shown on the page not found (404.html), above the garden's suggestions, rather than as a page of its own.",
      });
      continue;
    }
    if (!claimTagPages(note, tagPages, diagnostics)) continue;
    const topSegment = note.slug.split('/')[0] ?? '';
    if (RESERVED_SLUGS.has(topSegment)) {
      note.published = false;
      diagnostics.push({
        file: note.path,
        severity: 'error',
        rule: 'reserved-slug',
        message: `The address /${note.slug}/ belongs to the garden's own \`/${topSegment}/\` page, so this note is not published.`,
        hint: `Rename the file or its folder (for example to "${topSegment}-notes").`,
      });
      continue;
    }
    const existing = bySlug.get(note.slug);
    if (existing) {
      note.published = false;
      diagnostics.push({
        file: note.path,
        severity: 'error',
        rule: 'slug-collision',
        message: `This note and ${existing.path} would both be published at /${note.slug}/; only ${existing.path} is.`,
        hint: 'Rename one of the two files so that their names differ by more than case or punctuation.',
      });
      continue;
    }
    // Two notes with one id are decided once the git history is read (src/core/index/ids.ts).
    bySlug.set(note.slug, note);
  }

  const resolver =
    reuse?.resolver ??
    new Resolver(
      notes.map(resolvable),
      scan.attachments.map((attachment) => attachment.path),
    );

  const outgoing = new Map<ContentPath, ResolvedLink[]>();
  const edgeKeys = new Set<string>();
  const edges: Edge[] = [];
  const backlinks = new Map<Slug, Backlink[]>();
  const unresolved: UnresolvedLink[] = [];
  const attachmentsUsed = new Set<ContentPath>();

  for (const note of notes) {
    const links: ResolvedLink[] =
      (reuse?.unchanged.has(note.path) ? reuse.outgoing.get(note.path) : undefined) ??
      note.facts.links.map((link) => ({ ...link, resolution: resolver.resolve(note.path, link.target) }));
    outgoing.set(note.path, links);
    for (const link of links) diagnostics.push(...diagnoseLink(note, link, byPath));
    if (note === notFoundNote) {
      // Its page shows its images; it adds nothing to the graph.
      for (const { resolution } of links) if (resolution.kind === 'attachment') attachmentsUsed.add(resolution.path);
    }
    if (!note.published) continue;
    for (const link of links) {
      const { resolution } = link;
      if (resolution.kind === 'missing') {
        unresolved.push({ source: note.slug, target: unresolvedName(link), line: link.at.line });
      } else if (resolution.kind === 'attachment') {
        attachmentsUsed.add(resolution.path);
      } else if (resolution.kind === 'note') {
        const target = byPath.get(resolution.path);
        if (!target?.published) continue;
        const kind = link.embed ? 'embed' : 'link';
        const key = `${note.slug}\u0000${target.slug}\u0000${kind}`;
        if (!edgeKeys.has(key)) {
          edgeKeys.add(key);
          edges.push({ source: note.slug, target: target.slug, kind });
        }
        if (target === note) continue;
        let list = backlinks.get(target.slug);
        if (!list) backlinks.set(target.slug, (list = []));
        const last = list.at(-1);
        if (last?.source === note.slug) {
          if (last.contexts.length < MAX_CONTEXTS_PER_BACKLINK) last.contexts.push(link.context);
        } else list.push({ source: note.slug, contexts: [link.context] });
      }
    }
  }

  const bodies = new Map(scan.notes.map((source) => [source.path, source.body]));
  diagnostics.push(...diagnoseEmbeds(notes, outgoing, byPath, (path) => bodies.get(path) ?? ''));
  return {
    notes,
    bySlug,
    byPath,
    resolver,
    outgoing,
    edges,
    backlinks,
    unresolved,
    tags: collectTags(bySlug),
    attachmentsUsed,
    notFoundNote,
    diagnostics,
  };
}

/** What the resolver knows of a note: the parts of it a link can name. */
export function resolvable(note: IndexedNote): ResolvableNote {
  return resolvableNote(note.path, note.facts, note.frontmatter.aliases ?? []);
}

/**
 * A missing embedded file (`![](shot.png)`, `![[shot.png]]`, `<img src>`) is a missing attachment;
 * a missing note, even embedded (`![[Some note]]`), is a broken link.
 */
function isMissingFile(link: LinkOccurrence): boolean {
  if (!link.embed) return false;
  const name = link.target.form === 'name' ? link.target.name : link.target.url;
  return namesAFile(name) || (link.syntax !== 'wikilink' && !/\.md$/i.test(name.replace(/[#?].*$/, '')));
}

/** The note or file a broken link wants, without its anchor: what someone would create. */
function unresolvedName(link: LinkOccurrence): string {
  return link.target.form === 'name' ? link.target.name : link.target.url.replace(/[#?].*$/, '');
}

function indexNote(
  source: NoteSource,
  parsed: { facts: NoteFacts; tree?: Root | undefined },
  countsAsTag: (tag: string) => boolean,
  diagnostics: Diagnostic[],
): IndexedNote {
  let { facts } = parsed;
  let tree = parsed.tree;
  const slug = slugForNotePath(source.path);
  let inlineTags = uniqueCaseInsensitive(facts.inlineTags.filter(countsAsTag));
  let tags = uniqueCaseInsensitive([...(source.frontmatter.tags ?? []), ...inlineTags]);
  let published = !source.unpublished;
  const beyond = checkNoteQuantities({ tags, aliases: source.frontmatter.aliases ?? [], facts });
  if (beyond) {
    // Refused like a note beyond a text limit: nothing of it reaches the garden (its links are not
    // even resolved), so that what it holds costs nothing more.
    const { rule, message, hint } = beyond;
    const at =
      beyond.at ??
      (rule === 'tags-too-many' ? source.keyPositions?.tags : rule === 'aliases-too-many' ? source.keyPositions?.aliases : undefined);
    diagnostics.push({
      file: source.path,
      ...(at ? { at } : {}),
      severity: 'error',
      rule,
      message: `${message} The note is not published.`,
      hint,
    });
    facts = { ...EMPTY_FACTS, firstHeading: facts.firstHeading };
    tree = { type: 'root', children: [] };
    tags = [];
    inlineTags = [];
    published = false;
  } else if (published) {
    const shortened = shortenedNameWarning(source.path, 'address', unfittedSlug(source.path), slug);
    if (shortened) diagnostics.push(shortened);
    for (const tag of tags) {
      const warning = shortenedNameWarning(source.path, `tag #${tag}`, unfittedSlug(tag, 'path'), slugForTag(tag));
      if (warning) diagnostics.push(warning);
    }
  }
  return {
    path: source.path,
    slug,
    title: source.frontmatter.title ?? facts.firstHeading ?? titleFromPath(source.path),
    frontmatter: source.frontmatter,
    tags,
    inlineTags,
    published,
    language: source.frontmatter.lang ?? facts.detectedLanguage ?? DEFAULT_LANGUAGE,
    facts,
    keyPositions: source.keyPositions ?? {},
    get tree() {
      tree ??= parseNote(source.body).tree;
      return tree;
    },
    hash: source.hash,
  };
}

const EMPTY_FACTS: NoteFacts = {
  headings: [],
  blockIds: [],
  blocks: [],
  codeLanguages: [],
  htmlAnchors: [],
  inlineTags: [],
  links: [],
  words: 0,
};

/**
 * Adds the tag pages a note's tags make to the garden's, unless that would take the garden past
 * `LIMITS.maxTagPages`: then the note is not published (notes are taken in path order).
 */
function claimTagPages(note: IndexedNote, claimed: Set<string>, diagnostics: Diagnostic[]): boolean {
  const pages = tagPagesOf(note.tags, LIMITS.maxTagsPerNote);
  let added = 0;
  for (const page of pages) if (!claimed.has(page)) added++;
  if (claimed.size + added > LIMITS.maxTagPages) {
    note.published = false;
    diagnostics.push({
      file: note.path,
      severity: 'error',
      rule: 'tag-pages-too-many',
      message: `The garden already has ${claimed.size.toLocaleString('en')} tag pages; this note's tags would add ${added.toLocaleString('en')}, more than the ${LIMITS.maxTagPages.toLocaleString('en')} a garden may have. The note is not published.`,
      hint: 'Use tags the garden already has, or fewer tags: notes with many one-off tags fill the garden with pages nobody visits.',
    });
    return false;
  }
  for (const page of pages) claimed.add(page);
  return true;
}

/** `guides/How to write.md` → `How to write`; `guides/index.md` → `guides`; `index.md` → `Home`. */
function titleFromPath(path: ContentPath): string {
  const segments = path.replace(/\.md$/i, '').split('/');
  const last = segments.at(-1) ?? '';
  if (/^(index|readme)$/i.test(last)) return segments.at(-2) ?? 'Home';
  return last;
}

function uniqueCaseInsensitive(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collectTags(bySlug: Map<Slug, IndexedNote>): Map<string, TagEntry> {
  const tags = new Map<string, TagEntry>();
  for (const note of bySlug.values()) {
    const seenForNote = new Set<string>();
    for (const tag of note.tags) {
      const parts = tag.split('/').filter(Boolean);
      // A note tagged `a/b` also belongs under `a`, as in Obsidian's tag pane.
      for (let depth = 1; depth <= parts.length; depth++) {
        const name = parts.slice(0, depth).join('/');
        const slug = slugForTag(name);
        if (seenForNote.has(slug)) continue;
        seenForNote.add(slug);
        let entry = tags.get(slug);
        if (!entry) tags.set(slug, (entry = { name, slug, notes: [] }));
        entry.notes.push(note.slug);
      }
    }
  }
  return new Map([...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function diagnoseLink(note: IndexedNote, link: ResolvedLink, byPath: Map<ContentPath, IndexedNote>): Diagnostic[] {
  const { resolution } = link;
  const base = { file: note.path, at: link.at };
  const written = link.syntax === 'wikilink' ? `[[${link.raw}]]` : `\`${link.raw}\``;
  switch (resolution.kind) {
    case 'missing':
      if (resolution.reason === 'folder-without-index') {
        return [
          {
            ...base,
            severity: 'error',
            rule: 'broken-link',
            message: `${written} points at a folder that has no index.md or README.md.`,
            hint: 'Link to a note inside the folder, or add an index.md to the folder.',
          },
        ];
      }
      return [
        {
          ...base,
          severity: 'error',
          rule: isMissingFile(link) ? 'missing-attachment' : 'broken-link',
          message: `${written} does not match any note or file in the garden.`,
          // A getter: "did you mean" is searched for only when the message is shown.
          get hint() {
            return resolution.suggestion
              ? `Did you mean "${resolution.suggestion}"?`
              : 'Check the spelling, or create the note it points to.';
          },
        },
      ];
    case 'outside':
      // A warning, not an error: such links often point at the repository around the garden
      // (its README), which exists but is not published. They are shown as plain text.
      return [
        {
          ...base,
          severity: 'warning',
          rule: 'link-outside-content',
          message: `${written} points outside the content folder; such links are never followed and are shown as plain text.`,
          hint: 'Link only to notes and files inside the garden, or use a full https:// address.',
        },
      ];
    case 'note':
    case 'self': {
      const problems: Diagnostic[] = [];
      if (resolution.kind === 'note') {
        const target = byPath.get(resolution.path);
        if (target && !target.published && note.published) {
          problems.push({
            ...base,
            severity: 'warning',
            rule: 'link-to-draft',
            message: `${written} points at ${resolution.path}, which is not published; the link is shown as plain text.`,
            hint: 'Publish the target note, or remove the link.',
          });
        }
        if (resolution.ambiguous) {
          problems.push({
            ...base,
            severity: 'warning',
            rule: 'ambiguous-link',
            message: `${written} matches ${resolution.ambiguous.length} notes (${resolution.ambiguous.join(', ')}); it links to ${resolution.path}.`,
            hint: 'Add the folder to the link to choose, e.g. [[folder/Name]].',
          });
        }
      }
      const anchor = resolution.anchor;
      if (anchor && !anchor.found) {
        problems.push({
          ...base,
          severity: 'warning',
          rule: 'broken-anchor',
          message: `${written}: the heading or block "${anchor.wanted}" does not exist in the target note.`,
          get hint() {
            return anchor.suggestion
              ? `Did you mean "${anchor.suggestion}"?`
              : 'Check the heading text, or link to the note without the anchor.';
          },
        });
      }
      return problems;
    }
    case 'external':
      return diagnoseExternal(link, base);
    case 'attachment':
      if (resolution.ambiguous) {
        return [
          {
            ...base,
            severity: 'warning',
            rule: 'ambiguous-link',
            message: `${written} matches ${resolution.ambiguous.length} files (${resolution.ambiguous.join(', ')}); it uses ${resolution.path}.`,
            hint: 'Add the folder to the link to choose.',
          },
        ];
      }
      return [];
    default:
      return [];
  }
}

/**
 * An address the sanitizer removes (src/core/links/url-safety.ts): the page shows the text without
 * the link (or the image's alt text). `javascript:`, `vbscript:` and `data:` are errors, since no
 * note needs them and they are how script is smuggled into a page; other schemes (`obsidian:`,
 * `file:`, …) are warnings.
 */
function diagnoseExternal(link: ResolvedLink, base: Pick<Diagnostic, 'file' | 'at'>): Diagnostic[] {
  if (link.target.form !== 'url') return [];
  const scheme = removedScheme(link.target.url, link.embed ? 'src' : 'href');
  if (scheme === undefined) return [];
  const shown = link.raw.length > 60 ? `${link.raw.slice(0, 57)}…` : link.raw;
  const what = link.embed ? 'the image or file is not shown (only its description)' : 'its text is shown without a link';
  const dangerous = isDangerousScheme(scheme);
  if (dangerous) {
    return [
      {
        ...base,
        severity: 'error',
        rule: 'unsafe-url',
        message:
          dangerous === 'data'
            ? `\`${shown}\` is a \`data:\` address, a whole file carried in the link, which could smuggle a document or script into the page; it is removed and ${what}.`
            : `\`${shown}\` is a \`${dangerous}:\` address, which runs code in the reader's browser; it is removed and ${what}.`,
        hint:
          dangerous === 'data'
            ? 'Add the file to the garden and link to it by name.'
            : 'Link to a web page (https://…) or to a note instead.',
      },
    ];
  }
  return [
    {
      ...base,
      severity: 'warning',
      rule: 'unsupported-url',
      message: `\`${shown}\` uses the \`${scheme}:\` scheme, which pages do not publish; ${what}.`,
      hint: 'Use an https:// (or mailto:, tel:) address, written in lower case, or link to a note with [[…]].',
    },
  ];
}
