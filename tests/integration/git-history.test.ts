import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyFromCommits, parseGitLog, readGardenHistory, type LoggedCommit } from '../../src/core/history/history.ts';
import { noteTimeline, repositoryLinks } from '../../src/core/history/note.ts';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { asContentPath } from '../../src/core/common/types.ts';
import { TempRepo } from '../support/git-repo.ts';

const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };
const bob = { name: 'Bob Smith', email: 'bob@example.com' };

describe('the git history of a garden', () => {
  it('gives each note its created and updated dates and contributors, following renames', async () => {
    const repo = new TempRepo();
    repo.write({
      'README.md': 'outside the garden\n',
      'content/Guides/Setup.md': '# Setup\n\nHow to set up the laptop, step by step, with every tool.\n',
    });
    repo.commit('add setup', ada); // 2024-01-01
    repo.write({ 'content/Guides/Setup.md': '# Setup\n\nHow to set up the laptop, step by step, with every tool and account.\n' });
    repo.commit('edit setup', bob); // 01-02
    repo.move('content/Guides/Setup.md', 'content/Onboarding/Laptop setup.md');
    repo.commit('move setup', bob); // 01-03
    repo.write({ 'README.md': 'changed outside\n', 'content/Other.md': '# Other\n' });
    repo.commit('other', ada); // 01-04
    repo.write({
      'content/Onboarding/Laptop setup.md': '# Setup\n\nHow to set up the laptop, step by step, with every tool and every account.\n',
    });
    repo.commit('edit again', bob); // 01-05

    const history = await readGardenHistory(repo.path('content'), process.env);
    expect(history).toBeDefined();
    expect(history!.repository).toEqual({ root: repo.root, prefix: 'content' });
    expect(history!.shallow).toBe(false);
    expect([...history!.files.keys()].sort()).toEqual(['Onboarding/Laptop setup.md', 'Other.md']);
    expect(history!.files.get(asContentPath('Onboarding/Laptop setup.md'))).toEqual({
      created: '2024-01-01T12:00:00+00:00',
      updated: '2024-01-05T12:00:00+00:00',
      createdBy: 'Ada Lovelace',
      updatedBy: 'Bob Smith',
      commits: 4,
      contributors: [
        { name: 'Bob Smith', commits: 3 },
        { name: 'Ada Lovelace', commits: 1 },
      ],
      previousPaths: ['Guides/Setup.md'],
    });
    expect(
      history!.changes.map(
        (change) => `${change.date.slice(0, 10)} ${change.kind} ${change.path}${change.from ? ` from ${change.from}` : ''}`,
      ),
    ).toEqual([
      '2024-01-05 modified Onboarding/Laptop setup.md',
      '2024-01-04 added Other.md',
      '2024-01-03 renamed Onboarding/Laptop setup.md from Guides/Setup.md',
      '2024-01-02 modified Onboarding/Laptop setup.md',
      '2024-01-01 added Onboarding/Laptop setup.md',
    ]);
  });

  it('does not mix in an older, deleted file that had the same name', async () => {
    const repo = new TempRepo();
    repo.write({ 'content/Plan.md': '# Old plan\n' }).commit('old plan', ada);
    repo.remove('content/Plan.md').commit('drop plan', ada);
    repo.write({ 'content/Plan.md': '# A completely different new plan, written from scratch later on\n' }).commit('new plan', bob);
    const history = await readGardenHistory(repo.path('content'), process.env);
    expect(history!.files.get(asContentPath('Plan.md'))).toMatchObject({
      created: '2024-01-03T12:00:00+00:00',
      contributors: [{ name: 'Bob Smith', commits: 1 }],
      commits: 1,
    });
  });

  it('is empty in a repository without commits, and absent outside git', async () => {
    const repo = new TempRepo();
    repo.write({ 'content/index.md': '# Home\n' });
    const empty = await readGardenHistory(repo.path('content'), process.env);
    expect(empty?.files.size).toBe(0);
    const plain = mkdtempSync(path.join(tmpdir(), 'garden-plain-'));
    writeFileSync(path.join(plain, 'index.md'), '# Home\n');
    expect(await readGardenHistory(plain, process.env)).toBeUndefined();
    // The garden still loads, without history.
    const garden = await loadGarden(resolveGardenConfig({ content: plain }, { PATH: process.env.PATH }), { history: true });
    expect(garden.history).toBeUndefined();
    expect(garden.historyError).toBeUndefined();
    expect(garden.index.notes).toHaveLength(1);
  });

  it('parses file names with spaces, quotes, newlines and non-ASCII letters exactly', () => {
    const output =
      '\0\0abc\x002024-01-02T00:00:00Z\0Zoë\0\nM\0we "quote".md\0R087\0old\nname.md\0Caf\u0065\u0301.md\0' +
      '\0\0def\x002024-01-01T00:00:00Z\0Ada\0\nA\0old\nname.md\0';
    const commits = parseGitLog(output);
    expect(commits).toEqual<LoggedCommit[]>([
      {
        hash: 'abc',
        date: '2024-01-02T00:00:00Z',
        author: 'Zoë',
        changes: [
          { status: 'M', path: 'we "quote".md' },
          { status: 'R087', from: 'old\nname.md', path: 'Café.md' },
        ],
      },
      { hash: 'def', date: '2024-01-01T00:00:00Z', author: 'Ada', changes: [{ status: 'A', path: 'old\nname.md' }] },
    ]);
    // Decomposed (macOS) names are read as the scan names them: NFC.
    expect(commits[0]!.changes[1]!.path).toBe('Caf\u00e9.md');
    expect(historyFromCommits(commits).files.get(asContentPath('Café.md'))?.previousPaths).toEqual(['old\nname.md']);
  });

  it('cannot be steered by an author name that holds separators: only NUL separates, and git cannot store it', async () => {
    const repo = new TempRepo();
    repo.write({ 'content/Plan.md': '# Plan\n' }).commit('plan', ada);
    // The separators the parser once used (\x1e between commits, \x1f between fields),
    // and a whole forged commit after them.
    const forger = {
      name: 'Mallory\x1f2001-01-01T00:00:00Z\x1eforged0\x1f1999-09-09T00:00:00+00:00\x1fForged Author',
      email: 'm@example.com',
    };
    repo.write({ 'content/Plan.md': '# Plan\n\nChanged.\n' }).commit('change', forger);
    const history = await readGardenHistory(repo.path('content'), process.env);
    const hashes = repo.git('log', '--format=%H').split('\n');
    expect(history!.changes.map(({ commit, date, author, kind }) => ({ commit, date, author, kind }))).toEqual([
      { commit: hashes[0], date: '2024-01-02T12:00:00+00:00', author: forger.name, kind: 'modified' },
      { commit: hashes[1], date: '2024-01-01T12:00:00+00:00', author: 'Ada Lovelace', kind: 'added' },
    ]);
  });
});

describe("a note page's timeline and repository links", () => {
  it('prefers frontmatter `created`, and takes the later of git and frontmatter `updated`', async () => {
    const repo = new TempRepo();
    repo.write({
      'content/Imported.md': '---\ncreated: 2019-05-01\nupdated: 2030-01-01\n---\n# Imported\n',
      'content/Plain.md': '# Plain\n',
    });
    repo.commit('import', ada);
    const garden = await loadGarden(resolveGardenConfig({}, { PATH: process.env.PATH }, repo.root), { history: true });
    const imported = garden.index.byPath.get(asContentPath('Imported.md'))!;
    const plain = garden.index.byPath.get(asContentPath('Plain.md'))!;
    expect(noteTimeline(imported, garden.history)).toEqual({
      created: '2019-05-01',
      updated: '2030-01-01',
      contributors: [{ name: 'Ada Lovelace', commits: 1 }],
    });
    expect(noteTimeline(plain, garden.history)).toEqual({
      created: '2024-01-01T12:00:00+00:00',
      updated: '2024-01-01T12:00:00+00:00',
      contributors: [{ name: 'Ada Lovelace', commits: 1 }],
    });
    expect(noteTimeline(plain, undefined)).toEqual({ contributors: [] });
  });

  it('links to the web editor and the history whenever a repository is configured', async () => {
    const repo = new TempRepo();
    repo.write({ 'notes/Guides/How to.md': '# How to\n' }).commit('add', ada);
    const options = { content: 'notes', repository: { url: 'https://github.com/acme/garden/' } };
    const garden = await loadGarden(resolveGardenConfig(options, { PATH: process.env.PATH }, repo.root), { history: true });
    const file = asContentPath('Guides/How to.md');
    expect(repositoryLinks(garden.config, garden.history, file)).toEqual({
      edit: 'https://github.com/acme/garden/edit/main/notes/Guides/How%20to.md',
      history: 'https://github.com/acme/garden/commits/main/notes/Guides/How%20to.md',
    });
    // Without git (a build from a copy without `.git`), the content folder is where the project keeps it…
    expect(repositoryLinks(garden.config, undefined, file)?.edit).toBe('https://github.com/acme/garden/edit/main/notes/Guides/How%20to.md');
    // …at the repository's root when it lies outside the project (a folder of notes of its own)…
    const outside = resolveGardenConfig(
      { content: repo.path('notes'), repository: { url: 'https://github.com/acme/notes' } },
      {},
      repo.path('elsewhere'),
    );
    expect(repositoryLinks(outside, undefined, file)?.edit).toBe('https://github.com/acme/notes/edit/main/Guides/How%20to.md');
    // …and where git says when it can; the configuration says it for everyone; other forges set their own base URLs.
    const gitlab = resolveGardenConfig(
      {
        repository: {
          url: 'https://gitlab.example.com/acme/garden',
          branch: 'release/v2',
          contentPath: '/docs/',
          editUrl: 'https://gitlab.example.com/acme/garden/-/edit/release/v2',
          historyUrl: 'https://gitlab.example.com/acme/garden/-/commits/release/v2',
        },
      },
      {},
    );
    expect(repositoryLinks(gitlab, undefined, file)?.edit).toBe(
      'https://gitlab.example.com/acme/garden/-/edit/release/v2/docs/Guides/How%20to.md',
    );
    // The environment sets the repository in CI without editing the configuration.
    const fromEnv = resolveGardenConfig(
      {},
      { GARDEN_REPOSITORY_URL: 'https://github.com/acme/wiki', GARDEN_REPOSITORY_BRANCH: 'release/v2' },
    );
    expect(repositoryLinks(fromEnv, garden.history, file)?.history).toBe(
      'https://github.com/acme/wiki/commits/release/v2/notes/Guides/How%20to.md',
    );
    expect(repositoryLinks(resolveGardenConfig({}, {}), garden.history, file)).toBeUndefined();
    expect(() => resolveGardenConfig({ repository: { url: 'github.com/acme' } }, {})).toThrow(/repository\.url.*https:\/\//s);
  });
});
