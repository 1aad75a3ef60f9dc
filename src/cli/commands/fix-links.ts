import { DiffSetupError, gitRenamesSince, resolveBase } from '../../core/diff/base.ts';
import type { Garden } from '../../core/build/build.ts';
import type { Environment } from '../../core/config/config.ts';
import { gitText, locateInGit } from '../../core/history/git.ts';
import { UnsafeFileOperation } from '../../core/rename/files.ts';
import { asContentPath, type ContentPath } from '../../core/common/types.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { Progress } from '../io.ts';
import { loadProject } from '../project.ts';
import { fixLinksSummary } from '../fix-links-summary.ts';

interface FixLinksValues {
  base?: string;
  'dry-run'?: boolean;
  format?: string;
  content?: string;
}

export const fixLinksCommand: Command<FixLinksValues> = {
  name: 'fix-links',
  summary: 'repair links broken by notes renamed or moved without `garden mv`',
  usage: 'garden fix-links [--base <git ref>] [--dry-run] [--format patch|markdown]',
  description: [
    'Finds the links that point nowhere because a note, attachment or folder was renamed or moved',
    '(in the GitHub web editor, with git mv, in a file manager) and rewrites them to its new path,',
    'as `garden mv` would have: same rules, same checks, nothing else touched. Git knows the renames:',
    "those since the branch left --base (a pull request's renames), else every rename in the",
    'history of the content folder and the ones not committed yet. A broken link that no rename',
    'explains is left for `garden check` to report.',
  ].join('\n'),
  options: {
    base: { type: 'string', short: 'b' },
    'dry-run': { type: 'boolean', short: 'n' },
    format: { type: 'string' },
  },
  help: [
    { flag: '-b, --base <ref>', text: 'only the renames since this branch left <ref> (as a pull request compares), e.g. origin/main' },
    { flag: '-n, --dry-run', text: 'change nothing: print the fix as a patch for `git apply`' },
    {
      flag: '--format <format>',
      text: "with --dry-run: patch (default), or markdown (a section for a pull request's summary, empty when nothing needs fixing)",
    },
  ],
  examples: [
    'npx garden fix-links',
    'npx garden fix-links --base origin/main --dry-run > fix-links.patch',
    'npx garden fix-links --base "origin/$GITHUB_BASE_REF" --dry-run --format markdown >> "$GITHUB_STEP_SUMMARY"',
  ],

  async run({ values, positionals }, { io, out, err }) {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}": fix-links repairs the whole garden.`);
    const format = values.format ?? 'patch';
    if (format !== 'patch' && format !== 'markdown') throw new UsageError(`Unknown format "${format}": use patch or markdown.`);
    if (values.format !== undefined && !values['dry-run'])
      throw new UsageError('--format chooses how --dry-run prints the fix: add --dry-run.');
    const { config } = await loadProject(io, values.content);
    const git = await locateInGit(config.contentDir, config.gitEnv);
    if (!git)
      throw new UsageError(
        'The content folder is not in a git repository: fix-links learns the renames from git. Use `garden mv` to rename, or `garden check` to find broken links.',
      );

    const progress = new Progress(err, io.env);
    const { loadGarden } = await import('../../core/build/build.ts');
    const { planLinkRepairs } = await import('../../core/rename/plan.ts');
    const { carryOut, listChanges, planPatch, refuseUnsafePlan } = await import('../rename-report.ts');
    let garden: Garden;
    let formerPaths: Map<ContentPath, ContentPath[]>;
    // The notes renamed after their links were written: a pull request's, or not committed yet.
    let movedWithTheirLinks: Set<ContentPath>;
    try {
      progress.update('Reading the garden and its renames…');
      if (values.base !== undefined) {
        const { commit } = await resolveBase(config.contentDir, values.base, config.gitEnv);
        [garden, formerPaths] = await Promise.all([
          loadGarden(config, { keepScan: true }),
          renamesSince(config.contentDir, commit, config.gitEnv),
        ]);
        movedWithTheirLinks = new Set(formerPaths.keys());
      } else {
        garden = await loadGarden(config, { keepScan: true, history: true });
        const uncommitted = await uncommittedRenames(config.contentDir, config.gitEnv);
        formerPaths = renamesInHistory(garden, uncommitted);
        movedWithTheirLinks = new Set(uncommitted.keys());
      }
    } catch (error) {
      if (error instanceof DiffSetupError) throw new UsageError(error.message);
      throw error;
    } finally {
      progress.stop();
    }

    const plan = await planLinkRepairs(garden, formerPaths, movedWithTheirLinks);
    const refusal = refuseUnsafePlan(garden, plan, err, 'errors');
    if (refusal !== undefined) return refusal;
    const links = plan.rewritten.reduce((sum, file) => sum + file.changes.length, 0);
    const fixed = `${links} link${links === 1 ? '' : 's'} in ${plan.rewritten.length} note${plan.rewritten.length === 1 ? '' : 's'}`;
    if (links === 0) {
      err.line(`${err.paint('green', '✓')} No link is broken by a rename${values.base ? ` since ${values.base}` : ''}.`);
      return EXIT.ok;
    }
    if (values['dry-run']) {
      const patch = planPatch(plan, io, config.contentDir, git);
      out.line(
        format === 'markdown' ? fixLinksSummary({ patch, links, notes: plan.rewritten.length, base: values.base }) : patch.trimEnd(),
      );
      err.line(`Dry run: would fix ${fixed}. Nothing was changed.`);
      return EXIT.ok;
    }
    try {
      await carryOut(config.contentDir, plan, undefined);
    } catch (error) {
      if (error instanceof UnsafeFileOperation) {
        err.line(`${err.paint('red', 'Not fixed:')} ${error.message}`);
        return EXIT.problems;
      }
      throw error;
    }
    listChanges(plan, out);
    err.line(`${err.paint('green', '✓')} Fixed ${fixed}. Review with ${err.paint('cyan', 'git diff')}, then commit.`);
    return EXIT.ok;
  },
};

/** The renames git finds between `commit` and the working tree: new path → [old path]. */
async function renamesSince(contentDir: string, commit: string, gitEnv: Environment): Promise<Map<ContentPath, ContentPath[]>> {
  const formerPaths = new Map<ContentPath, ContentPath[]>();
  for (const [from, to] of await gitRenamesSince(contentDir, commit, gitEnv)) formerPaths.set(asContentPath(to), [asContentPath(from)]);
  return formerPaths;
}

/** Renames in the working tree not committed yet (`git mv` without a commit). */
async function uncommittedRenames(contentDir: string, gitEnv: Environment): Promise<Map<ContentPath, ContentPath[]>> {
  const head = await gitText(['rev-parse', '--verify', '--quiet', 'HEAD'], contentDir, gitEnv).catch(() => '');
  return head ? renamesSince(contentDir, head, gitEnv) : new Map();
}

/** Every earlier path of every file in the history, with the renames not committed yet first. */
function renamesInHistory(garden: Garden, uncommitted: ReadonlyMap<ContentPath, ContentPath[]>): Map<ContentPath, ContentPath[]> {
  const formerPaths = new Map<ContentPath, ContentPath[]>();
  for (const [file, history] of garden.history?.files ?? [])
    if (history.previousPaths.length > 0) formerPaths.set(file, [...history.previousPaths]);
  for (const [file, earlier] of uncommitted) {
    // A file renamed again since its last commit: its committed path and that path's own past.
    formerPaths.set(file, [...earlier, ...earlier.flatMap((path) => garden.history?.files.get(path)?.previousPaths ?? [])]);
  }
  return formerPaths;
}
