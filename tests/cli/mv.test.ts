import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';
import { runGarden } from '../support/cli.ts';
import { filesUnder, gardenState, renamer } from '../support/garden-state.ts';
import { isolatedGitEnv, TempRepo } from '../support/git-repo.ts';

/**
 * `garden mv` on copies of tests/fixtures/rename, a garden with every link form: wikilinks with
 * labels, headings, blocks and aliases, embeds, Markdown links encoded, in brackets, without `.md`
 * and from the root, a reference definition, HTML, images, folder links, a table, links inside the
 * moved note relative to its folder, and a name (`Budget`) that a move makes ambiguous.
 */
const fixture = path.join(projectRoot, 'tests', 'fixtures', 'rename');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture in `content/` of a fresh git repository (committed), or of a plain folder. */
function gardenCopy(options: { git: boolean }): { root: string; content: string; repo?: TempRepo } {
  if (options.git) {
    const repo = new TempRepo('garden-mv-');
    made.push(repo.root);
    cpSync(fixture, repo.path('content'), { recursive: true });
    repo.commit('the garden');
    return { root: repo.root, content: repo.path('content'), repo };
  }
  const root = mkdtempSync(path.join(tmpdir(), 'garden-mv-plain-'));
  made.push(root);
  cpSync(fixture, path.join(root, 'content'), { recursive: true });
  return { root, content: path.join(root, 'content') };
}

const files = filesUnder;

async function mv(copy: { root: string }, ...args: string[]) {
  return runGarden(['mv', ...args], { cwd: copy.root });
}

describe('garden mv', () => {
  it('renames and moves a note, rewriting every link form to it, and nothing else', async () => {
    const copy = gardenCopy({ git: true });
    const before = await gardenState(copy.content, renamer('Policies/Nomad life.md', 'Handbook/Working remotely.md'));
    expect(before.problems).toEqual([]);
    const result = await mv(copy, 'content/Policies/Nomad life.md', 'content/Handbook/Working remotely.md');
    expect(result.stderr).toContain(
      '✓ Moved Policies/Nomad life.md to Handbook/Working remotely.md with git; rewrote 19 links in 4 notes.',
    );
    expect(result.code).toBe(0);

    const after = files(copy.content);
    expect(after['Policies/Nomad life.md']).toBeUndefined();
    const home = after['index.md']!;
    for (const line of [
      '- A wikilink: [[Working remotely]], with display text: [[Working remotely|Working abroad]].',
      '- To a heading: [[Working remotely#Visas]], to a block: [[Working remotely#^rules]], spaced: [[ Working remotely | spaced ]].',
      '- By alias: [[Remote]]. With the extension: [[Working remotely.md]].',
      '- An embed of a section: ![[Working remotely#Visas]]',
      '- Markdown, encoded: [visas](Handbook/Working%20remotely.md#visas), in brackets: [rules](<Handbook/Working remotely.md>), without the extension: [plain](Handbook/Working%20remotely), from the root: [root](/Handbook/Working%20remotely.md).',
      '- HTML: <a href="Handbook/Working%20remotely.md">the policy page</a>.',
      '| Travel | [[Working remotely\\|Nomad]] |',
      '[policy]: Handbook/Working%20remotely.md',
      // Code, comments and escaped brackets are not links: untouched.
      '- Not links: `[[Nomad life]]` in code, %% [[Nomad life]] %% in a comment, <!-- [[Nomad life]] --> in HTML, and \\[[Nomad life]] escaped.',
      '[[Nomad life]] and [a link](Policies/Nomad%20life.md) in a code block.',
    ]) {
      expect(home.split('\n'), line).toContain(line);
    }
    // Links inside the moved note that were relative to its old folder now start from the new one.
    expect(after['Handbook/Working remotely.md']).toContain(
      'see [expenses](../Policies/Expenses.md), [[Expenses]], the [home page](../index.md), the\n[setup guide](../Guides/Setup.md) and the map ![map](../Policies/maps/world%20map.png).',
    );
    expect(after['Policies/Expenses.md']).toContain(
      '[[Working remotely#Visas|the nomad policy]] says ([details](../Handbook/Working%20remotely.md))',
    );
    // Everything else is byte for byte what it was.
    const original = files(fixture);
    for (const file of ['Team/Budget.md', 'Archive/Old budget.md', 'Guides/Setup.md', 'Policies/maps/world map.png'])
      expect(after[file], file).toBe(original[file]);

    expect(await gardenState(copy.content)).toEqual(before);
    // git saw a rename (the history, and so the note's old address, follow it).
    expect(copy.repo!.git('status', '--porcelain')).toContain(
      'RM "content/Policies/Nomad life.md" -> "content/Handbook/Working remotely.md"',
    );
    // This short note's own links changed too much of it for git to pair old and new text: the
    // command says how to keep its old address redirecting.
    expect(result.stderr).toContain(
      'git will not see Policies/Nomad life.md as renamed: the rewritten links changed too much of it. Commit the move first, on its own',
    );
  });

  it('moves a folder: links into it, and links from it to the rest of the garden, still lead to the same notes', async () => {
    const copy = gardenCopy({ git: true });
    const rename = renamer('Policies', 'Handbook/Policies');
    const before = await gardenState(copy.content, rename);
    const result = await mv(copy, 'content/Policies', 'content/Handbook/Policies');
    expect(result.code).toBe(0);
    const after = files(copy.content);
    expect(
      Object.keys(after)
        .filter((file) => file.startsWith('Handbook/'))
        .sort(),
    ).toEqual(['Handbook/Policies/Expenses.md', 'Handbook/Policies/Nomad life.md', 'Handbook/Policies/maps/world map.png']);
    expect(after['Handbook/Policies/Nomad life.md']).toContain(
      'see [expenses](Expenses.md), [[Expenses]], the [home page](../../index.md), the\n[setup guide](../../Guides/Setup.md) and the map ![map](maps/world%20map.png).',
    );
    expect(after['index.md']).toContain('![World](Handbook/Policies/maps/world%20map.png)');
    expect(after['index.md']).toContain('[[Nomad life]]');
    expect(await gardenState(copy.content)).toEqual(before);
  });

  it('moves a folder page: folder links follow it ([[Guides]], Guides/)', async () => {
    const copy = gardenCopy({ git: false });
    const before = await gardenState(copy.content, renamer('Guides', 'Manuals'));
    expect((await mv(copy, 'content/Guides', 'content/Manuals')).code).toBe(0);
    const after = files(copy.content);
    expect(after['index.md']).toContain('- A folder: [the guides](Manuals/) and [[Manuals]].');
    expect(after['Manuals/Setup.md']).toContain('Back to [[Manuals]] or [home](../index.md).');
    expect(await gardenState(copy.content)).toEqual(before);
  });

  it('qualifies a name the move makes ambiguous, keeping what the reader sees', async () => {
    const copy = gardenCopy({ git: false });
    const before = await gardenState(copy.content, renamer('Archive/Old budget.md', 'Archive/Budget.md'));
    const result = await mv(copy, 'content/Archive/Old budget.md', 'content/Archive/Budget.md');
    expect(result.code).toBe(0);
    const after = files(copy.content);
    // [[Budget]] would now be ambiguous (and, from the archive, lead to the moved note itself).
    expect(after['Guides/Setup.md']).toContain('Plan the cost with [[Team/Budget|Budget]] and the [[Archive/Budget]].');
    expect(after['Archive/Budget.md']).toContain('Superseded by [[Team/Budget|Budget]].');
    expect(after['Team/Budget.md']).toContain("Last year's is the [[Archive/Budget]].");
    expect(await gardenState(copy.content)).toEqual(before);
  });

  it('moves an attachment, and into an existing folder when the destination is one', async () => {
    const copy = gardenCopy({ git: false });
    const before = await gardenState(copy.content, renamer('Policies/maps/world map.png', 'Guides/world map.png'));
    const result = await mv(copy, 'content/Policies/maps/world map.png', 'content/Guides/');
    expect(result.code).toBe(0);
    const after = files(copy.content);
    expect(after['Guides/world map.png']).toBe('PNG');
    expect(after['index.md']).toContain('![World](Guides/world%20map.png) and ![[world map.png]]');
    expect(after['Policies/Nomad life.md']).toContain('![map](../Guides/world%20map.png)');
    expect(await gardenState(copy.content)).toEqual(before);
  });

  it('--dry-run changes nothing and prints a patch that git applies to the same result', async () => {
    const dry = gardenCopy({ git: true });
    const real = gardenCopy({ git: true });
    const untouched = files(dry.content);
    const args = ['content/Policies', 'content/Handbook/Policies'];
    const result = await mv(dry, ...args, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Nothing was changed.');
    expect(files(dry.content)).toEqual(untouched);
    expect(dry.repo!.git('status', '--porcelain')).toBe('');
    expect(result.stdout).toContain(
      'rename from content/Policies/Nomad life.md\nrename to content/Handbook/Policies/Nomad life.md\n--- a/content/Policies/Nomad life.md',
    );
    expect(result.stdout).toContain(
      'rename from content/Policies/maps/world map.png\nrename to content/Handbook/Policies/maps/world map.png',
    );

    writeFileSync(path.join(dry.root, 'mv.patch'), result.stdout);
    execFileSync('git', ['apply', '--index', 'mv.patch'], { cwd: dry.root, env: { ...process.env, ...isolatedGitEnv } });
    rmSync(path.join(dry.root, 'mv.patch'));
    expect((await mv(real, ...args)).code).toBe(0);
    expect(files(dry.content)).toEqual(files(real.content));
  });

  it('refuses, changing nothing, a destination that exists, a symbolic link, a path outside the garden', async () => {
    const copy = gardenCopy({ git: false });
    const untouched = files(copy.content);

    const exists = await mv(copy, 'content/Archive/Old budget.md', 'content/Team/Budget.md');
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain('content/Team/Budget.md already exists; a move never replaces a file.');

    const outside = await mv(copy, 'content/Team/Budget.md', 'elsewhere.md');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('elsewhere.md is not inside the content folder content.');

    const missing = await mv(copy, 'content/Nope.md', 'content/Yes.md');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('content/Nope.md does not exist.');

    const templates = await mv(copy, 'content/Team/Budget.md', 'content/templates/Budget.md');
    expect(templates.code).toBe(2);
    expect(templates.stderr).toContain('notes there are not part of the garden');

    // A symbolic link in the way: a folder that is one, on the destination's path.
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'garden-mv-elsewhere-'));
    made.push(elsewhere);
    symlinkSync(elsewhere, path.join(copy.content, 'Linked'));
    const throughLink = await mv(copy, 'content/Team/Budget.md', 'content/Linked/Budget.md');
    expect(throughLink.code).toBe(1);
    expect(throughLink.stderr).toContain('Linked is a symbolic link; the garden never follows them.');
    expect(readdirSync(elsewhere)).toEqual([]);
    rmSync(path.join(copy.content, 'Linked'));

    // A symbolic link inside a folder to move.
    symlinkSync(elsewhere, path.join(copy.content, 'Team', 'Linked'));
    const carrying = await mv(copy, 'content/Team', 'content/People');
    expect(carrying.code).toBe(1);
    expect(carrying.stderr).toContain('Team/Linked is a symbolic link');
    rmSync(path.join(copy.content, 'Team', 'Linked'));

    expect(files(copy.content)).toEqual(untouched);
  });

  it('refuses a move that would give two notes one address, and says so', async () => {
    const copy = gardenCopy({ git: false });
    const untouched = files(copy.content);
    // `Team/budget!.md` would be published at /team/budget/, which Team/Budget.md has.
    const clash = await mv(copy, 'content/Archive/Old budget.md', 'content/Team/budget!.md');
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('Team/budget!.md  error  slug-collision');
    expect(clash.stderr).toContain('Nothing was changed.');
    expect(files(copy.content)).toEqual(untouched);
  });
});
