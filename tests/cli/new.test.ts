import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fileNameForTitle, fillTemplate, newNoteId } from '../../src/core/new-note/new-note.ts';
import { splitFrontmatter } from '../../src/core/scan/frontmatter.ts';
import { NOTE_TYPES } from '../../src/core/scan/schema.ts';
import { runGarden } from '../support/cli.ts';
import { TempRepo } from '../support/git-repo.ts';
import { projectRoot } from '../support/build-site.ts';

/** The templates shipped with the example garden, copied into each test repository. */
const shippedTemplates = path.join(projectRoot, 'content', 'templates');
const now = new Date(2024, 4, 31, 9, 30);

let repo: TempRepo;
beforeEach(() => {
  repo = new TempRepo();
  repo.write({ 'content/index.md': '# Home\n' });
  cpSync(shippedTemplates, repo.path('content', 'templates'), { recursive: true });
  repo.commit('start');
});

const frontmatterOf = (file: string) => splitFrontmatter(readFileSync(file, 'utf8')).data ?? {};

describe('garden new', () => {
  it.each(NOTE_TYPES)('creates a %s note from its template, with every field filled in', async (type) => {
    const result = await runGarden(['new', `A ${type} about onboarding`, '--type', type, '--tag', 'onboarding'], { cwd: repo.root, now });
    expect(result.code).toBe(0);
    const printed = result.stdout.trim();
    expect(printed).toBe(`content/A ${type} about onboarding.md`);
    const text = readFileSync(repo.path(printed), 'utf8');
    const fields = frontmatterOf(repo.path(printed));
    expect(fields).toMatchObject({
      title: `A ${type} about onboarding`,
      type,
      owner: 'Test Author',
      created: '2024-05-31',
      tags: [type, 'onboarding'],
    });
    expect(fields.id).toMatch(/^[0-9a-z]{12}$/);
    // The body is the template's, with its placeholders filled in and its own description dropped.
    const template = readFileSync(path.join(shippedTemplates, `${type}.md`), 'utf8');
    const firstSection = /^## .+$/m.exec(template)![0];
    expect(text).toContain(firstSection);
    expect(text).toContain(`# A ${type} about onboarding\n`);
    expect(text).not.toContain('{{');
    expect(text.split('\n')[1]).toBe(`title: "A ${type} about onboarding"`);

    // A note fresh from its template passes the check.
    const check = await runGarden(['check', printed], { cwd: repo.root });
    expect(check.stdout).toBe('');
    expect(check.code).toBe(0);
  });

  it('creates a plain note without --type, and gives every note its own id', async () => {
    const first = await runGarden(['new', 'First thoughts'], { cwd: repo.root, now });
    const second = await runGarden(['new', 'Second thoughts'], { cwd: repo.root, now });
    expect([first.code, second.code]).toEqual([0, 0]);
    const a = frontmatterOf(repo.path(first.stdout.trim()));
    const b = frontmatterOf(repo.path(second.stdout.trim()));
    expect(a.type).toBeUndefined();
    expect(a.title).toBe('First thoughts');
    expect(a.id).not.toBe(b.id);
  });

  it('never overwrites a file, nor creates a second note at the same address', async () => {
    const first = await runGarden(['new', 'Team rituals', '--type', 'howto'], { cwd: repo.root, now });
    const file = repo.path(first.stdout.trim());
    writeFileSync(file, 'my own words\n');
    const again = await runGarden(['new', 'Team rituals', '--type', 'faq'], { cwd: repo.root, now });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('content/Team rituals.md already exists');
    expect(readFileSync(file, 'utf8')).toBe('my own words\n');

    // `team-rituals.md` would be published at the same address as `Team rituals.md`.
    const clash = await runGarden(['new', 'team-rituals'], { cwd: repo.root, now });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('already has the address /team-rituals/');
    expect(existsSync(repo.path('content', 'team-rituals.md'))).toBe(false);
  });

  it('puts the note in --folder, reusing an existing folder whatever its case, creating new ones', async () => {
    repo.write({ 'content/FAQ/Existing.md': '# Existing\n' });
    const existing = await runGarden(['new', 'Where is the office', '--type', 'faq', '--folder', 'faq'], { cwd: repo.root, now });
    expect(existing.stdout.trim()).toBe('content/FAQ/Where is the office.md');
    const created = await runGarden(['new', 'Deploying', '--folder', 'Engineering/Runbooks'], { cwd: repo.root, now });
    expect(created.stdout.trim()).toBe('content/Engineering/Runbooks/Deploying.md');
    expect(existsSync(repo.path('content/Engineering/Runbooks/Deploying.md'))).toBe(true);
  });

  it('prints the path relative to where it runs, and finds the content folder from a subfolder', async () => {
    repo.write({ 'content/FAQ/Existing.md': '# Existing\n' });
    const result = await runGarden(['new', 'Parking', '--folder', 'FAQ'], { cwd: repo.path('content', 'FAQ'), now });
    // No astro.config.mjs in this repository: the `content` folder at the repository's root.
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('Parking.md');
  });

  it('takes the owner from --owner, else from git config user.name, else leaves it out', async () => {
    const given = await runGarden(['new', 'Given owner', '--owner', 'Ada Lovelace'], { cwd: repo.root, now });
    expect(frontmatterOf(repo.path(given.stdout.trim())).owner).toBe('Ada Lovelace');
    repo.git('config', '--unset', 'user.name');
    const none = await runGarden(['new', 'Nobody owns this'], { cwd: repo.root, now });
    expect(none.code).toBe(0);
    expect(frontmatterOf(repo.path(none.stdout.trim())).owner ?? undefined).toBeUndefined();
    expect(none.stderr).toContain('No owner');
  });

  it('uses a minimal template when the templates folder has none, and says so', async () => {
    repo.remove('content/templates');
    const result = await runGarden(['new', 'Bare', '--type', 'decision'], { cwd: repo.root, now });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No template content/templates/decision.md');
    expect(frontmatterOf(repo.path(result.stdout.trim()))).toMatchObject({ title: 'Bare', type: 'decision', created: '2024-05-31' });
  });

  it('never follows a symbolic link: not to read a template, not to write the note, and the check reports them', async () => {
    // What a merged pull request could hold: a template that is a link to a key, a folder that is a
    // link to somewhere outside the garden.
    const outside = path.join(repo.root, '..', `${path.basename(repo.root)}-outside`);
    mkdirSync(outside);
    writeFileSync(repo.path('secret.key'), 'PRIVATE KEY\n');
    rmSync(repo.path('content', 'templates', 'faq.md'));
    symlinkSync(path.join('..', '..', 'secret.key'), repo.path('content', 'templates', 'faq.md'));
    symlinkSync(outside, repo.path('content', 'Linked'));

    const stolen = await runGarden(['new', 'Stolen', '--type', 'faq'], { cwd: repo.root, now });
    expect(stolen.code).toBe(1);
    expect(stolen.stderr).toBe(
      'Not created: content/templates/faq.md is a symbolic link, which `garden new` never follows: it could lead outside the content folder. Replace it with a real folder or file.\n',
    );
    expect(existsSync(repo.path('content', 'Stolen.md'))).toBe(false);

    const escaped = await runGarden(['new', 'Escaped', '--folder', 'Linked'], { cwd: repo.root, now });
    expect(escaped.code).toBe(1);
    expect(escaped.stderr).toContain('Not created: content/Linked is a symbolic link');
    const nested = await runGarden(['new', 'Escaped', '--folder', 'Linked/Deeper'], { cwd: repo.root, now });
    expect(nested.code).toBe(1);
    expect(readdirSync(outside)).toEqual([]);

    const check = await runGarden(['check'], { cwd: repo.root });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('content/templates/faq.md  error  symlink  Symbolic links in the templates folder are not followed');
    expect(check.stdout).toContain('content/Linked  error  symlink');
  });

  it('refuses bad input with exit code 2 and creates nothing', async () => {
    const before = readdirSync(repo.path('content'), { recursive: true }).length;
    for (const argv of [
      ['new'],
      ['new', 'Two', 'titles'],
      ['new', 'Typed', '--type', 'memo'],
      ['new', 'Escaping', '--folder', '../outside'],
      ['new', 'Hidden', '--folder', '.obsidian'],
      ['new', 'In templates', '--folder', 'templates'],
      ['new', '???'],
      ['new', 'Flag', '--unknown'],
    ]) {
      const result = await runGarden(argv, { cwd: repo.root, now });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/garden: .+\nRun npx garden new --help/);
    }
    expect(readdirSync(repo.path('content'), { recursive: true }).length).toBe(before);
    expect(existsSync(path.join(repo.root, 'outside'))).toBe(false);
  });

  it('explains itself with --help', async () => {
    const result = await runGarden(['new', '--help'], { cwd: repo.root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: garden new "Title"');
    for (const flag of ['--type', '--folder', '--owner', '--tag', '--content', '--help']) expect(result.stdout).toContain(flag);
  });
});

describe('new note helpers', () => {
  it('draws ids from the whole alphabet, 12 characters long', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newNoteId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{12}$/);
    // Bytes 252..255 would favour the first four characters: they are skipped.
    expect(newNoteId(() => Buffer.from([255, 252, 0, 35, 36, 71, 251, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe('0z0zz1234567');
  });

  it('names the file after the title, without characters that break file names or wikilinks', () => {
    expect(fileNameForTitle('How do I book a room?')).toBe('How do I book a room.md');
    expect(fileNameForTitle('  Q3: plan / budget [draft] #2  ')).toBe('Q3 plan budget draft 2.md');
    expect(fileNameForTitle('Café crème')).toBe('Café crème.md');
    expect(fileNameForTitle('...')).toBeUndefined();
    expect(fileNameForTitle('x'.repeat(300))).toBe(`${'x'.repeat(120)}.md`);
  });

  it('fills a template that has no frontmatter', () => {
    expect(fillTemplate('# {{title}}\nOn {{date}}.\n', { title: 'T', id: 'abc', created: '2024-01-02', tags: ['a'] })).toBe(
      '---\ntitle: T\nid: abc\ncreated: 2024-01-02\ntags: [a]\n---\n# T\nOn 2024-01-02.\n',
    );
  });
});
