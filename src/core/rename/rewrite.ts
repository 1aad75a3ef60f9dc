import type { SourcePoint } from '../common/diagnostics.ts';
import type { Resolution, Resolver } from '../links/resolver.ts';
import type { ContentPath } from '../common/types.ts';
import type { LinkTarget } from '../markdown/facts.ts';
import { namesFileDirectly, urlDestination, wikiLinkName, type LinkDestination } from './link-forms.ts';
import { linkSitesOf, type LinkSite, type TextRange } from './link-sites.ts';

/** Where a link must lead after the change, and how it led there before. */
export interface LinkIntent extends LinkDestination {
  /** It was ambiguous before: it may stay so. */
  ambiguousBefore: boolean;
  /** A URL that named the file's path itself (not found by name): it must still do so. */
  direct?: boolean;
}

/** One link rewritten: where, and its text before and after. */
export interface LinkChange {
  at: SourcePoint;
  before: string;
  after: string;
}

export interface RewrittenNote {
  text: string;
  changes: LinkChange[];
  /** Links that must change but cannot be written so (messages naming line and column). */
  problems: string[];
}

/**
 * Whether a link, resolved at `location`, leads where the intent says: the same file, without a new
 * ambiguity, and by its path when it was written so.
 */
export function fulfils(target: LinkTarget, location: ContentPath, resolution: Resolution, intent: LinkIntent): boolean {
  return (
    (resolution.kind === 'note' || resolution.kind === 'attachment') &&
    resolution.kind === intent.kind &&
    resolution.path === intent.path &&
    (!resolution.ambiguous || intent.ambiguousBefore) &&
    (!intent.direct || (target.form === 'url' && namesFileDirectly(location, target.url, intent.path)))
  );
}

interface Edit extends TextRange {
  text: string;
}

/**
 * Rewrites the links of one note (its whole file text, at `location` in the garden `resolver`
 * describes) whose intent they no longer fulfil; everything else in the text stays byte for byte.
 * `intentOf` says where a link must lead, or `undefined` to leave it alone.
 */
export function rewriteNoteLinks(
  text: string,
  location: ContentPath,
  resolver: Resolver,
  intentOf: (site: LinkSite) => LinkIntent | undefined,
): RewrittenNote {
  const edits: Edit[] = [];
  const changes: LinkChange[] = [];
  const problems: string[] = [];
  for (const site of linkSitesOf(text)) {
    const intent = intentOf(site);
    if (!intent || fulfils(site.target, location, resolver.resolve(location, site.target), intent)) continue;
    const written = text.slice(site.range.start, site.range.end);
    const where = `${location}:${site.at.line}:${site.at.column}`;
    if (site.syntax === 'wikilink') {
      const name = wikiLinkName(written, location, intent, resolver);
      if (name === undefined) {
        problems.push(
          `${where}: [[${written}]] cannot be rewritten to ${intent.path}: a wikilink cannot name a path holding |, # or brackets. Rename the file without them.`,
        );
        continue;
      }
      edits.push({ ...site.range, text: name });
      const label = keptLabel(site, written, name);
      if (label !== undefined && site.labelAt !== undefined)
        edits.push({ start: site.labelAt, end: site.labelAt, text: `${site.inTable ? '\\|' : '|'}${label}` });
      changes.push({ at: site.at, before: written, after: label === undefined ? name : `${name}|${label}` });
    } else {
      const destination = urlDestination(written, location, intent, site.syntax);
      edits.push({ ...site.range, text: destination });
      changes.push({ at: site.at, before: written, after: destination });
    }
  }
  return { text: applyEdits(text, edits), changes, problems };
}

/**
 * A link without a label shows its name. When a rename changed the note's name, the link shows the
 * new one (as Obsidian does); when only the folder had to be added (`Name` → `b/Name`), the old text
 * is kept as the label so that the reader sees no change.
 */
function keptLabel(site: LinkSite & { syntax: 'wikilink' }, before: string, after: string): string | undefined {
  if (site.embed || site.labelAt === undefined || site.target.anchor !== undefined || before === after) return undefined;
  const lastName = (name: string) => name.replace(/\.md$/i, '').split('/').at(-1)!.normalize('NFC').toLowerCase();
  return lastName(before) === lastName(after) ? before : undefined;
}

function applyEdits(text: string, edits: Edit[]): string {
  let result = text;
  // From the end, so that earlier offsets stay valid; an insertion at an edit's end comes after it.
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}
