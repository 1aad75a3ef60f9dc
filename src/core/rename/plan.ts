import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Garden } from '../build/build.ts';
import { resolvable } from '../index/build.ts';
import type { ResolvedLink } from '../index/types.ts';
import type { LinkTarget } from '../markdown/facts.ts';
import { Resolver, type Resolution } from '../links/resolver.ts';
import type { NoteSource } from '../scan/scan.ts';
import { type ContentPath, asContentPath } from '../common/types.ts';
import { namesFileDirectly } from './link-forms.ts';
import type { LinkSite } from './link-sites.ts';
import { fulfils, rewriteNoteLinks, type LinkChange, type LinkIntent } from './rewrite.ts';

/** One file that changes place. */
export interface FileMove {
  from: ContentPath;
  to: ContentPath;
}

/** A note whose text changes: its links rewritten. `from` and `to` differ when it moves too. */
export interface RewrittenFile {
  from: ContentPath;
  to: ContentPath;
  /** Where it is on disk now (before any move). */
  absolutePath: string;
  before: string;
  after: string;
  changes: LinkChange[];
}

/** Everything a rename or a link repair does, decided before anything is touched. */
export interface RenamePlan {
  /** Every note and attachment that moves, old path → new path. */
  moves: Map<ContentPath, ContentPath>;
  rewritten: RewrittenFile[];
  /** Links that must change and cannot; a plan with problems is never carried out. */
  problems: string[];
  /**
   * For a repair: where a link of a note is meant to lead, when that differs from where it leads
   * now (the check then expects that file instead of the current one).
   */
  meant?: (note: ContentPath, target: LinkTarget) => LinkIntent | undefined;
}

/**
 * Which notes and attachments a move of `from` (a file, or a folder and everything in it) to `to`
 * carries along. Paths are content paths; the caller has checked that `from` is in the garden.
 */
export function movesFor(garden: Garden, from: ContentPath, to: ContentPath): Map<ContentPath, ContentPath> {
  const moves = new Map<ContentPath, ContentPath>();
  const files = [...garden.index.notes.map((note) => note.path), ...garden.index.resolver.attachmentPaths()];
  for (const file of files) {
    if (file === from) moves.set(file, to);
    else if (file.startsWith(`${from}/`)) moves.set(file, asContentPath(`${to}${file.slice(from.length)}`));
  }
  return moves;
}

/**
 * Plans moving files (`moves`) and rewriting every link that would no longer lead where it leads
 * now: links to the moved files, links inside moved notes relative to their old folder, and links
 * elsewhere that the new names would capture or make ambiguous. The resolver decides both sides.
 */
export async function planMove(garden: Garden, moves: ReadonlyMap<ContentPath, ContentPath>): Promise<RenamePlan> {
  const { index } = garden;
  const moved = (file: ContentPath) => moves.get(file) ?? file;
  const after = new Resolver(
    index.notes.map((note) => ({ ...resolvable(note), path: moved(note.path) })),
    index.resolver.attachmentPaths().map(moved),
  );
  const intentFrom = (notePath: ContentPath, target: LinkTarget, resolution: Resolution): LinkIntent | undefined =>
    resolution.kind === 'note' || resolution.kind === 'attachment'
      ? {
          kind: resolution.kind,
          path: moved(resolution.path),
          ambiguousBefore: resolution.ambiguous !== undefined,
          direct: target.form === 'url' && namesFileDirectly(notePath, target.url, resolution.path),
        }
      : undefined;

  const plan: RenamePlan = { moves: new Map(moves), rewritten: [], problems: [] };
  for (const source of sourcesOf(garden)) {
    const location = moved(source.path);
    const needsRewrite = (link: ResolvedLink) => {
      const intent = intentFrom(source.path, link.target, link.resolution);
      return intent !== undefined && !fulfils(link.target, location, after.resolve(location, link.target), intent);
    };
    // The index already knows every link: only the notes with a link to rewrite are read again.
    if (!(index.outgoing.get(source.path) ?? []).some(needsRewrite)) continue;
    await rewriteFile(plan, source, location, after, (site) =>
      intentFrom(source.path, site.target, index.resolver.resolve(source.path, site.target)),
    );
  }
  return plan;
}

/**
 * Plans repairing links broken by renames already made: `formerPaths` gives each file's earlier
 * paths (from git), newest first. A broken link is read as it was meant, in the garden as it was
 * before (each renamed file also at its earlier paths, the linking note at its own earlier
 * places), and rewritten to lead to that file where it is now; a path that now finds its file
 * only by name is written as its path again. The notes in `movedWithTheirLinks`
 * moved after their links were written (a pull request's renames): each of their links is read from
 * the note's earlier place, as `garden mv` reads it, so that a relative link that now names another
 * file is repaired too. Nothing moves.
 */
export async function planLinkRepairs(
  garden: Garden,
  formerPaths: ReadonlyMap<ContentPath, readonly ContentPath[]>,
  movedWithTheirLinks: ReadonlySet<ContentPath>,
): Promise<RenamePlan> {
  const { index } = garden;
  const current = new Set<ContentPath>([...index.notes.map((note) => note.path), ...index.resolver.attachmentPaths()]);
  const ownerOf = new Map<ContentPath, ContentPath>();
  for (const [file, earlier] of formerPaths) {
    if (!current.has(file)) continue;
    for (const former of earlier) if (!current.has(former) && !ownerOf.has(former)) ownerOf.set(former, file);
  }
  const formerNotes = [...ownerOf].flatMap(([former, file]) => {
    const note = index.byPath.get(file);
    return note ? [{ ...resolvable(note), path: former, aliases: [] }] : [];
  });
  const formerAttachments = [...ownerOf].filter(([, file]) => !index.byPath.has(file)).map(([former]) => former);
  const before = new Resolver(
    [...index.notes.map(resolvable), ...formerNotes],
    [...index.resolver.attachmentPaths(), ...formerAttachments],
  );

  /** What a link meant from `place` in the garden as it was, where that file is now. */
  const meantFrom = (place: ContentPath, target: LinkTarget): LinkIntent | undefined => {
    const resolution = before.resolve(place, target);
    if (resolution.kind !== 'note' && resolution.kind !== 'attachment') return undefined;
    const file = ownerOf.get(resolution.path) ?? resolution.path;
    if (!current.has(file)) return undefined;
    const direct = target.form === 'url' && namesFileDirectly(place, target.url, resolution.path);
    return { kind: resolution.kind, path: file, ambiguousBefore: resolution.ambiguous !== undefined, direct };
  };
  const meant = (notePath: ContentPath, site: { target: LinkTarget }): LinkIntent | undefined => {
    const earlier = formerPaths.get(notePath)?.[0];
    if (earlier !== undefined && movedWithTheirLinks.has(notePath)) return meantFrom(earlier, site.target);
    const now = index.resolver.resolve(notePath, site.target);
    // A path that named its file from the note's earlier place and now finds it only by name: the
    // same file, written as its path again (what GitHub and editors follow).
    if (
      (now.kind === 'note' || now.kind === 'attachment') &&
      site.target.form === 'url' &&
      !namesFileDirectly(notePath, site.target.url, now.path)
    ) {
      const intent = earlier === undefined ? undefined : meantFrom(earlier, site.target);
      return intent?.direct && intent.path === now.path ? intent : undefined;
    }
    // Broken: nothing there, or a relative path that now climbs out of the garden, or a root path
    // that names no file any more (read as one of the site's own pages).
    if (now.kind !== 'missing' && now.kind !== 'outside' && now.kind !== 'site') return undefined;
    for (const place of [notePath, ...(formerPaths.get(notePath) ?? [])]) {
      const intent = meantFrom(place, site.target);
      if (intent) return { ...intent, ambiguousBefore: false, direct: false };
    }
    return undefined;
  };

  const wrong = (notePath: ContentPath, link: ResolvedLink) => {
    const intent = meant(notePath, link);
    return intent !== undefined && !fulfils(link.target, notePath, link.resolution, intent);
  };

  const plan: RenamePlan = { moves: new Map(), rewritten: [], problems: [], meant: (note, target) => meant(note, { target }) };
  for (const source of sourcesOf(garden)) {
    const links = index.outgoing.get(source.path) ?? [];
    if (!links.some((link) => wrong(source.path, link))) continue;
    await rewriteFile(plan, source, source.path, index.resolver, (site) => meant(source.path, site));
  }
  return plan;
}

function sourcesOf(garden: Garden): readonly NoteSource[] {
  if (!garden.scan) throw new Error('Load the garden with `keepScan: true` to plan a rename.');
  return garden.scan.notes;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads the note as it is on disk (byte-order mark kept), rewrites its links, adds it to the plan. */
async function rewriteFile(
  plan: RenamePlan,
  source: NoteSource,
  location: ContentPath,
  resolver: Resolver,
  intentOf: (site: LinkSite) => LinkIntent | undefined,
): Promise<void> {
  const bytes = await fs.readFile(source.absolutePath);
  if (createHash('sha1').update(bytes).digest('hex') !== source.hash) {
    plan.problems.push(`${source.path} changed while the garden was read; run the command again.`);
    return;
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    plan.problems.push(`${source.path} is not valid UTF-8, so its links cannot be rewritten safely. Save it as UTF-8 first.`);
    return;
  }
  const rewritten = rewriteNoteLinks(text, location, resolver, intentOf);
  plan.problems.push(...rewritten.problems);
  if (rewritten.changes.length === 0 || rewritten.text === text) return;
  plan.rewritten.push({
    from: source.path,
    to: location,
    absolutePath: source.absolutePath,
    before: text,
    after: rewritten.text,
    changes: rewritten.changes,
  });
}
