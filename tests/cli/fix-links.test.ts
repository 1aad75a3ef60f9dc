import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';
import { runGarden } from '../support/cli.ts';
import { filesUnder } from '../support/garden-state.ts';
import { isolatedGitEnv, TempRepo } from '../support/git-repo.ts';

/**
 * A pull request as the GitHub web editor makes it: a branch that renames a note and a folder
 * (plain `git mv`, links left as they were), on top of `main`. `garden fix-links --base main`
 * must produce the patch that makes `garden check` pass, and the same text `garden mv` writes.
 */
const fixture = path.join(projectRoot, 'tests', 'fixtures', 'rename');
const repos: TempRepo[] = [];
afterAll(() => {
  for (const repo of repos) rmSync(repo.root, { recursive: true, force: true });
});

function repository(): TempRepo {
  const repo = new TempRepo('garden-fix-links-');
  repos.push(repo);
  cpSync(fixture, repo.path('content'), { recursive: true });
  repo.commit('the garden on main');
  return repo;
}

/** The renames of the pull request, made without the garden: links still name the old paths. */
function renameAsTheWebEditorDoes(repo: TempRepo, options: { commit: boolean } = { commit: true }): void {
  repo.move('content/Policies/Nomad life.md', 'content/Handbook/Working remotely.md');
  repo.move('content/Guides', 'content/Manuals');
  if (options.commit) repo.commit('Rename the nomad policy, the guides become manuals');
}

const files = filesUnder;

const garden = (repo: TempRepo, ...args: string[]) => runGarden(args, { cwd: repo.root });

describe('garden fix-links', () => {
  it("turns a pull request's renames into a patch that makes the check pass, the same fix as garden mv", async () => {
    const repo = repository();
    repo.git('switch', '--quiet', '-c', 'rename');
    renameAsTheWebEditorDoes(repo);
    const broken = await garden(repo, 'check');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('error  broken-link  [[Nomad life]] does not match any note or file in the garden.');

    const before = files(repo.path('content'));
    const dryRun = await garden(repo, 'fix-links', '--base', 'main', '--dry-run');
    expect(dryRun.code).toBe(0);
    expect(dryRun.stderr).toContain('Dry run: would fix 23 links in 5 notes. Nothing was changed.');
    expect(files(repo.path('content'))).toEqual(before);
    expect(dryRun.stdout).toContain('diff --git a/content/index.md b/content/index.md');
    expect(dryRun.stdout).toContain('+- A folder: [the guides](Manuals/) and [[Manuals]].');

    writeFileSync(repo.path('fix-links.patch'), `${dryRun.stdout}`);
    execFileSync('git', ['apply', 'fix-links.patch'], { cwd: repo.root, env: { ...process.env, ...isolatedGitEnv } });
    rmSync(repo.path('fix-links.patch'));
    const fixed = await garden(repo, 'check');
    expect(fixed.stderr).toContain('✓ No problems');
    expect(fixed.code).toBe(0);

    // The same renames made with `garden mv` write exactly the same notes.
    const other = repository();
    expect((await garden(other, 'mv', 'content/Policies/Nomad life.md', 'content/Handbook/Working remotely.md')).code).toBe(0);
    expect((await garden(other, 'mv', 'content/Guides', 'content/Manuals')).code).toBe(0);
    expect(files(repo.path('content'))).toEqual(files(other.path('content')));

    // Nothing left to fix.
    const again = await garden(repo, 'fix-links', '--base', 'main', '--dry-run', '--format', 'markdown');
    expect(again).toMatchObject({ code: 0, stdout: '' });
    expect(again.stderr).toContain('No link is broken by a rename since main.');
  });

  it('writes a job summary section with one line on how to apply the patch, only when there is something to fix', async () => {
    const repo = repository();
    const nothing = await garden(repo, 'fix-links', '--base', 'main', '--dry-run', '--format', 'markdown');
    expect(nothing).toMatchObject({ code: 0, stdout: '' });

    repo.git('switch', '--quiet', '-c', 'rename');
    renameAsTheWebEditorDoes(repo);
    const summary = await garden(repo, 'fix-links', '--base', 'main', '--dry-run', '--format', 'markdown');
    expect(summary.code).toBe(0);
    const lines = summary.stdout.split('\n');
    expect(lines[0]).toBe('## Links broken by renames: the fix');
    expect(lines.filter((line) => line.startsWith('**To apply it**'))).toEqual([
      "**To apply it**, run `npx garden fix-links --base main` in your clone and commit, or save the patch as `fix-links.patch` and run `git apply fix-links.patch` (from the web editor: make the `+` lines' changes in the files named).",
    ]);
    // The note's own backticks (``…`` in a code span) cannot close the block around the patch.
    const fence = lines.find((line) => /^`{3,}diff$/.test(line))!;
    expect(fence.length - 'diff'.length).toBeGreaterThan(3);
    expect(lines.filter((line) => line !== '').at(-1)).toBe(fence.replace('diff', ''));
  });

  it('without --base, learns the renames from the history and from renames not committed yet, and fixes in place', async () => {
    const committed = repository();
    renameAsTheWebEditorDoes(committed);
    const fromHistory = await garden(committed, 'fix-links');
    expect(fromHistory.stderr).toContain('✓ Fixed 23 links in 5 notes.');
    expect(fromHistory.stdout).toContain('index.md:10:15  Nomad life → Working remotely');
    expect((await garden(committed, 'check')).code).toBe(0);

    const uncommitted = repository();
    renameAsTheWebEditorDoes(uncommitted, { commit: false });
    expect((await garden(uncommitted, 'fix-links')).code).toBe(0);
    expect(files(uncommitted.path('content'))).toEqual(files(committed.path('content')));
  });

  it('needs git, and refuses --format without --dry-run', async () => {
    const repo = repository();
    const format = await garden(repo, 'fix-links', '--format', 'markdown');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format chooses how --dry-run prints the fix');
    const plain = mkdtempSync(path.join(tmpdir(), 'garden-fix-links-plain-'));
    cpSync(fixture, plain, { recursive: true });
    const outside = await runGarden(['fix-links', '--content', plain], { cwd: plain });
    rmSync(plain, { recursive: true, force: true });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('not in a git repository');
  });
});
