import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeDiff } from '../../src/core/diff/compare.ts';
import { code, text } from '../../src/core/diff/markdown.ts';
import { runGarden } from '../support/cli.ts';
import { TempRepo } from '../support/git-repo.ts';

const long = (title: string) => `# ${title}\n\nEnough words in this note for git to recognise it when it moves to another folder.\n`;

/**
 * main: Home → Guide, Team, Old place; Guide → Team, Solo; Team → Doomed; Doomed → Guide.
 * The branch adds a question (uncommitted), moves Old place, deletes Doomed, drops Guide's link to
 * Solo and changes Guide's id. main moves on after the branch starts (that is not the branch's).
 */
let repo: TempRepo;
let diff: KnowledgeDiff & { base: string; commit: string };
let markdown: string;

beforeAll(async () => {
  repo = new TempRepo();
  repo.write({
    'content/index.md': '# Home\n\n[[Guide]], [[Team]] and [[Old place]].\n',
    'content/Guide.md': '---\nid: guide-1\n---\n# Guide\n\nAsk the [[Team]]. Read [[Solo]].\n',
    'content/Team.md': '# Team\n\nWe keep [[Doomed]] for now.\n',
    'content/Old place.md': long('Old place'),
    'content/Doomed.md': '# Doomed\n\nBack to the [[Guide]].\n',
    'content/Solo.md': long('Solo'),
    'content/Lonely.md': long('Lonely'),
  });
  const start = repo.commit('the garden on main');
  repo.git('switch', '--quiet', '-c', 'feature');
  repo.move('content/Old place.md', 'content/Places/New place.md');
  repo.remove('content/Doomed.md');
  repo.write({
    'content/index.md': '# Home\n\n[[Guide]], [[Team]] and [[New place]].\n',
    'content/Guide.md': '---\nid: guide-2\n---\n# Guide\n\nAsk the [[Team]].\n',
  });
  repo.commit('reorganise');
  repo.git('switch', '--quiet', 'main');
  repo.write({ 'content/Main only.md': '# Main only\n' }).commit('later on main');
  repo.git('switch', '--quiet', 'feature');
  // Not committed yet: the diff covers the working folder.
  repo.write({ 'content/FAQ/New question.md': '# New question\n\nSee the [[Guide]], [[Lonely]] and [[Nowhere]].\n' });

  const json = await runGarden(['diff', '--base', 'main', '--format', 'json'], { cwd: repo.root });
  expect(json.stderr).toBe('');
  expect(json.code).toBe(0);
  diff = JSON.parse(json.stdout);
  expect(diff.commit).toBe(start);
  const md = await runGarden(['diff', '--base', 'main'], { cwd: repo.root });
  expect(md.code).toBe(0);
  markdown = md.stdout;
});

const paths = (notes: { path: string }[]) => notes.map((note) => note.path);
const link = (l: { source: { path: string }; target: { path: string } }) => `${l.source.path} → ${l.target.path}`;

describe('garden diff', () => {
  it('lists notes added, changed, renamed and removed since the branch left main', () => {
    expect(paths(diff.added)).toEqual(['FAQ/New question.md']);
    expect(paths(diff.removed)).toEqual(['Doomed.md']);
    expect(diff.renamed.map((r) => `${r.from.path} → ${r.to.path} ${r.contentChanged}`)).toEqual([
      'Old place.md → Places/New place.md false',
    ]);
    expect(diff.changed.map((c) => c.note.path)).toEqual(['Guide.md', 'index.md']);
  });

  it('lists links added and removed, a renamed note keeping its links', () => {
    expect(diff.linksAdded.map(link)).toEqual(['FAQ/New question.md → Guide.md', 'FAQ/New question.md → Lonely.md']);
    expect(diff.linksRemoved.map(link).sort()).toEqual(['Doomed.md → Guide.md', 'Guide.md → Solo.md', 'Team.md → Doomed.md']);
  });

  it('lists notes that gained backlinks, new unresolved links, new orphans and changed ids', () => {
    expect(diff.gainedBacklinks.map((g) => `${g.note.path} ← ${paths(g.from).join(', ')}`)).toEqual([
      'Guide.md ← FAQ/New question.md',
      'Lonely.md ← FAQ/New question.md',
    ]);
    expect(diff.newUnresolved.map((u) => `${u.source.path}:${u.line} ${u.target}`)).toEqual([
      'FAQ/New question.md:3 Nowhere',
      'Team.md:3 Doomed',
    ]);
    expect(diff.newOrphans.map((o) => `${o.note.path} ${o.wasLinked}`)).toEqual(['FAQ/New question.md false', 'Solo.md true']);
    expect(diff.idsChanged.map((c) => `${c.note.path} ${c.before} → ${c.after}`)).toEqual(['Guide.md guide-1 → guide-2']);
  });

  it('writes it as Markdown for the pull request', () => {
    expect(markdown).toContain(`Compared with \`main\` at \`${diff.commit.slice(0, 12)}\`.`);
    expect(markdown).toContain('**1 note added · 2 changed · 1 renamed or moved · 1 removed · 2 links added · 3 links removed**');
    expect(markdown).toContain('### Notes added (1)\n\n- **New question** `FAQ/New question.md`\n');
    expect(markdown).toContain(
      '### Notes renamed or moved (1)\n\n- `Old place.md` → `Places/New place.md` (the old address `/old-place/` redirects to the new one)\n',
    );
    expect(markdown).toContain('### Notes that gained backlinks (2)\n\n- **Guide** ← New question\n- **Lonely** ← New question\n');
    expect(markdown).toContain('### New unresolved links (2)\n\n- `FAQ/New question.md:3` links to `Nowhere`, which does not exist\n');
    expect(markdown).toContain('- **Solo** `Solo.md`: was linked before this change');
    expect(markdown).toContain('### Changed ids (1)\n\n- **Guide** `Guide.md`: `guide-1` → `guide-2`.');
    expect(markdown).not.toContain('Main only');
  });

  it('says so when nothing changed', async () => {
    const clean = new TempRepo();
    clean.write({ 'content/index.md': '# Home\n' }).commit('start');
    const result = await runGarden(['diff', '--base', 'HEAD'], { cwd: clean.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No notes or links changed.');
  });

  it("finds the base by itself: the pull request's base branch on GitHub, else main", async () => {
    const byDefault = await runGarden(['diff', '--format', 'json'], { cwd: repo.root });
    expect(JSON.parse(byDefault.stdout)).toMatchObject({ base: 'main', commit: diff.commit });
    repo.git('update-ref', 'refs/remotes/origin/release', 'main');
    const onGitHub = await runGarden(['diff', '--format', 'json'], { cwd: repo.root, env: { GITHUB_BASE_REF: 'release' } });
    expect(JSON.parse(onGitHub.stdout)).toMatchObject({ base: 'origin/release', commit: diff.commit });
  });

  it('treats a content folder that did not exist at the base as all new', async () => {
    const fresh = new TempRepo();
    fresh.write({ 'README.md': 'code only\n' }).commit('before the garden');
    fresh.write({ 'content/index.md': '# Home\n\n[[A]]\n', 'content/A.md': '# A\n' });
    const result = await runGarden(['diff', '--base', 'HEAD', '--format', 'json'], { cwd: fresh.root });
    expect(paths(JSON.parse(result.stdout).added)).toEqual(['A.md', 'index.md']);
  });

  it('leaves the repository as it was', () => {
    expect(repo.git('status', '--porcelain')).toBe('?? content/FAQ/');
    expect(repo.git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('exits 2 when it cannot compare: unknown base, no git, stray arguments', async () => {
    const unknown = await runGarden(['diff', '--base', 'no-such-branch'], { cwd: repo.root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"no-such-branch" is not a branch, tag or commit here.');
    const plain = mkdtempSync(path.join(tmpdir(), 'garden-plain-'));
    writeFileSync(path.join(plain, 'index.md'), '# Home\n');
    const noGit = await runGarden(['diff', '--base', 'main', '--content', '.'], { cwd: plain });
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toContain('not in a git repository');
    expect((await runGarden(['diff', 'main'], { cwd: repo.root })).code).toBe(2);
    expect((await runGarden(['diff', '--base', '--help'], { cwd: repo.root })).code).toBe(2);
  });

  it('explains itself with --help', async () => {
    const result = await runGarden(['diff', '--help'], { cwd: repo.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: garden diff [--base <git ref>]');
  });
});

describe('Markdown escaping of note titles and paths', () => {
  it('keeps titles from adding markup, links or mentions', () => {
    expect(text('**Bold** [x](javascript:alert(1)) <img> @team #1')).toBe(
      '\\*\\*Bold\\*\\* \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<img\\> \\@team \\#1',
    );
    expect(code('a `tick`.md')).toBe('``a `tick`.md``');
    expect(code('`edge`')).toBe('`` `edge` ``');
  });
});
