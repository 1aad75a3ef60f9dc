import { xmlAttribute, xmlText } from './xml.ts';

/** An open question of the garden, as the feed lists it. */
export interface QuestionEntry {
  /** The note the discussion is about. */
  noteTitle: string;
  /** Absolute address of the note's page (its thread is at the end). */
  noteUrl: string;
  /** The discussion on GitHub, where it can be answered. */
  threadUrl: string;
  /** The asker's GitHub login. */
  by: string;
  at: string;
}

export interface QuestionsFeedOptions {
  title: string;
  /** Absolute addresses: the feed itself, and the conversations page. */
  feedUrl: string;
  pageUrl: string;
  /** The feed's date when no question dates it. */
  fallbackUpdated: string;
}

/**
 * The open questions as an Atom feed (RFC 4287), newest first, so that subject experts can follow
 * what waits for an answer. An entry names the note, the asker and the time, never what was asked:
 * the garden copies no comment (docs/comments.md, "Privacy"). Its id is the thread with the time
 * asked, so a new question in the same thread is a new entry.
 */
export function questionsFeed(questions: readonly QuestionEntry[], options: QuestionsFeedOptions): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${xmlText(`${options.title}: open questions`)}</title>`,
    '  <subtitle>Questions asked in the discussions of notes that nobody has answered yet.</subtitle>',
    `  <link rel="self" type="application/atom+xml" href="${xmlAttribute(options.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlAttribute(options.pageUrl)}"/>`,
    `  <id>${xmlText(options.pageUrl)}</id>`,
    `  <updated>${questions[0] ? timestamp(questions[0].at) : options.fallbackUpdated}</updated>`,
    `  <author><name>${xmlText(options.title)}</name></author>`,
    '  <generator>knowledge-garden</generator>',
  ];
  for (const question of questions) {
    lines.push(
      '  <entry>',
      `    <title>${xmlText(`Open question on ${question.noteTitle}`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlAttribute(question.threadUrl)}"/>`,
      `    <link rel="related" type="text/html" href="${xmlAttribute(question.noteUrl)}"/>`,
      `    <id>${xmlText(`${question.threadUrl}#asked-${timestamp(question.at)}`)}</id>`,
      `    <updated>${timestamp(question.at)}</updated>`,
      `    <author><name>${xmlText(question.by)}</name></author>`,
      `    <summary type="text">${xmlText(`${question.by} asked about "${question.noteTitle}" and is waiting for an answer.`)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

function timestamp(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? '1970-01-01T00:00:00Z' : new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}
