import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { formatCommentsReport } from '../../src/core/comments/report.ts';
import { addressTerm, planCommentThreads, type ThreadSubject } from '../../src/core/comments/threads.ts';
import { asContentPath, asSlug } from '../../src/core/common/types.ts';

const comments = { repo: 'acme/handbook', repoId: 'R_kgDOH1a2b3', category: 'Comments', categoryId: 'DIC_kwDOH1a2b34CQ7xy' };

const note = (file: string, slug: string, frontmatter: ThreadSubject['frontmatter'] = {}): ThreadSubject => ({
  path: asContentPath(file),
  slug: asSlug(slug),
  frontmatter,
});

describe('mapping notes to threads', () => {
  it("uses the note's id as the term", () => {
    const plan = planCommentThreads([note('Guides/How to.md', 'guides/how-to', { id: '7fk2m9q4x1ab' })]);
    expect(plan.threads.get(asSlug('guides/how-to'))).toEqual({ term: '7fk2m9q4x1ab', keyedBy: 'id' });
    expect(plan.withoutId).toEqual([]);
  });

  it("falls back to the note's address, and lists the notes without an id", () => {
    const plan = planCommentThreads([
      note('index.md', ''),
      note('Guides/How to.md', 'guides/how-to'),
      note('Team.md', 'team', { id: 'team-1' }),
    ]);
    expect(plan.threads.get(asSlug(''))).toEqual({ term: '/', keyedBy: 'address' });
    expect(plan.threads.get(asSlug('guides/how-to'))).toEqual({ term: '/guides/how-to/', keyedBy: 'address' });
    expect(plan.withoutId).toEqual(['index.md', 'Guides/How to.md']);
  });

  it('cannot confuse an address with an id', () => {
    // Ids start with a letter or digit; addresses with a slash.
    expect(addressTerm(asSlug('team'))).toBe('/team/');
    const plan = planCommentThreads([note('Team.md', 'team'), note('Other.md', 'other', { id: 'team' })]);
    expect(new Set([...plan.threads.values()].map((thread) => thread.term)).size).toBe(2);
  });

  it('leaves out notes with comments: false', () => {
    const plan = planCommentThreads([
      note('Quiet.md', 'quiet', { id: 'q-1', comments: false }),
      note('Open.md', 'open', { comments: true }),
    ]);
    expect(plan.threads.has(asSlug('quiet'))).toBe(false);
    expect(plan.threads.get(asSlug('open'))?.term).toBe('/open/');
    expect(plan.optedOut).toEqual(['Quiet.md']);
  });

  it('never gives two notes one thread: a reused id falls back to the address', () => {
    const plan = planCommentThreads([note('A.md', 'a', { id: 'same' }), note('B.md', 'b', { id: 'same' })]);
    expect(plan.threads.get(asSlug('a'))).toEqual({ term: 'same', keyedBy: 'id' });
    expect(plan.threads.get(asSlug('b'))).toEqual({ term: '/b/', keyedBy: 'address' });
    expect(plan.duplicateId).toEqual([{ path: 'B.md', id: 'same', holder: 'A.md' }]);
  });
});

describe('the build report', () => {
  const config = resolveGardenConfig({ comments }, {}).comments;

  it('is one informative line when comments are off', () => {
    expect(formatCommentsReport(undefined, undefined)).toEqual([
      'comments: off. To give every note a discussion thread (giscus, on GitHub Discussions), add `comments: { repo, repoId, category, categoryId }` to garden() in astro.config.mjs (docs/comments.md).',
    ]);
  });

  it('says where the threads live and lists the notes without an id', () => {
    const plan = planCommentThreads([
      note('A.md', 'a', { id: 'a' }),
      note('B.md', 'b'),
      note('C.md', 'c', { comments: false }),
      note('D.md', 'd', { id: 'a' }),
    ]);
    expect(formatCommentsReport(config, plan)).toEqual([
      'comments: giscus threads in acme/handbook, category "Comments", via https://giscus.app: 3 notes, 1 with `comments: false`.',
      'comments: 1 note has no `id`, so its thread follows its address and is lost on a rename or move. Give each a unique `id` in its frontmatter (letters, digits, `._:-`; never changed afterwards):',
      '  B.md',
      "comments: these notes reuse another note's `id`; each shows the thread of its address until it gets an id of its own:",
      '  D.md (`a` belongs to A.md)',
    ]);
  });

  it('keeps long lists short unless asked for all', () => {
    const notes = Array.from({ length: 20 }, (_, i) => note(`N${String(i).padStart(2, '0')}.md`, `n${i}`));
    const short = formatCommentsReport(config, planCommentThreads(notes));
    expect(short).toHaveLength(2 + 15 + 1);
    expect(short[1]).toMatch(/^comments: 20 notes have no `id`, so their thread follows their address/);
    expect(short.at(-1)).toBe('  … and 5 more (set GARDEN_VERBOSE=1 to list them all).');
    expect(formatCommentsReport(config, planCommentThreads(notes), true)).toHaveLength(2 + 20);
  });

  it('says nothing about ids when every note has one', () => {
    expect(formatCommentsReport(config, planCommentThreads([note('A.md', 'a', { id: 'a' })]))).toHaveLength(1);
  });
});
