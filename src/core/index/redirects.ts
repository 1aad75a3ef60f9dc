import type { Diagnostic } from '../common/diagnostics.ts';
import type { GardenHistory } from '../history/history.ts';
import { RESERVED_SLUGS } from './build.ts';
import type { GardenIndex, IndexedNote } from './types.ts';
import { shortenedNameWarning } from '../links/name-length.ts';
import { hasSlugWords, slugForNotePath, slugForSegments, unfittedSlug } from '../links/slug.ts';
import { asSlug, type ContentPath, type Slug } from '../common/types.ts';

/** An old address of a note that must keep working: the site serves a redirect page there. */
export interface Redirect {
  from: Slug;
  to: Slug;
  /** The note it leads to. */
  note: ContentPath;
  /** `renamed`: an earlier path of the file in git; `alias`: a name in its frontmatter `aliases`. */
  reason: 'renamed' | 'alias';
  /** The earlier path or the alias, for messages. */
  source: string;
}

/**
 * Old addresses of renamed or moved notes (from git's rename history) and of their aliases, which
 * become small redirect pages. A real page always wins: an old address that a note, a folder page
 * or one of the garden's own pages uses now is not redirected, and the collision is reported.
 */
export function planRedirects(
  index: GardenIndex,
  history: GardenHistory | undefined,
): { redirects: Redirect[]; diagnostics: Diagnostic[] } {
  const occupied = occupiedSlugs(index);
  const candidates: Redirect[] = [];
  const shortenedNames: Diagnostic[] = [];
  for (const note of index.bySlug.values()) {
    for (const previous of history?.files.get(note.path)?.previousPaths ?? []) {
      candidates.push({ from: slugForNotePath(previous), to: note.slug, note: note.path, reason: 'renamed', source: previous });
    }
    for (const alias of note.frontmatter.aliases ?? []) {
      const from = aliasSlug(note, alias);
      if (from === undefined) continue;
      candidates.push({ from, to: note.slug, note: note.path, reason: 'alias', source: alias });
      const shortened = shortenedNameWarning(note.path, `alias "${alias}"`, aliasSlug(note, alias, unfittedSlug) ?? from, from);
      if (shortened) shortenedNames.push(shortened);
    }
  }
  // Git renames are real old addresses, so they win over aliases; then path order decides.
  candidates.sort((a, b) => (a.reason === b.reason ? (a.note < b.note ? -1 : a.note > b.note ? 1 : 0) : a.reason === 'renamed' ? -1 : 1));

  const redirects = new Map<Slug, Redirect>();
  const diagnostics: Diagnostic[] = shortenedNames;
  const origin = (redirect: Redirect) =>
    redirect.reason === 'renamed' ? `its earlier path ${redirect.source}` : `its alias "${redirect.source}"`;
  for (const candidate of candidates) {
    if (candidate.from === candidate.to) continue;
    const page = occupied(candidate.from);
    const claimed = redirects.get(candidate.from);
    if (claimed?.to === candidate.to) continue;
    if (page !== undefined || claimed) {
      diagnostics.push({
        file: candidate.note,
        severity: 'info',
        rule: 'redirect-collision',
        message:
          `The old address /${candidate.from}/ (from ${origin(candidate)}) is not redirected here: ` +
          (claimed ? `it already redirects to ${claimed.note}.` : `${page} is published there.`),
        hint:
          candidate.reason === 'renamed'
            ? 'Nothing to do: the page there now wins over the old address.'
            : 'Nothing to do if that is intended; otherwise remove the alias from the frontmatter.',
      });
      continue;
    }
    redirects.set(candidate.from, candidate);
  }
  return { redirects: [...redirects.values()].sort((a, b) => (a.from < b.from ? -1 : 1)), diagnostics };
}

/**
 * An alias names the note in its own folder (`Old name` on `guides/new-name` → `guides/old-name`);
 * an alias with a `/` is a path from the content root.
 */
function aliasSlug(
  note: IndexedNote,
  alias: string,
  slugOf: (name: string, kind: 'path') => string = (name) => slugForSegments(name.split('/')),
): Slug | undefined {
  const segments = alias
    .replace(/\.md$/i, '')
    .split('/')
    .map((segment) => segment.trim())
    .filter(Boolean);
  if (segments.length === 0) return undefined;
  if (!segments.every(hasSlugWords)) return undefined;
  if (alias.includes('/')) return asSlug(slugOf(segments.join('/'), 'path'));
  const folder = note.slug.includes('/') ? note.slug.slice(0, note.slug.lastIndexOf('/')) : '';
  const name = slugOf(segments[0]!, 'path');
  return asSlug(folder ? `${folder}/${name}` : name);
}

/** What real page answers at an address, if any (for messages). */
function occupiedSlugs(index: GardenIndex): (slug: Slug) => string | undefined {
  const occupied = new Map<string, string>([['', 'the home page']]);
  for (const note of index.bySlug.values()) {
    occupied.set(note.slug, note.path);
    // Every folder above a published note has a page: its index note or a generated listing.
    const segments = note.slug.split('/');
    for (let depth = segments.length - 1; depth > 0; depth--) {
      const folder = segments.slice(0, depth).join('/');
      if (!occupied.has(folder)) occupied.set(folder, 'a folder page');
    }
  }
  return (slug) => occupied.get(slug) ?? (RESERVED_SLUGS.has(slug.split('/')[0] ?? '') ? "one of the garden's own pages" : undefined);
}
