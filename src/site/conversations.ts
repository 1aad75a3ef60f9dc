import type { PageUrl } from '../core/common/types.ts';
import { questionsFeed, type QuestionEntry } from '../core/flow/questions-feed.ts';
import { discussionCounts, siteDiscussions } from './discussions.ts';
import { absolute } from './flow.ts';
import { formatDate } from './meta.ts';
import { siteData } from './site-data.ts';

/**
 * `/conversations/`: the garden's open questions, for subject experts: threads whose last comment
 * asks something and has no reply, and unanswered discussions of a Q&A category, newest first; then
 * the notes whose discussions moved last. Its feed lists the same questions.
 */

/** Notes listed under "recently discussed". */
export const DISCUSSED_SHOWN = 50;

export interface QuestionView {
  title: string;
  /** The note's page. */
  url: PageUrl;
  /** The note's thread at the end of its page, where the question can be answered. */
  thread: PageUrl;
  /** The discussion on GitHub. */
  discussion: string;
  by: string;
  at: string;
  when: string;
}

export interface ConversationsView {
  feed: PageUrl;
  /** Comments are configured for the garden. */
  enabled: boolean;
  /** When the discussions were read, and whether from the cache; `undefined` when nothing is known. */
  readAt?: string | undefined;
  fromCache: boolean;
  questions: QuestionView[];
  discussed: { title: string; url: PageUrl; thread: PageUrl; activity?: string | undefined; at: string; when: string }[];
}

export function conversationsPage(): ConversationsView {
  const { garden, urls } = siteData();
  const { read, byNote } = siteDiscussions();
  const questions: QuestionView[] = [];
  const discussed: ConversationsView['discussed'] = [];
  for (const [slug, discussion] of byNote) {
    const note = garden.index.bySlug.get(slug);
    if (!note) continue;
    const common = { title: note.title, url: urls.page(slug), thread: urls.page(slug, 'kg-comments') };
    const question = discussion.openQuestion;
    if (question)
      questions.push({ ...common, discussion: discussion.url, by: question.by, at: question.at, when: formatDate(question.at) });
    if (discussion.lastCommentAt)
      discussed.push({
        ...common,
        activity: discussionCounts(discussion),
        at: discussion.lastCommentAt,
        when: formatDate(discussion.lastCommentAt),
      });
  }
  const newestFirst = (a: { at: string; title: string }, b: { at: string; title: string }) =>
    Date.parse(b.at) - Date.parse(a.at) || a.title.localeCompare(b.title);
  return {
    feed: urls.special('conversations/feed.xml'),
    enabled: garden.config.comments !== undefined,
    readAt: read.snapshot?.readAt,
    fromCache: read.source === 'cache',
    questions: questions.sort(newestFirst),
    discussed: discussed.sort(newestFirst).slice(0, DISCUSSED_SHOWN),
  };
}

/** The open questions as an Atom feed, with absolute addresses (Astro's `site`). */
export function conversationsFeedXml(site: URL | undefined): string {
  const { garden, urls } = siteData();
  const view = conversationsPage();
  const entries: QuestionEntry[] = view.questions.map((question) => ({
    noteTitle: question.title,
    noteUrl: absolute(question.url, site),
    threadUrl: question.discussion,
    by: question.by,
    at: question.at,
  }));
  return questionsFeed(entries, {
    title: garden.config.title,
    feedUrl: absolute(view.feed, site),
    pageUrl: absolute(urls.special('conversations/'), site),
    // Dated by the discussions, never by the build: the same answer gives the same feed.
    fallbackUpdated: view.readAt ? new Date(view.readAt).toISOString() : '1970-01-01T00:00:00Z',
  });
}
