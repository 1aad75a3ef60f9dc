import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';
import { runGarden } from '../support/cli.ts';
import { filesUnder, gardenState, renamer } from '../support/garden-state.ts';
import { TempRepo } from '../support/git-repo.ts';

/**
 * `garden mv` and `garden fix-links` on copies of the two real corpora: every problem `garden check`
 * reports, every edge and every unresolved link of graph.json stay the same (by path) after a note
 * or a folder moves.
 */
const corpora = path.resolve(projectRoot, '..', 'shared', 'corpora');
const handbook = path.join(corpora, 'sourcegraph-handbook');
const vault = path.join(corpora, 'obsidian-tasks-docs');
/** Each test reads an 883-note garden four or five times; on a loaded machine that takes minutes. */
const SLOW = 600_000;
const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) rmSync(repo.root, { recursive: true, force: true });
});

function copyInRepository(corpus: string): TempRepo {
  const repo = new TempRepo('garden-rename-corpus-');
  repos.push(repo);
  cpSync(corpus, repo.path('content'), { recursive: true });
  repo.commit('the corpus');
  return repo;
}

async function moveKeepsTheGarden(repo: TempRepo, from: string, to: string): Promise<string> {
  const before = await gardenState(repo.path('content'), renamer(from, to));
  const result = await runGarden(['mv', `content/${from}`, `content/${to}`], { cwd: repo.root });
  expect(result.code, result.stderr).toBe(0);
  expect(await gardenState(repo.path('content'))).toEqual(before);
  return result.stderr;
}

describe.skipIf(!existsSync(handbook))('renames in the Sourcegraph handbook', () => {
  it('renames nomad-life.md: the three notes that link to it follow, nothing else changes', async () => {
    const repo = copyInRepository(handbook);
    const from = 'benefits-pay-perks/benefits-perks/nomad-life.md';
    const to = 'benefits-pay-perks/benefits-perks/working-remotely.md';
    const untouched = filesUnder(repo.path('content'));
    const dryRun = await runGarden(['mv', `content/${from}`, `content/${to}`, '--dry-run'], { cwd: repo.root });
    expect(dryRun.stderr).toContain('would rewrite 3 links in 3 notes');
    expect(filesUnder(repo.path('content'))).toEqual(untouched);

    expect(await moveKeepsTheGarden(repo, from, to)).toContain('rewrote 3 links in 3 notes');
    expect(repo.git('status', '--porcelain').split('\n').sort()).toEqual([
      ' M content/company-info-and-process/policies/acceptable-use-policy.md',
      ' M content/departments/people-talent/index.md',
      ' M content/departments/people-talent/people-talent-resources.md',
      `R  content/${from} -> content/${to}`,
    ]);
  }, SLOW);

  it('moves a folder of 89 files; a web-editor rename of it is repaired by fix-links to the same text', async () => {
    const repo = copyInRepository(handbook);
    expect(await moveKeepsTheGarden(repo, 'departments/people-talent', 'people')).toMatch(/rewrote \d{3} links in \d+ notes/);

    const other = copyInRepository(handbook);
    other.git('switch', '--quiet', '-c', 'rename');
    other.move('content/departments/people-talent', 'content/people');
    other.commit('move the people team\'s pages');
    const fixed = await runGarden(['fix-links', '--base', 'main'], { cwd: other.root });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(filesUnder(other.path('content'))).toEqual(filesUnder(repo.path('content')));
  }, SLOW);
});

describe.skipIf(!existsSync(vault))('renames in the Obsidian vault', () => {
  it('renames a much-linked note and moves a folder of wikilinked notes', async () => {
    const repo = copyInRepository(vault);
    await moveKeepsTheGarden(repo, 'Getting Started/Dates.md', 'Getting Started/Task dates.md');
    await moveKeepsTheGarden(repo, 'Getting Started', 'Start here');
  }, SLOW);
});
