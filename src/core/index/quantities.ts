import type { SourcePoint } from '../common/diagnostics.ts';
import { LIMITS } from '../common/limits.ts';
import { slugForTag } from '../links/slug.ts';
import type { NoteFacts } from '../markdown/facts.ts';

/**
 * The per-note quantity limits (src/core/common/limits.ts): distinct tags, aliases, headings and links.
 * The text limits keep the parser fast; these keep what a parsed note asks of the whole garden in
 * proportion: 100,000 distinct inline tags in a 0.9 MB note would be 100,000 tag pages (18 minutes
 * of build and 1.2 GB of output). A note beyond one of them is not published, like a note beyond a
 * text limit, with one error that names the limit.
 */

export type QuantityRule = 'tags-too-many' | 'aliases-too-many' | 'headings-too-many' | 'links-too-many';

export interface QuantityViolation {
  rule: QuantityRule;
  at?: SourcePoint | undefined;
  message: string;
  hint: string;
}

interface Counted {
  tags: readonly string[];
  aliases: readonly string[];
  facts: Pick<NoteFacts, 'headings' | 'links'>;
}

type QuantityLimits = Pick<typeof LIMITS, 'maxTagsPerNote' | 'maxAliasesPerNote' | 'maxHeadingsPerNote' | 'maxLinksPerNote'>;

const count = (value: number) => value.toLocaleString('en');

/** The first quantity limit a note exceeds, or `undefined`. */
export function checkNoteQuantities(note: Counted, limits: QuantityLimits = LIMITS): QuantityViolation | undefined {
  const tagPages = tagPagesOf(note.tags, limits.maxTagsPerNote);
  if (tagPages.size > limits.maxTagsPerNote) {
    return {
      rule: 'tags-too-many',
      message: `The note has more than ${count(limits.maxTagsPerNote)} tags (each level of a nested tag counts: \`#a/b\` is \`a\` and \`a/b\`); every tag is a page of the site.`,
      hint: 'Keep the few tags that help readers find the note; write other words without `#`.',
    };
  }
  if (note.aliases.length > limits.maxAliasesPerNote) {
    return {
      rule: 'aliases-too-many',
      message: `The note has ${count(note.aliases.length)} aliases, more than the ${count(limits.maxAliasesPerNote)} a note may have; every alias is a name to resolve and an address to redirect.`,
      hint: 'Keep the names people really link by.',
    };
  }
  const heading = note.facts.headings[limits.maxHeadingsPerNote];
  if (heading) {
    return {
      rule: 'headings-too-many',
      at: { line: heading.line, column: 1 },
      message: `The note has ${count(note.facts.headings.length)} headings, more than the ${count(limits.maxHeadingsPerNote)} a note may have (this is heading ${count(limits.maxHeadingsPerNote + 1)}).`,
      hint: 'Split the note into several notes, or turn short headings into bold text or list items.',
    };
  }
  const link = note.facts.links[limits.maxLinksPerNote];
  if (link) {
    return {
      rule: 'links-too-many',
      at: link.at,
      message: `The note has ${count(note.facts.links.length)} links and embeds, more than the ${count(limits.maxLinksPerNote)} a note may have (this is link ${count(limits.maxLinksPerNote + 1)}).`,
      hint: 'Split the note into several notes, for example one per section or letter.',
    };
  }
  return undefined;
}

/**
 * The tag pages a note's tags make (their slugs): each tag and each of its parents. Stops counting
 * past `limit`, so that a note with 100,000 tags, or one tag nested 5,000 levels deep, costs no more
 * than the limit.
 */
export function tagPagesOf(tags: readonly string[], limit: number): Set<string> {
  const pages = new Set<string>();
  for (const tag of tags) {
    const parts = tag.split('/').filter(Boolean);
    for (let depth = 1; depth <= parts.length; depth++) {
      pages.add(slugForTag(parts.slice(0, depth).join('/')));
      if (pages.size > limit) return pages;
    }
  }
  return pages;
}
