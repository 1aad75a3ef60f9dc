import type { Root } from 'mdast';
import type { Diagnostic } from '../common/diagnostics.ts';
import type { ContentPath, Slug } from '../common/types.ts';
import type { Resolution, Resolver } from '../links/resolver.ts';
import type { LinkContext } from '../markdown/context.ts';
import type { LinkOccurrence, NoteFacts } from '../markdown/facts.ts';
import type { KeyPositions } from '../scan/scan.ts';
import type { Frontmatter } from '../scan/schema.ts';

/**
 * What the index stage produces (build.ts): the notes and the graph of their links. Apart from
 * build.ts, so that the modules that build parts of it (embeds.ts, ids.ts, …) and every later stage
 * can name these types without importing the index's code.
 */

export interface IndexedNote {
  path: ContentPath;
  slug: Slug;
  title: string;
  frontmatter: Frontmatter;
  /** Frontmatter tags and inline tags, de-duplicated case-insensitively, in order of appearance. */
  tags: string[];
  /** The inline `#tags` that count as tags (the `tags.inline` option): the render links only these. */
  inlineTags: string[];
  published: boolean;
  /** The note's language (frontmatter `lang`, or detected CJK), for `<html lang>` and search. */
  language: string;
  facts: NoteFacts;
  /** Where its frontmatter writes `id`, `tags` and `aliases`, for messages about them. */
  keyPositions: KeyPositions;
  /**
   * The note's Markdown tree. Parsed once, by the index stage in this thread, or by a parallel
   * worker that keeps it for rendering; in the latter case it is parsed again here only if asked for.
   */
  readonly tree: Root;
  hash: string;
}

export interface ResolvedLink extends LinkOccurrence {
  resolution: Resolution;
}

export interface Edge {
  source: Slug;
  target: Slug;
  kind: 'link' | 'embed';
}

export interface Backlink {
  source: Slug;
  /** One context per link from that note, in order (at most a few). */
  contexts: LinkContext[];
}

export interface UnresolvedLink {
  source: Slug;
  target: string;
  line: number;
}

export interface TagEntry {
  /** The spelling first seen, e.g. `Onboarding/Checklists`. */
  name: string;
  slug: string;
  /** Published notes that carry this tag or one nested below it. */
  notes: Slug[];
}

export interface GardenIndex {
  /** Every note read, drafts included, by path order. */
  notes: IndexedNote[];
  /** Published notes by slug: what the site shows. */
  bySlug: Map<Slug, IndexedNote>;
  byPath: Map<ContentPath, IndexedNote>;
  resolver: Resolver;
  outgoing: Map<ContentPath, ResolvedLink[]>;
  edges: Edge[];
  backlinks: Map<Slug, Backlink[]>;
  unresolved: UnresolvedLink[];
  tags: Map<string, TagEntry>;
  /** Attachments that published notes link to or embed: the only files copied into the site. */
  attachmentsUsed: Set<ContentPath>;
  /**
   * The garden's own `404.md` (handbooks published with Jekyll have one): shown as the body of the
   * page not found, above the garden's suggestions; never a page of its own.
   */
  notFoundNote?: IndexedNote | undefined;
  diagnostics: Diagnostic[];
}
