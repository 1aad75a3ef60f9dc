import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDiscussions } from '../../src/core/comments/read-discussions.ts';
import { resolveGardenConfig, type Environment } from '../../src/core/config/config.ts';
import { RESERVED_SLUGS } from '../../src/core/index/build.ts';
import { ReservedOutputPaths } from '../../src/core/links/reserved.ts';
import { buildSite, projectRoot, type BuiltSite } from '../support/build-site.ts';
import { giscusEnv } from '../support/giscus.ts';
import {
  COMMENTS_CATEGORY_ID,
  QA_CATEGORY_ID,
  STAND_IN_TOKEN,
  startGithubStandIn,
  type GithubStandIn,
} from '../support/github-stand-in.ts';
import { sharedSite } from '../support/shared-sites.ts';

/**
 * The discussions read at build time, against the stand-in for GitHub's API (recorded answers in
 * tests/fixtures/discussions): reading, paging, the cache when GitHub fails, nothing without a
 * token; and what the built example garden shows (tests/support/site-service.ts builds it once).
 */

let standIn: GithubStandIn;
beforeAll(async () => {
  standIn = await startGithubStandIn();
});
afterAll(() => standIn?.close());

const comments = { repo: 'acme/handbook', repoId: 'R_kgDOTest1', category: 'Note comments', categoryId: COMMENTS_CATEGORY_ID };

function configFor(env: Environment, categoryId = COMMENTS_CATEGORY_ID) {
  return resolveGardenConfig({ content: path.join(projectRoot, 'content'), comments: { ...comments, categoryId } }, env, projectRoot);
}

describe('reading the discussions', () => {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'garden-discussions-'));
  const withToken = () => ({ GARDEN_GITHUB_API: standIn.api, GARDEN_GITHUB_TOKEN: STAND_IN_TOKEN, GARDEN_CACHE_DIR: cacheDir });

  it('makes no request without a token, and shows nothing', async () => {
    standIn.requests.length = 0;
    const read = await readDiscussions(configFor({ GARDEN_GITHUB_API: standIn.api, GARDEN_CACHE_DIR: cacheDir }), { network: true });
    expect(standIn.requests).toEqual([]);
    expect(read.snapshot).toBeUndefined();
    expect(read.message).toMatch(/^discussions: no token \(set GITHUB_TOKEN or GARDEN_GITHUB_TOKEN.*nothing cached/);
  });

  it('reads every page of the category with the token, and keeps the answer in the cache', async () => {
    standIn.behaviour = 'answer';
    standIn.requests.length = 0;
    const read = await readDiscussions(configFor(withToken()), { network: true });
    expect(standIn.requests.map((request) => request.variables.after ?? null)).toEqual([null, 'Y3Vyc29yOjI=', 'Y3Vyc29yOjQ=']);
    expect(standIn.requests.every((request) => request.headers.authorization === `bearer ${STAND_IN_TOKEN}`)).toBe(true);
    expect(standIn.requests[0]!.variables).toMatchObject({ owner: 'acme', name: 'handbook', categoryId: COMMENTS_CATEGORY_ID });
    expect(read.source).toBe('api');
    expect(read.message).toBe(`discussions: read 6 discussions of acme/handbook, category "Note comments", from ${standIn.api}`);
    const basics = read.snapshot!.discussions.find((discussion) => discussion.title === 'k63ti5t4y2qj')!;
    expect(basics).toMatchObject({
      comments: 2,
      replies: 1,
      reactions: { THUMBS_UP: 3, HEART: 1 },
      upvotes: 2,
      participants: 3,
      lastCommentAt: '2026-12-04T16:00:00Z',
      lastComment: { author: 'lee-m', at: '2026-12-04T16:00:00Z', endsWithQuestion: true, replies: 0 },
    });
    // No body is kept: only counts, logins, times and whether the last comment asks something.
    const cached = readdirSync(path.join(cacheDir, 'discussions')).map((file) =>
      readFileSync(path.join(cacheDir, 'discussions', file), 'utf8'),
    );
    expect(cached).toHaveLength(1);
    expect(cached[0]).not.toContain('SECRET-BODY');
    expect(JSON.stringify(read)).not.toContain('SECRET-BODY');
  });

  it.each([
    ['rate-limited', /GitHub could not be read: rate limit reached \(API rate limit already exceeded/],
    ['rate-limited-http', /GitHub could not be read: rate limit reached \(HTTP 403, until 2026-12-06T15:00:00.000Z\)/],
    ['network-error', /GitHub could not be read: http:\/\/127\.0\.0\.1:\d+\/graphql could not be reached/],
  ] as const)('uses the cache when the API is %s, and says so in one line', async (behaviour, reason) => {
    standIn.behaviour = behaviour;
    try {
      const read = await readDiscussions(configFor(withToken()), { network: true });
      expect(read.source).toBe('cache');
      expect(read.snapshot!.discussions).toHaveLength(6);
      expect(read.message).toMatch(reason);
      expect(read.message).toMatch(/using the 6 discussions read on 20\d\d-.*\(from the cache\)\.$/);
      expect(read.message!.split('\n')).toHaveLength(1);
    } finally {
      standIn.behaviour = 'answer';
    }
  });

  it('without a token, uses what the cache holds; with neither, shows nothing and never fails', async () => {
    const cached = await readDiscussions(configFor({ GARDEN_GITHUB_API: standIn.api, GARDEN_CACHE_DIR: cacheDir }), { network: true });
    expect(cached.source).toBe('cache');
    standIn.behaviour = 'network-error';
    try {
      const empty = mkdtempSync(path.join(tmpdir(), 'garden-discussions-empty-'));
      const read = await readDiscussions(configFor({ ...withToken(), GARDEN_CACHE_DIR: empty }), { network: true });
      expect(read).toMatchObject({ snapshot: undefined, source: 'none' });
      expect(read.message).toMatch(/could not be reached.*nothing cached, so pages show no counts or questions\.$/);
    } finally {
      standIn.behaviour = 'answer';
    }
  });

  it('keeps each category apart, and reads whether a Q&A discussion is answered', async () => {
    const read = await readDiscussions(configFor(withToken(), QA_CATEGORY_ID), { network: true });
    expect(read.snapshot!.discussions.map(({ title, answerable, answered }) => ({ title, answerable, answered }))).toEqual([
      { title: 'e7bd3m5xq2kw', answerable: true, answered: false },
      { title: 'c4lq7w2nu8ze', answerable: true, answered: true },
    ]);
  });

  it('reads nothing when comments are off', async () => {
    standIn.requests.length = 0;
    const config = resolveGardenConfig({ content: path.join(projectRoot, 'content') }, withToken(), projectRoot);
    expect(await readDiscussions(config, { network: true })).toMatchObject({ source: 'none', message: undefined });
    expect(standIn.requests).toEqual([]);
  });
});

describe('the paths the discussions add to the site', () => {
  it('are reserved: discussions.json and conversations/ (page and feed)', () => {
    const reserved = new ReservedOutputPaths();
    expect(reserved.owner('discussions.json')).toBe("the build's own `discussions.json`");
    expect(reserved.owner('Conversations/feed.xml')).toBe("the build's own `conversations/` folder");
    expect(reserved.owner('conversations/index.html')).toBeDefined();
    expect(RESERVED_SLUGS.has('conversations')).toBe(true);
    expect(RESERVED_SLUGS.has('discussions.json')).toBe(true);
  });
});

describe('the example garden built with its discussions', () => {
  let site: BuiltSite;
  const file = (relative: string) => readFileSync(path.join(site.dist, relative), 'utf8');
  beforeAll(async () => {
    site = await sharedSite('discussions');
  });

  it('says where the discussions come from, in one line', () => {
    expect(site.output).toMatch(
      /discussions: read 6 discussions of acme\/handbook, category "Note comments", from http:\/\/127\.0\.0\.1:\d+\n/,
    );
  });

  it('writes discussions.json: per note slug, counts, last activity and open question, no comment text', () => {
    const json = JSON.parse(file('discussions.json')) as {
      source: string;
      repository: string;
      notes: Record<string, Record<string, unknown>>;
    };
    expect(json).toMatchObject({ version: 1, source: 'api', repository: 'acme/handbook', category: 'Note comments' });
    expect(Object.keys(json.notes)).toEqual([
      'faq/how-do-i-find-a-note',
      'faq/what-if-a-link-is-broken',
      'writing/backlinks',
      'writing/linking-notes',
      'writing/markdown-basics',
    ]);
    expect(json.notes['writing/markdown-basics']).toEqual({
      term: 'k63ti5t4y2qj',
      url: 'https://github.com/acme/handbook/discussions/1',
      comments: 2,
      replies: 1,
      reactions: { THUMBS_UP: 3, HEART: 1 },
      upvotes: 2,
      participants: 3,
      lastActivity: '2026-12-04T16:00:00Z',
      lastComment: '2026-12-04T16:00:00Z',
      answered: null,
      openQuestion: { by: 'lee-m', at: '2026-12-04T16:00:00Z' },
    });
    // A question with a reply is answered; a reaction is no question.
    expect(json.notes['faq/how-do-i-find-a-note']!.openQuestion).toBeNull();
    expect(json.notes['writing/linking-notes']).toMatchObject({ comments: 0, reactions: { THUMBS_UP: 7, ROCKET: 2 }, openQuestion: null });
  });

  it('never copies a comment into the site', () => {
    const files = readdirSync(site.dist, { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile() && /\.(html|json|xml|js)$/.test(entry.name),
    );
    expect(files.length).toBeGreaterThan(20);
    const leaking = files.filter((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8').includes('SECRET-BODY'));
    expect(leaking.map((entry) => entry.name)).toEqual([]);
  });

  it('shows the counts under the title as a link to the thread, without extra JavaScript', () => {
    const page = file('writing/markdown-basics/index.html');
    expect(page).toMatch(/<a class="kg-action" href="#kg-comments"[^>]*>[\s\S]*?3 comments · 6 reactions\s*<\/a>/);
    expect(file('writing/linking-notes/index.html')).toMatch(/href="#kg-comments"[^>]*>[\s\S]*?10 reactions\s*<\/a>/);
    // A note without a discussion keeps the plain link.
    expect(file('writing/tags/index.html')).toMatch(/href="#kg-comments"[^>]*>[\s\S]*?Comments\s*<\/a>/);
    const scripts = (html: string) => [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1]).sort();
    expect(scripts(page)).toEqual(scripts(file('writing/tags/index.html')));
  });

  it('lists the open questions on /conversations/, newest first, and in its Atom feed', () => {
    const page = file('conversations/index.html');
    const questions = page.slice(page.indexOf('id="open-questions"'), page.indexOf('id="recently-discussed"'));
    const asked = [...questions.matchAll(/<a class="kg-change-title" href="([^"]+)">\s*([^<]+?)\s*<\/a>[\s\S]*?@([\w-]+)/g)].map(
      (match) => [match[1], match[2], match[3]],
    );
    expect(asked).toEqual([
      ['/writing/markdown-basics/#kg-comments', 'Markdown basics', 'lee-m'],
      ['/faq/what-if-a-link-is-broken/#kg-comments', 'What if a link is broken?', 'sam-o'],
    ]);
    const feed = file('conversations/feed.xml');
    expect(feed).toContain('<title>Knowledge Garden: open questions</title>');
    expect([...feed.matchAll(/<entry>[\s\S]*?<title>([^<]+)<\/title>[\s\S]*?<author><name>([^<]+)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['Open question on Markdown basics', 'lee-m'],
      ['Open question on What if a link is broken?', 'sam-o'],
    ]);
    expect(feed).toContain('<updated>2026-12-04T16:00:00Z</updated>');
    expect(feed).toContain('href="https://github.com/acme/handbook/discussions/1"');
  });

  it('shows "what people are discussing" on the home page, and the conversations in the footer', () => {
    const home = file('index.html');
    const discussed = home.slice(home.indexOf('id="kg-home-discussed"'));
    expect([...discussed.slice(0, discussed.indexOf('</section>')).matchAll(/<li><a href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/writing/markdown-basics/',
      '/faq/what-if-a-link-is-broken/',
      '/faq/how-do-i-find-a-note/',
      '/writing/backlinks/',
    ]);
    expect(home).toContain('href="/conversations/">Conversations</a>');
  });

  it('lists on /health/ the notes discussed since their last change, with their owners', () => {
    const health = file('health/index.html');
    const section = health.slice(health.indexOf('id="discussed-since"'));
    const listed = section.slice(0, section.indexOf('</section>'));
    const lastChange = (note: string) =>
      execFileSync('git', ['log', '-1', '--format=%cI', '--', note], { cwd: projectRoot, encoding: 'utf8' }).trim();
    // The recorded comments are dated: the list follows the notes' git history.
    const expectBehind = (note: string, commented: string, title: string) =>
      (Date.parse(commented) > Date.parse(lastChange(note)) ? expect(listed) : expect(listed).not).toContain(`>${title}</a>`);
    expectBehind('content/Writing/Markdown basics.md', '2026-12-04T16:00:00Z', 'Markdown basics');
    expectBehind('content/Writing/Backlinks.md', '2026-11-02T10:00:00Z', 'Backlinks');
    expect(listed).toContain('Knowledge Garden team');
  });

  it('blends the community into influence in graph.json, keeping `rank` as link PageRank', () => {
    const graph = JSON.parse(file('graph.json')) as { nodes: { slug: string; rank: number; community: number; blend: number }[] };
    const sum = (key: 'rank' | 'community' | 'blend') => graph.nodes.reduce((total, node) => total + node[key], 0);
    expect(sum('rank')).toBeCloseTo(1, 4);
    expect(sum('community')).toBeCloseTo(1, 4);
    expect(sum('blend')).toBeCloseTo(1, 4);
    const node = (slug: string) => graph.nodes.find((candidate) => candidate.slug === slug)!;
    for (const { rank, community, blend } of graph.nodes) expect(blend).toBeCloseTo(0.7 * rank + 0.3 * community, 5);
    expect(node('writing/tags').community).toBe(0);
    expect(node('writing/markdown-basics').community).toBeGreaterThan(node('writing/backlinks').community);
  });

  it('orders the home page\'s "notes the garden relies on" and the search tie-break by the blend', () => {
    const graph = JSON.parse(file('graph.json')) as {
      nodes: { slug: string; rank: number; blend: number }[];
      edges: { source: string; target: string }[];
    };
    const byBlend = [...graph.nodes].sort((a, b) => b.blend - a.blend || (a.slug < b.slug ? -1 : 1)).map((node) => node.slug);
    const byRank = [...graph.nodes].sort((a, b) => b.rank - a.rank || (a.slug < b.slug ? -1 : 1)).map((node) => node.slug);
    // The community changes the order here: otherwise this test would not tell the two apart.
    expect(byBlend).not.toEqual(byRank);
    // Each note page carries its place in the blended order as Pagefind's sort key and metadata
    // (one index sorts by the key; merged parts read the metadata).
    for (const [i, slug] of byBlend.entries()) {
      if (slug === '') continue;
      const place = String(i + 1).padStart(9, '0');
      expect(file(`${slug}/index.html`), slug).toContain(`data-pagefind-sort="influence:${place}" data-pagefind-meta="influence:${place}"`);
    }
    const home = file('index.html');
    const section = home.slice(home.indexOf('id="kg-home-influential"'));
    const listed = [...section.slice(0, section.indexOf('</section>')).matchAll(/<li><a href="\/([^"]*)\/"/g)].map((match) => match[1]);
    const linked = new Set(graph.edges.filter((edge) => edge.source !== edge.target).map((edge) => edge.target));
    expect(listed).toEqual(byBlend.filter((slug) => slug !== '' && linked.has(slug)).slice(0, 6));
  });
});

describe('a build without a token', () => {
  it('makes no request and shows no counts, questions or errors', async () => {
    standIn.requests.length = 0;
    const content = mkdtempSync(path.join(tmpdir(), 'garden-no-token-'));
    mkdirSync(path.join(content, 'Guides'));
    writeFileSync(path.join(content, 'index.md'), '---\nid: home0001\n---\n# Home\n\nSee [[Setup]].\n');
    writeFileSync(path.join(content, 'Guides', 'Setup.md'), '---\nid: k63ti5t4y2qj\n---\n# Setup\n\nSteps.\n');
    const site = await buildSite(content, {
      ...giscusEnv,
      GARDEN_GITHUB_API: standIn.api,
      GARDEN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'garden-no-token-cache-')),
    });
    expect(standIn.requests).toEqual([]);
    expect(site.output).toMatch(/discussions: no token .*nothing cached/);
    expect(site.output).not.toMatch(/\berror\b/i);
    expect(JSON.parse(readFileSync(path.join(site.dist, 'discussions.json'), 'utf8'))).toMatchObject({
      readAt: null,
      source: 'none',
      notes: {},
    });
    expect(readFileSync(path.join(site.dist, 'guides/setup/index.html'), 'utf8')).toMatch(
      /href="#kg-comments"[^>]*>[\s\S]*?Comments\s*<\/a>/,
    );
    expect(readFileSync(path.join(site.dist, 'conversations/index.html'), 'utf8')).toContain(
      'The discussions were not read during the build',
    );
    expect(existsSync(path.join(site.dist, 'health/index.html'))).toBe(true);
    expect(readFileSync(path.join(site.dist, 'health/index.html'), 'utf8')).not.toContain('id="discussed-since"');
  });
});
