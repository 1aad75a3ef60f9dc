import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';
import { runGarden } from '../support/cli.ts';
import { filesUnder, gardenState, renamer } from '../support/garden-state.ts';
import { TempRepo } from '../support/git-repo.ts';

/**
 * `garden mv` and `garden fix-links` on a copy of each real corpus: after a note and then a folder
 * move, every problem `garden check` reports, every edge and every unresolved link of graph.json are
 * the same (by path) as before. Each reading of the 883-note handbook takes seconds, so each corpus
 * is copied once, and read once before the moves and once after them.
 */
const corpora = path.resolve(projectRoot, '..', 'shared', 'corpora');
const handbook = path.join(corpora, 'sourcegraph-handbook');
const vault = path.join(corpora, 'obsidian-tasks-docs');
/** Each test reads the handbook up to three times (the moves and fix-links read it too); on a loaded machine that takes many minutes. */
const SLOW = 900_000;
const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) rmSync(repo.root, { recursive: true, force: true });
});

interface Move {
  from: string;
  to: string;
}

function copyInRepository(corpus: string): TempRepo {
  const repo = new TempRepo('garden-rename-corpus-');
  repos.push(repo);
  cpSync(corpus, repo.path('content'), { recursive: true });
  repo.commit('the corpus');
  return repo;
}

/** The garden's state now, its paths renamed as the moves, in order, will rename them. */
function stateAfter(repo: TempRepo, moves: Move[]) {
  return gardenState(repo.path('content'), (file) => moves.reduce((current, move) => renamer(move.from, move.to)(current), file));
}

/** `garden mv`, which must succeed; returns what it reported. */
async function move(repo: TempRepo, { from, to }: Move): Promise<string> {
  const result = await runGarden(['mv', `content/${from}`, `content/${to}`], { cwd: repo.root });
  expect(result.code, result.stderr).toBe(0);
  return result.stderr;
}

describe.skipIf(!existsSync(handbook))('renames in the Sourcegraph handbook', () => {
  // One copy, renamed step by step: the tests run in order, the second on what the first left.
  const note = { from: 'benefits-pay-perks/benefits-perks/nomad-life.md', to: 'benefits-pay-perks/benefits-perks/working-remotely.md' };
  const folder = { from: 'departments/people-talent', to: 'people' };
  let repo: TempRepo;
  let expected: Awaited<ReturnType<typeof stateAfter>>;
  beforeAll(async () => {
    repo = copyInRepository(handbook);
    expected = await stateAfter(repo, [note, folder]);
  }, SLOW);

  it(
    'renames nomad-life.md: the three notes that link to it follow, nothing else changes',
    async () => {
      const untouched = filesUnder(repo.path('content'));
      const dryRun = await runGarden(['mv', `content/${note.from}`, `content/${note.to}`, '--dry-run'], { cwd: repo.root });
      expect(dryRun.stderr).toContain('would rewrite 3 links in 3 notes');
      expect(filesUnder(repo.path('content'))).toEqual(untouched);

      expect(await move(repo, note)).toContain('rewrote 3 links in 3 notes');
      expect(repo.git('status', '--porcelain').split('\n').sort()).toEqual([
        ' M content/company-info-and-process/policies/acceptable-use-policy.md',
        ' M content/departments/people-talent/index.md',
        ' M content/departments/people-talent/people-talent-resources.md',
        `R  content/${note.from} -> content/${note.to}`,
      ]);
      repo.commit('rename nomad-life');
    },
    SLOW,
  );

  it(
    'then moves a folder of 89 files, the garden staying the same; a web-editor move of it is repaired by fix-links to the same text',
    async () => {
      repo.git('branch', 'before-the-folder-move');
      expect(await move(repo, folder)).toMatch(/rewrote \d{3} links in \d+ notes/);
      expect(await gardenState(repo.path('content'))).toEqual(expected);

      const byMv = filesUnder(repo.path('content'));
      repo.commit("move the people team's pages with garden mv");
      repo.git('switch', '--quiet', '-c', 'web-editor', 'before-the-folder-move');
      repo.move(`content/${folder.from}`, `content/${folder.to}`);
      repo.commit("move the people team's pages");
      const fixed = await runGarden(['fix-links', '--base', 'before-the-folder-move'], { cwd: repo.root });
      expect(fixed.code, fixed.stderr).toBe(0);
      expect(filesUnder(repo.path('content'))).toEqual(byMv);
    },
    SLOW,
  );
});

describe.skipIf(!existsSync(vault))('renames in the Obsidian vault', () => {
  it(
    'renames a much-linked note and moves a folder of wikilinked notes',
    async () => {
      const repo = copyInRepository(vault);
      const moves = [
        { from: 'Getting Started/Dates.md', to: 'Getting Started/Task dates.md' },
        { from: 'Getting Started', to: 'Start here' },
      ];
      const expected = await stateAfter(repo, moves);
      for (const each of moves) await move(repo, each);
      expect(await gardenState(repo.path('content'))).toEqual(expected);
    },
    SLOW,
  );
});
