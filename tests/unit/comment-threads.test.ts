import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { formatCommentsReport } from '../../src/core/comments/report.ts';
import { addressTerm, commentThreadPlan, planCommentThreads, type ThreadSubject } from '../../src/core/comments/threads.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { asContentPath, asSlug } from '../../src/core/common/types.ts';

const comments = { repo: 'acme/handbook', repoId: 'R_kgDOH1a2b3', category: 'Comments', categoryId: 'DIC_kwDOH1a2b34CQ7xy' };

const note = (file: string, slug: string, frontmatter: ThreadSubject['frontmatter'] = {}): ThreadSubject => ({
  path: asContentPath(file),
  slug: asSlug(slug),
  frontmatter,
});

function gardenFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-comments-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

async function threadsOf(dir: string) {
  const garden = await loadGarden(resolveGardenConfig({ content: dir, comments }, {}));
  const plan = commentThreadPlan(garden)!;
  return new Map([...garden.index.bySlug.values()].map((entry) => [entry.path, { slug: entry.slug, thread: plan.threads.get(entry.slug) }]));
}

describe('mapping notes to threads', () => {
  it('uses the note\'s id as the term', () => {
    const plan = planCommentThreads([note('Guides/How to.md', 'guides/how-to', { id: '7fk2m9q4x1ab' })]);
    expect(plan.threads.get(asSlug('guides/how-to'))).toEqual({ term: '7fk2m9q4x1ab', keyedBy: 'id' });
    expect(plan.withoutId).toEqual([]);
  });

  it('falls back to the note\'s address, and lists the notes without an id', () => {
    const plan = planCommentThreads([note('index.md', ''), note('Guides/How to.md', 'guides/how-to'), note('Team.md', 'team', { id: 'team-1' })]);
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
    const plan = planCommentThreads([note('Quiet.md', 'quiet', { id: 'q-1', comments: false }), note('Open.md', 'open', { comments: true })]);
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

describe('renaming a note', () => {
  const before = {
    'index.md': '# Home\n\nSee the [[Onboarding checklist]].\n',
    'Onboarding checklist.md': '---\nid: onb-4k8d2m\n---\n# Onboarding checklist\n\nThe first week.\n',
    'Glossary.md': '# Glossary\n\nNo id here.\n',
  };

  it('keeps its thread when the file is renamed, moved and retitled with the same id', async () => {
    const dir = gardenFolder(before);
    const original = (await threadsOf(dir)).get(asContentPath('Onboarding checklist.md'))!;
    expect(original).toEqual({ slug: 'onboarding-checklist', thread: { term: 'onb-4k8d2m', keyedBy: 'id' } });

    mkdirSync(path.join(dir, 'People'));
    renameSync(path.join(dir, 'Onboarding checklist.md'), path.join(dir, 'People', 'Your first week.md'));
    writeFileSync(path.join(dir, 'People', 'Your first week.md'), '---\nid: onb-4k8d2m\ntitle: Your first week\n---\nThe first week.\n');
    const renamed = (await threadsOf(dir)).get(asContentPath('People/Your first week.md'))!;
    expect(renamed.slug).toBe('people/your-first-week');
    expect(renamed.thread).toEqual(original.thread);
  });

  it('loses the thread of a note without an id, which is why the build lists such notes', async () => {
    const dir = gardenFolder(before);
    const original = (await threadsOf(dir)).get(asContentPath('Glossary.md'))!;
    renameSync(path.join(dir, 'Glossary.md'), path.join(dir, 'Terms.md'));
    const renamed = (await threadsOf(dir)).get(asContentPath('Terms.md'))!;
    expect(renamed.thread?.term).not.toBe(original.thread?.term);
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
    const plan = planCommentThreads([note('A.md', 'a', { id: 'a' }), note('B.md', 'b'), note('C.md', 'c', { comments: false }), note('D.md', 'd', { id: 'a' })]);
    expect(formatCommentsReport(config, plan)).toEqual([
      'comments: giscus threads in acme/handbook, category "Comments", via https://giscus.app: 3 notes, 1 with `comments: false`.',
      'comments: 1 note has no `id`, so its thread follows its address and is lost on a rename or move. Give each a unique `id` in its frontmatter (letters, digits, `._:-`; never changed afterwards):',
      '  B.md',
      'comments: these notes reuse another note\'s `id`; each shows the thread of its address until it gets an id of its own:',
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
