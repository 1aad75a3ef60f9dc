import { describe, expect, it } from 'vitest';
import { notesBehindDiscussion } from '../../src/core/comments/behind-discussion.ts';
import { communitySignal } from '../../src/core/comments/community-signal.ts';
import type { Discussion } from '../../src/core/comments/discussion.ts';
import { DISCUSSIONS_QUERY, readDiscussionPage } from '../../src/core/comments/github-query.ts';
import { noteDiscussions, openQuestionOf, type NoteDiscussion } from '../../src/core/comments/note-discussions.ts';
import { endsWithQuestion } from '../../src/core/comments/question.ts';
import { asSlug } from '../../src/core/common/types.ts';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { influenceSchema } from '../../src/core/config/influence.ts';
import { questionsFeed } from '../../src/core/flow/questions-feed.ts';
import { blendInfluence } from '../../src/core/graph/blended-influence.ts';
import firstPage from '../fixtures/discussions/comments-page-1.json';
import lastPage from '../fixtures/discussions/comments-page-3.json';
import qaPage from '../fixtures/discussions/qa-page-1.json';
import rateLimited from '../fixtures/discussions/rate-limited.json';

/** The pure parts of reading the discussions (the reading itself, against a stand-in: tests/integration/discussions.test.ts). */

describe('whether a comment ends with a question', () => {
  it.each([
    ['Does this still hold?', true],
    ['Does this still hold? 🙏', true],
    ['Does this still hold? 👍🏽', true],
    ['Is it "current"?)', true],
    ['これは最新ですか？', true],
    ['هل هذا صحيح؟', true],
    ['> Is it still true?\n\nYes, it is.', false],
    ['Quick question: is it true?\n\n```\nconst x = 1;\n```', true],
    ['Thanks, this helped!', false],
    ['Why? Because we said so.', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(endsWithQuestion(text)).toBe(expected);
  });
});

describe('reading a page of the API answer', () => {
  it('keeps counts, logins and times, and drops the bodies', () => {
    const page = readDiscussionPage(firstPage, 'acme/handbook');
    expect(page.next).toBe('Y3Vyc29yOjI=');
    expect(page.discussions[1]).toEqual({
      title: 'hh9788vfjgxs',
      url: 'https://github.com/acme/handbook/discussions/2',
      createdAt: '2026-11-15T09:00:00Z',
      comments: 2,
      replies: 0,
      reactions: { EYES: 2 },
      upvotes: 0,
      participants: 1,
      lastCommentAt: '2026-12-01T09:15:00Z',
      lastActivityAt: '2026-12-01T09:15:00Z',
      answerable: false,
      answered: false,
      firstComment: { author: 'sam-o', at: '2026-11-15T09:00:00Z' },
      lastComment: { author: 'sam-o', at: '2026-12-01T09:15:00Z', endsWithQuestion: true, replies: 0 },
    });
    expect(JSON.stringify(page)).not.toContain('SECRET-BODY');
  });

  it('ends on the last page, and names a deleted account "ghost"', () => {
    const page = readDiscussionPage(lastPage, 'acme/handbook');
    expect(page.next).toBeUndefined();
    expect(page.discussions[0]!.lastComment?.author).toBe('ghost');
  });

  it('throws on a rate limit, a missing repository or an unexpected answer', () => {
    expect(() => readDiscussionPage(rateLimited, 'acme/handbook')).toThrow(/^rate limit reached \(API rate limit already exceeded/);
    expect(() => readDiscussionPage({ data: { repository: null } }, 'acme/handbook')).toThrow(
      'the repository acme/handbook was not found, or the token cannot read it',
    );
    expect(() => readDiscussionPage({ errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a node' }] }, 'a/b')).toThrow(
      'GitHub answered: Could not resolve to a node',
    );
    expect(() => readDiscussionPage('<html>', 'a/b')).toThrow(/^unexpected answer from the API/);
  });

  it('asks for the body of the last comment only', () => {
    expect(DISCUSSIONS_QUERY.match(/\bbody\b/g)).toHaveLength(1);
    expect(DISCUSSIONS_QUERY).toMatch(/lastComment: comments\(last: 1\) \{ nodes \{ author \{ login \} createdAt body /);
  });
});

const discussion = (overrides: Partial<Discussion>): Discussion => ({
  title: 't',
  url: 'https://github.com/a/b/discussions/1',
  createdAt: '2026-01-01T00:00:00Z',
  comments: 0,
  replies: 0,
  reactions: {},
  upvotes: 0,
  participants: 0,
  lastActivityAt: '2026-01-01T00:00:00Z',
  answerable: false,
  answered: false,
  ...overrides,
});

describe('open questions', () => {
  const asked = { author: 'ann', at: '2026-02-01T00:00:00Z' };
  it('are a last comment that asks and has no reply', () => {
    expect(openQuestionOf(discussion({ lastComment: { ...asked, endsWithQuestion: true, replies: 0 } }))).toEqual({
      by: 'ann',
      at: asked.at,
    });
    expect(openQuestionOf(discussion({ lastComment: { ...asked, endsWithQuestion: true, replies: 1 } }))).toBeUndefined();
    expect(openQuestionOf(discussion({ lastComment: { ...asked, endsWithQuestion: false, replies: 0 } }))).toBeUndefined();
  });

  it('are, in a Q&A category, the discussions without a marked answer, asked by the first commenter', () => {
    const [unanswered, answered] = readDiscussionPage(qaPage, 'acme/handbook').discussions;
    expect(openQuestionOf(unanswered!)).toEqual({ by: 'pat-q', at: '2026-11-20T10:00:00Z' });
    expect(openQuestionOf(answered!)).toBeUndefined();
    expect(openQuestionOf(discussion({ answerable: true }))).toBeUndefined();
  });
});

describe('mapping discussions to notes', () => {
  const threads = new Map([
    [asSlug('a'), { term: 'id-a', keyedBy: 'id' as const }],
    [asSlug('b'), { term: '/b/', keyedBy: 'address' as const }],
  ]);
  it('by the term the garden gave the thread; the oldest discussion of a term wins; others are left out', () => {
    const snapshot = {
      readAt: '2026-03-01T00:00:00Z',
      repo: 'a/b',
      categoryId: 'DIC_x',
      discussions: [
        discussion({ title: 'id-a', url: 'https://x/2', createdAt: '2026-02-01T00:00:00Z' }),
        discussion({ title: 'id-a', url: 'https://x/1', createdAt: '2026-01-01T00:00:00Z', reactions: { HEART: 2, EYES: 1 } }),
        discussion({ title: '/b/', url: 'https://x/3' }),
        discussion({ title: 'nobody', url: 'https://x/4' }),
      ],
    };
    const byNote = noteDiscussions(snapshot, threads);
    expect([...byNote.keys()]).toEqual(['a', 'b']);
    expect(byNote.get(asSlug('a'))).toMatchObject({ url: 'https://x/1', reactionCount: 3 });
    expect(noteDiscussions(undefined, threads).size).toBe(0);
  });
});

const noteDiscussion = (overrides: Partial<NoteDiscussion>): NoteDiscussion => ({
  term: 't',
  url: 'https://x',
  comments: 0,
  replies: 0,
  reactions: {},
  reactionCount: 0,
  upvotes: 0,
  participants: 0,
  lastActivityAt: '2026-01-01T00:00:00Z',
  answerable: false,
  answered: false,
  ...overrides,
});

describe('influence blended with the community', () => {
  const weights = influenceSchema.parse({});
  it('has documented default weights', () => {
    expect(weights).toEqual({ community: 0.3, reactions: 1, upvotes: 2, comments: 1, participants: 2 });
    expect(() => influenceSchema.parse({ community: 2 })).toThrow(/between 0 \(links only\) and 1/);
  });

  it('turns activity into shares that sum to 1: ln(1 + weighted activity), normalised', () => {
    const byNote = new Map([
      [asSlug('a'), noteDiscussion({ reactionCount: 3, upvotes: 1, comments: 2, replies: 1, participants: 2 })],
      [asSlug('b'), noteDiscussion({ reactionCount: 1 })],
      [asSlug('c'), noteDiscussion({})],
    ]);
    const signal = communitySignal(byNote, weights);
    const a = Math.log1p(3 + 2 + 3 + 4);
    const b = Math.log1p(1);
    expect(signal.get(asSlug('a'))).toBeCloseTo(a / (a + b), 10);
    expect(signal.get(asSlug('b'))).toBeCloseTo(b / (a + b), 10);
    expect(signal.has(asSlug('c'))).toBe(false);
  });

  it('blends (1 − share) × rank + share × community, and leaves the rank alone without a community', () => {
    const ranks = new Map([
      [asSlug('a'), 0.6],
      [asSlug('b'), 0.4],
    ]);
    const blended = blendInfluence(ranks, new Map([[asSlug('b'), 1]]), 0.3);
    expect(blended.blend.get(asSlug('a'))).toBeCloseTo(0.42, 10);
    expect(blended.blend.get(asSlug('b'))).toBeCloseTo(0.58, 10);
    expect([...blended.order]).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
    const alone = blendInfluence(ranks, new Map(), 0.3);
    expect([...alone.blend]).toEqual([...ranks]);
    expect(alone.community.get(asSlug('a'))).toBe(0);
  });
});

describe('notes behind their discussion', () => {
  it('are those with a comment newer than their last change, longest waiting first; undated notes are left out', () => {
    const byNote = new Map([
      [asSlug('new'), noteDiscussion({ lastCommentAt: '2026-03-01T00:00:00Z' })],
      [asSlug('old'), noteDiscussion({ lastCommentAt: '2026-03-01T00:00:00Z' })],
      [asSlug('done'), noteDiscussion({ lastCommentAt: '2026-01-01T00:00:00Z' })],
      [asSlug('quiet'), noteDiscussion({})],
      [asSlug('undated'), noteDiscussion({ lastCommentAt: '2026-03-01T00:00:00Z' })],
    ]);
    const updated: Record<string, string> = { new: '2026-02-01', old: '2025-12-01', done: '2026-02-01', quiet: '2020-01-01' };
    const behind = notesBehindDiscussion(byNote, (slug) => (updated[slug] ? new Date(updated[slug]) : undefined));
    expect(behind.map((note) => note.slug)).toEqual(['old', 'new']);
  });
});

describe('the open questions feed', () => {
  it('names the note, the asker and the time, escaped, never what was asked', () => {
    const xml = questionsFeed(
      [
        {
          noteTitle: 'Q & A <1>',
          noteUrl: 'https://g/q/',
          threadUrl: 'https://github.com/a/b/discussions/9',
          by: 'ann',
          at: '2026-02-01T10:00:00Z',
        },
      ],
      {
        title: 'Garden',
        feedUrl: 'https://g/conversations/feed.xml',
        pageUrl: 'https://g/conversations/',
        fallbackUpdated: '1970-01-01T00:00:00Z',
      },
    );
    expect(xml).toContain('<title>Open question on Q &amp; A &lt;1&gt;</title>');
    expect(xml).toContain('<updated>2026-02-01T10:00:00Z</updated>');
    expect(xml).toContain('<id>https://github.com/a/b/discussions/9#asked-2026-02-01T10:00:00Z</id>');
    expect(xml).toContain('<author><name>ann</name></author>');
    expect(questionsFeed([], { title: 'G', feedUrl: 'f', pageUrl: 'p', fallbackUpdated: '1970-01-01T00:00:00Z' })).toContain(
      '<updated>1970-01-01T00:00:00Z</updated>',
    );
  });
});

describe('the API address and the token, from the environment', () => {
  const resolve = (env: Record<string, string>) => resolveGardenConfig({}, env, '/project');
  it('defaults to GitHub, prefers GARDEN_GITHUB_TOKEN to GITHUB_TOKEN, and has no token otherwise', () => {
    expect(resolve({})).toMatchObject({ githubApi: 'https://api.github.com', githubToken: undefined });
    expect(resolve({ GITHUB_TOKEN: 'a' }).githubToken).toBe('a');
    expect(resolve({ GITHUB_TOKEN: 'a', GARDEN_GITHUB_TOKEN: 'b' }).githubToken).toBe('b');
    expect(resolve({ GARDEN_GITHUB_API: 'https://github.example.com/api/' }).githubApi).toBe('https://github.example.com/api');
    expect(() => resolve({ GARDEN_GITHUB_API: 'github.example.com' })).toThrow(/GARDEN_GITHUB_API must be the address of GitHub's API/);
  });
});
