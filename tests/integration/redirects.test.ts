import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { TempRepo } from '../support/git-repo.ts';

// Git runs in the environment the configuration is resolved from: it needs PATH, and no GARDEN_ variable.
const load = (repo: TempRepo) => loadGarden(resolveGardenConfig({}, { PATH: process.env.PATH }, repo.root), { history: true });
const plan = (redirects: { from: string; to: string; reason: string }[]) => redirects.map((r) => `/${r.from}/ → /${r.to}/ (${r.reason})`);

describe('redirects from old addresses', () => {
  it("come from every earlier path in git and from aliases, in the note's folder or from the root", async () => {
    const repo = new TempRepo();
    repo
      .write({
        'content/index.md': '# Home\n',
        'content/Guides/Old name.md': '# Laptop\n\nSet up the laptop with all the tools you need.\n',
      })
      .commit('add');
    repo.move('content/Guides/Old name.md', 'content/Guides/Middle name.md').commit('rename');
    repo.move('content/Guides/Middle name.md', 'content/Onboarding/Laptop.md').commit('move');
    repo
      .write({
        'content/Onboarding/Laptop.md':
          '---\naliases: [Computer setup, Archive/Machines]\n---\n# Laptop\n\nSet up the laptop with all the tools you need.\n',
      })
      .commit('alias');
    const garden = await load(repo);
    expect(plan(garden.redirects)).toEqual([
      '/archive/machines/ → /onboarding/laptop/ (alias)',
      '/guides/middle-name/ → /onboarding/laptop/ (renamed)',
      '/guides/old-name/ → /onboarding/laptop/ (renamed)',
      '/onboarding/computer-setup/ → /onboarding/laptop/ (alias)',
    ]);
    expect(garden.diagnostics).toEqual([]);
  });

  it('never take an address a real page uses, and report the collision', async () => {
    const repo = new TempRepo();
    repo
      .write({
        'content/index.md': '# Home\n',
        'content/Team/Old.md': '# Team page\n\nA long enough text so that git sees the rename of this note.\n',
      })
      .commit('add');
    repo.move('content/Team/Old.md', 'content/Team/New.md').commit('rename');
    repo
      .write({
        // A new note takes the old name: it wins.
        'content/Team/Old.md': '# The new Old\n',
        // Aliases that are the note's own address, a folder page, a note, the garden's own pages, or claimed twice.
        'content/Team/New.md':
          '---\naliases: [new, Team/, Old, /Tags, Shared]\n---\n# Team page\n\nA long enough text so that git sees the rename of this note.\n',
        'content/Team/Other.md': '---\naliases: [Shared]\n---\n# Other\n',
      })
      .commit('reuse');
    const garden = await load(repo);
    expect(plan(garden.redirects)).toEqual(['/team/shared/ → /team/new/ (alias)']);
    // Sorted by file, then place, then message: the same order in every build.
    expect(garden.diagnostics.map((d) => `${d.file} ${d.severity} ${d.rule}: ${d.message}`)).toEqual([
      'Team/New.md info redirect-collision: The old address /tags/ (from its alias "/Tags") is not redirected here: one of the garden\'s own pages is published there.',
      'Team/New.md info redirect-collision: The old address /team/ (from its alias "Team/") is not redirected here: a folder page is published there.',
      'Team/New.md info redirect-collision: The old address /team/old/ (from its alias "Old") is not redirected here: Team/Old.md is published there.',
      'Team/New.md info redirect-collision: The old address /team/old/ (from its earlier path Team/Old.md) is not redirected here: Team/Old.md is published there.',
      'Team/Other.md info redirect-collision: The old address /team/shared/ (from its alias "Shared") is not redirected here: it already redirects to Team/New.md.',
    ]);
  });

  it('work without git, from aliases alone', async () => {
    const repo = new TempRepo();
    repo.write({ 'content/Handbook.md': '---\naliases: Company handbook\n---\n# Handbook\n' });
    const garden = await loadGarden(resolveGardenConfig({}, {}, repo.root));
    expect(plan(garden.redirects)).toEqual(['/company-handbook/ → /handbook/ (alias)']);
  });
});
