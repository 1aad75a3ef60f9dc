import type { RecentChange } from './recent-changes.ts';
import { xmlAttribute, xmlText } from './xml.ts';

export interface FeedOptions {
  title: string;
  description: string;
  /** Absolute addresses (from Astro's `site`): the feed itself, the recent changes page, and a note's page. */
  feedUrl: string;
  pageUrl: string;
  noteUrl: (change: RecentChange) => string;
  /** The feed's date when there is no change to date it. */
  fallbackUpdated: string;
}

const verbs = { created: 'Created', updated: 'Updated', moved: 'Moved' } as const;

/**
 * The recent changes as an Atom feed (RFC 4287): one entry per note and day, newest first. An entry's
 * id is the note's address with the day's newest commit, so a reader shows each change once; its
 * summary is plain text (who, how many commits, the note's description), never the note's HTML.
 */
export function atomFeed(changes: readonly RecentChange[], options: FeedOptions): string {
  const updated = changes[0] ? rfc3339(changes[0].date) : options.fallbackUpdated;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${xmlText(`${options.title}: recent changes`)}</title>`,
    `  <subtitle>${xmlText(options.description)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlAttribute(options.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlAttribute(options.pageUrl)}"/>`,
    `  <id>${xmlText(options.pageUrl)}</id>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlText(options.title)}</name></author>`,
    '  <generator>knowledge-garden</generator>',
  ];
  for (const change of changes) {
    const url = options.noteUrl(change);
    const who = change.authors.length > 0 ? ` by ${change.authors.join(', ')}` : '';
    const commits = change.commits > 1 ? ` (${change.commits} commits)` : '';
    const from = change.kind === 'moved' && change.from ? ` from ${change.from}` : '';
    const description = change.note.frontmatter.description ? ` ${change.note.frontmatter.description}` : '';
    lines.push(
      '  <entry>',
      `    <title>${xmlText(`${change.note.title} (${change.kind})`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlAttribute(url)}"/>`,
      `    <id>${xmlText(`${url}#change-${change.commit}`)}</id>`,
      `    <updated>${rfc3339(change.date)}</updated>`,
      ...change.authors.map((author) => `    <author><name>${xmlText(author)}</name></author>`),
      `    <summary type="text">${xmlText(`${verbs[change.kind]}${from}${who}${commits}.${description}`)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** Git's `%cI` is already RFC 3339; a bare date (frontmatter) becomes midnight UTC. */
function rfc3339(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return `${date}T00:00:00Z`;
  const time = Date.parse(date);
  return Number.isNaN(time) ? '1970-01-01T00:00:00Z' : /T.*([+-]\d{2}:\d{2}|Z)$/.test(date) ? date : new Date(time).toISOString();
}
