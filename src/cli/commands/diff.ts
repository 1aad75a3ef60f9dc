import { compareIndexes } from '../../core/diff/compare.ts';
import { checkoutContentAt, defaultBase, DiffSetupError, gitRenamesSince, resolveBase } from '../../core/diff/base.ts';
import { formatDiffMarkdown } from '../../core/diff/markdown.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { Progress } from '../io.ts';
import { loadProject } from '../project.ts';

interface DiffValues {
  base?: string;
  format?: string;
  content?: string;
}

export const diffCommand: Command<DiffValues> = {
  name: 'diff',
  summary: 'what this branch changes in the garden, as Markdown for a pull request',
  usage: 'garden diff [--base <git ref>] [--format markdown|json]',
  description: [
    'Compares the garden in the working folder with the garden where this branch left the base',
    'branch (their merge base, as a pull request does): notes added, changed, renamed and removed,',
    'links added and removed, notes that gained backlinks, new unresolved links, notes that became',
    'orphans, and ids that changed. Both sides are read with the same index as the build; the',
    'repository is not modified. Uncommitted changes count.',
  ].join('\n'),
  options: {
    base: { type: 'string', short: 'b' },
    format: { type: 'string' },
  },
  help: [
    {
      flag: '-b, --base <ref>',
      text: "the branch, tag or commit to compare with (default: the pull request's base branch on GitHub, else origin/HEAD, origin/main, main)",
    },
    { flag: '--format <format>', text: 'markdown (default) or json' },
  ],
  examples: [
    'npx garden diff',
    'npx garden diff --base origin/main >> "$GITHUB_STEP_SUMMARY"',
    'npx garden diff --base v1.0 --format json',
  ],

  async run({ values, positionals }, { io, out, err }) {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}": name the base with --base <ref>.`);
    const format = values.format ?? 'markdown';
    if (format !== 'markdown' && format !== 'json') throw new UsageError(`Unknown format "${format}": use markdown or json.`);
    const { config } = await loadProject(io, values.content);
    const { loadGarden } = await import('../../core/build/build.ts');
    const progress = new Progress(err, io.env);
    try {
      // In a GitHub pull request workflow, GITHUB_BASE_REF names the branch the pull request targets.
      const base = values.base ?? (await defaultBase(config.contentDir, io.env.GITHUB_BASE_REF, config.gitEnv));
      progress.update(`Reading the garden at ${base}…`);
      const { location, commit } = await resolveBase(config.contentDir, base, config.gitEnv);
      const checkout = await checkoutContentAt(location, commit, config.gitEnv);
      try {
        const [before, after, renames] = await Promise.all([
          loadGarden({ ...config, contentDir: checkout.contentDir }),
          loadGarden(config),
          gitRenamesSince(config.contentDir, commit, config.gitEnv),
        ]);
        progress.update('Comparing…');
        const diff = compareIndexes(before.index, after.index, { gitRenames: renames });
        progress.stop();
        if (format === 'json') out.line(JSON.stringify({ version: 1, base, commit, ...diff }, null, 2));
        else out.line(formatDiffMarkdown(diff, { base, commit }));
      } finally {
        await checkout.cleanup();
      }
    } catch (error) {
      if (error instanceof DiffSetupError) throw new UsageError(error.message);
      throw error;
    } finally {
      progress.stop();
    }
    return EXIT.ok;
  },
};
