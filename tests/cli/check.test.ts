import { symlinkSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReportJson } from '../../src/cli/check-report.ts';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { runGarden } from '../support/cli.ts';
import { TempRepo } from '../support/git-repo.ts';

/**
 * A garden with one of each problem, at known lines. Each line of `index.md` holds one kind of
 * broken link so that the expected positions read straight from the file.
 */
const problems = {
  'content/index.md': [
    '# Home', //                                   1
    '', //                                         2
    'See [[Guide]] and [[Guid]].', //              3  broken-link, did you mean "Guide"
    'Read [[Guide#Nope]].', //                     4  broken-anchor
    'Ask [[Same]].', //                            5  ambiguous-link
    '![chart](chart.png)', //                      6  missing-attachment
    'Plan: [[Secret]].', //                        7  link-to-draft
    'Up: [outside](../../outside.md).', //         8  link-outside-content
    '',
  ].join('\n'),
  'content/Guide.md': '# Guide\n\n## Setup\n',
  'content/a/Same.md': '# Same in a\n',
  'content/b/Same.md': '# Same in b\n',
  'content/Secret.md': '---\ndraft: true\n---\n# Secret\n',
  'content/Broken yaml.md': '---\ntitle: ok\ntags: [unclosed\n---\n# Broken\n',
  'content/Typo.md': '---\ntitle: Typo\ntitel: Typo\n---\n# Typo\n',
  'content/Bad value.md': '---\ntitle: Bad\nid: "has space"\n---\n',
  'content/Unclosed.md': '---\ntitle: never closed\n\n# Unclosed\n',
  'content/First.md': '---\nid: same-id\n---\n# First\n',
  'content/Second.md': '---\nid: same-id\n---\n# Second\n',
  'content/My Note.md': '# My Note\n',
  'content/my-note.md': '# my-note\n',
  'content/tags/Mine.md': '# Mine\n',
  'content/Big.md': `# Big\n\n${'x'.repeat(1024 * 1024)}\n`,
  'content/Latin1.md': Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
};

let repo: TempRepo;
beforeAll(() => {
  repo = new TempRepo();
  repo.write(problems);
  symlinkSync('Guide.md', repo.path('content', 'Link.md'));
  repo.commit('a garden with problems');
});

const json = (stdout: string) => JSON.parse(stdout) as CheckReportJson;
const short = (report: CheckReportJson) =>
  report.diagnostics.map((d) => `${d.file}:${d.line ?? '-'}:${d.column ?? '-'} ${d.severity} ${d.rule}`);

describe('garden check', () => {
  it('reports every problem with its rule, file, line and column, and exits 1', async () => {
    const result = await runGarden(['check', '--format', 'json'], { cwd: repo.root });
    expect(result.code).toBe(1);
    const report = json(result.stdout);
    expect(short(report)).toEqual([
      'Bad value.md:3:5 error frontmatter-invalid',
      'Big.md:-:- error file-too-large',
      'Broken yaml.md:3:16 error frontmatter-syntax',
      'Latin1.md:1:6 error invalid-utf8',
      'Link.md:-:- error symlink',
      'Second.md:2:5 error duplicate-id',
      'Typo.md:3:8 warning frontmatter-unknown-key',
      'Unclosed.md:1:1 error frontmatter-unclosed',
      'index.md:3:19 error broken-link',
      'index.md:4:6 warning broken-anchor',
      'index.md:5:5 warning ambiguous-link',
      'index.md:6:1 error missing-attachment',
      'index.md:7:7 warning link-to-draft',
      'index.md:8:5 warning link-outside-content',
      'my-note.md:-:- error slug-collision',
      'tags/Mine.md:-:- error reserved-slug',
    ]);
    expect(report.summary).toEqual({ errors: 11, warnings: 5, info: 0 });
    // Link.md is refused before it becomes a note; Big.md is refused unread and kept unpublished,
    // as a draft, a collision and a reserved address are.
    expect(report.notes).toEqual({ total: 16, published: 12 });
    const byRule = new Map(report.diagnostics.map((d) => [d.rule, d]));
    expect(byRule.get('broken-link')).toMatchObject({ path: 'content/index.md', hint: 'Did you mean "Guide"?' });
    expect(byRule.get('frontmatter-unknown-key')?.message).toContain('did you mean `title`?');
    expect(byRule.get('ambiguous-link')?.message).toContain('a/Same.md, b/Same.md');
    expect(byRule.get('broken-anchor')?.message).toContain('"Nope"');
  });

  it('reports exactly what the build reports: the same index and resolver', async () => {
    const result = await runGarden(['check', '--format', 'json', '--verbose'], { cwd: repo.root });
    const garden = await loadGarden(resolveGardenConfig({}, {}, repo.root), { history: true });
    expect(json(result.stdout).diagnostics.map((d) => [d.file, d.line, d.column, d.rule, d.message])).toEqual(
      garden.diagnostics.map((d) => [d.file, d.at?.line ?? null, d.at?.column ?? null, d.rule, d.message]),
    );
  });

  it('prints `file:line:col  severity  rule  message` lines, paths relative to where it runs', async () => {
    const result = await runGarden(['check'], { cwd: repo.root });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(16);
    expect(lines).toContain(
      'content/index.md:3:19  error  broken-link  [[Guid]] does not match any note or file in the garden. Did you mean "Guide"?',
    );
    expect(lines).toContain(
      'content/Link.md  error  symlink  Symbolic links are not followed: they could point outside the content folder. Replace the link with the file itself, or link to the note with [[…]].',
    );
    expect(result.stderr).toMatch(/✗ 11 errors, 5 warnings \(checked 16 notes in [\d.]+ s\)\. Errors must be fixed before merging\./);
    // Not a terminal: no colour codes.
    expect(result.stdout + result.stderr).not.toContain('\x1b[');

    const inside = await runGarden(['check', 'index.md'], { cwd: repo.path('content') });
    expect(inside.stdout.split('\n')[0]).toMatch(/^index\.md:3:19 {2}error {2}broken-link/);
  });

  it('colours the report on a terminal, or when asked', async () => {
    const result = await runGarden(['check', '--color', 'Typo.md'], { cwd: repo.path('content') });
    expect(result.stdout).toContain('\x1b[33mwarning\x1b[39m');
    const forced = await runGarden(['check', 'Typo.md'], { cwd: repo.path('content'), env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\x1b[');
  });

  it('writes GitHub workflow annotations with repository-relative paths', async () => {
    const result = await runGarden(['check', '--format', 'github', 'content/index.md'], {
      cwd: repo.root,
      env: { GITHUB_WORKSPACE: repo.root },
    });
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      '::error file=content/index.md,line=3,col=19,title=broken-link (error)::[[Guid]] does not match any note or file in the garden. Did you mean "Guide"?',
      '::warning file=content/index.md,line=4,col=6,title=broken-anchor (warning)::[[Guide#Nope]]: the heading or block "Nope" does not exist in the target note. Check the heading text, or link to the note without the anchor.',
      '::warning file=content/index.md,line=5,col=5,title=ambiguous-link (warning)::[[Same]] matches 2 notes (a/Same.md, b/Same.md); it links to a/Same.md. Add the folder to the link to choose, e.g. [[folder/Name]].',
      '::error file=content/index.md,line=6,col=1,title=missing-attachment (error)::`chart.png` does not match any note or file in the garden. Check the spelling, or create the note it points to.',
      '::warning file=content/index.md,line=7,col=7,title=link-to-draft (warning)::[[Secret]] points at Secret.md, which is not published; the link is shown as plain text. Publish the target note, or remove the link.',
      '::warning file=content/index.md,line=8,col=5,title=link-outside-content (warning)::`../../outside.md` points outside the content folder; such links are never followed and are shown as plain text. Link only to notes and files inside the garden, or use a full https:// address.',
    ]);
  });

  it('reports only the paths given (files or folders), and exits 0 when they have no errors', async () => {
    const folder = await runGarden(['check', '--format', 'json', 'content/a', 'content/Guide.md'], { cwd: repo.root });
    expect(folder.code).toBe(0);
    expect(json(folder.stdout)).toMatchObject({ paths: ['a', 'Guide.md'], diagnostics: [], summary: { errors: 0, warnings: 0, info: 0 } });
    expect(folder.stderr).toBe('');

    const warningsOnly = await runGarden(['check', 'content/Typo.md'], { cwd: repo.root });
    expect(warningsOnly.code).toBe(0);
    expect(warningsOnly.stderr).toMatch(/! 0 errors, 1 warning in content\/Typo\.md/);
  });

  it('exits 0 on a clean garden, and lists notices only with --verbose', async () => {
    const clean = new TempRepo();
    clean.write({ 'content/index.md': '---\ncssclass: wide\n---\n# Home\n\n[[Other]]\n', 'content/Other.md': '# Other\n' }).commit('clean');
    const result = await runGarden(['check'], { cwd: clean.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^✓ No problems \(checked 2 notes in [\d.]+ s\) \(1 notices: --verbose lists them\)\.\n$/);
    const verbose = await runGarden(['check', '--verbose'], { cwd: clean.root });
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toMatch(/^content\/index\.md:2:11 {2}info {2}frontmatter-unknown-key {2}Unknown frontmatter field `cssclass`/);
  });

  it('groups more than ten problems of one kind: three examples and a count, and --verbose lists every one', async () => {
    const vault = new TempRepo();
    const notes: Record<string, string> = { 'content/index.md': '# Home\n' };
    for (let index = 1; index <= 12; index++)
      notes[`content/Day ${String(index).padStart(2, '0')}.md`] = `---\ncreated: 2024-02-30\naliases: Day ${index}\n---\n# Day ${index}\n`;
    vault.write(notes).commit('days');
    const result = await runGarden(['check'], { cwd: vault.root });
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      'content/Day 01.md:2:10  warning  frontmatter-invalid  `created: 2024-02-30` is not a real calendar date. Write a date that exists, like `created: 2024-05-31`; until then the date from git is shown.',
      'content/Day 02.md:2:10  warning  frontmatter-invalid  `created: 2024-02-30` is not a real calendar date. Write a date that exists, like `created: 2024-05-31`; until then the date from git is shown.',
      'content/Day 03.md:2:10  warning  frontmatter-invalid  `created: 2024-02-30` is not a real calendar date. Write a date that exists, like `created: 2024-05-31`; until then the date from git is shown.',
      '  … and 9 more frontmatter-invalid warnings (12 in 12 notes): `created` is not a real date. --verbose lists every one.',
    ]);
    expect(result.stderr).toMatch(/! 0 errors, 12 warnings \(checked 13 notes in [\d.]+ s\) \(12 notices: --verbose lists them\)\./);
    const verbose = await runGarden(['check', '--verbose'], { cwd: vault.root });
    expect(verbose.stdout.trimEnd().split('\n')).toHaveLength(24);
    expect(verbose.stdout).toContain(
      'content/Day 12.md:3:10  info  frontmatter-read-as  `aliases: Day 12` is one value; it is read as a list of one.',
    );
  });

  it("reads the git history as the build does: a new note on a renamed note's old address is a notice", async () => {
    const renamed = new TempRepo();
    renamed.write({ 'content/Plan.md': '# Plan\n\nEnough words for git to see that this note was renamed later on.\n' }).commit('plan');
    renamed.move('content/Plan.md', 'content/Roadmap.md').commit('rename');
    renamed.write({ 'content/Plan.md': '# A new plan\n' }).commit('new plan');
    const result = await runGarden(['check', '--verbose'], { cwd: renamed.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'content/Roadmap.md  info  redirect-collision  The old address /plan/ (from its earlier path Plan.md) is not redirected here: ' +
        'Plan.md is published there. Nothing to do: the page there now wins over the old address.\n',
    );
  });

  it('exits 2 on usage errors: bad option, bad format, missing path, path outside the garden, no garden', async () => {
    for (const argv of [
      ['check', '--fromat', 'json'],
      ['check', '--format', 'xml'],
      ['check', 'content/Nope.md'],
      ['check', 'README.md'],
      ['check', '--content', 'nowhere'],
    ]) {
      const result = await runGarden(argv, { cwd: repo.root });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^garden: /);
    }
  });

  it('explains itself with --help', async () => {
    const result = await runGarden(['check', '--help'], { cwd: repo.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: garden check [--format human|github|json] [paths…]');
    expect(result.stdout).toContain('Exit code: 0 no errors (warnings allowed), 1 errors found, 2 the check could not run.');
  });
});
