import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commentThreadPlan } from '../../src/core/comments/threads.ts';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { TempRepo } from '../support/git-repo.ts';

const comments = { repo: 'acme/garden', repoId: 'R_1', category: 'Comments', categoryId: 'DIC_1' };
const note = (id: string, title: string) => `---\nid: ${id}\n---\n# ${title}\n`;
const ada = { name: 'Ada', email: 'ada@example.com' };
const mallory = { name: 'Mallory', email: 'mallory@example.com' };

async function load(content: string) {
  const garden = await loadGarden(resolveGardenConfig({ content, comments }, { PATH: process.env.PATH }), { history: true });
  const plan = commentThreadPlan(garden)!;
  return {
    errors: garden.diagnostics.filter((d) => d.rule === 'duplicate-id').map((d) => `${d.file}:${d.at?.line}:${d.at?.column} ${d.message}`),
    thread: (slug: string) => plan.threads.get(slug as never),
  };
}

describe('a note id claimed twice', () => {
  it("stays with the note that had it first in git, even when the newcomer's file is older and sorts first", async () => {
    const repo = new TempRepo();
    // Mallory's note exists first, with an id of its own…
    repo.write({ 'content/Aaa.md': note('mallory-1', 'Mallory') }).commit('mallory', mallory); // 2024-01-01
    repo.write({ 'content/Victim.md': note('victim-thread', 'Victim') }).commit('victim', ada); // 2024-01-02
    // …and takes the victim's id later.
    repo.write({ 'content/Aaa.md': note('victim-thread', 'Mallory') }).commit('take the thread', mallory); // 2024-01-03
    const { errors, thread } = await load(repo.path('content'));
    expect(thread('victim')).toEqual({ term: 'victim-thread', keyedBy: 'id' });
    expect(thread('aaa')).toEqual({ term: '/aaa/', keyedBy: 'address' });
    const victimCommit = repo.git('log', '--format=%h', '-1', '--', 'content/Victim.md');
    const takeCommit = repo.git('log', '--format=%h', '-1');
    expect(errors).toEqual([
      `Aaa.md:2:5 The id \`victim-thread\` belongs to Victim.md (Victim.md has had it since commit ${victimCommit} (2024-01-02), this note since commit ${takeCommit} (2024-01-03): the note that had the id first keeps it), with its discussion thread; this note shows its own thread, by address, until it has an id of its own.`,
    ]);
  });

  it('stays with the committed note when the newcomer is not committed yet', async () => {
    const repo = new TempRepo();
    repo.write({ 'content/Zed.md': note('shared', 'Zed') }).commit('zed', ada);
    writeFileSync(repo.path('content', 'Copy.md'), note('shared', 'Copy'));
    const { errors, thread } = await load(repo.path('content'));
    expect(thread('zed')).toEqual({ term: 'shared', keyedBy: 'id' });
    expect(errors).toEqual([
      expect.stringMatching(
        /^Copy\.md:2:5 The id `shared` belongs to Zed\.md \(Zed\.md has had it since commit \w{7} \(2024-01-01\), this note in no commit yet: /,
      ),
    ]);
  });

  it('without git history, stays with the note first in path order, and says that this rule applied', async () => {
    const content = mkdtempSync(path.join(tmpdir(), 'garden-ids-'));
    writeFileSync(path.join(content, 'B.md'), note('same', 'B'));
    writeFileSync(path.join(content, 'A.md'), note('same', 'A'));
    const { errors, thread } = await load(content);
    expect(thread('a')).toEqual({ term: 'same', keyedBy: 'id' });
    expect(errors).toEqual([
      'B.md:2:5 The id `same` belongs to A.md (the content folder has no git history, so the note first in path order keeps it), with its discussion thread; this note shows its own thread, by address, until it has an id of its own.',
    ]);
  });
});
