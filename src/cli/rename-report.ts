import path from 'node:path';
import { formatDiagnostic } from '../core/common/diagnostics.ts';
import type { Garden } from '../core/build/build.ts';
import type { Environment } from '../core/config/config.ts';
import type { GitLocation } from '../core/history/git.ts';
import { moveEntry, rewriteInPlace } from '../core/rename/files.ts';
import { formatPlanPatch } from '../core/rename/patch.ts';
import type { RenamePlan } from '../core/rename/plan.ts';
import { checkPlan } from '../core/rename/verify.ts';
import type { ContentPath } from '../core/common/types.ts';
import { EXIT } from './command.ts';
import type { CliIO, Printer } from './io.ts';

/**
 * Checks a plan of `garden mv` or `garden fix-links` before anything changes, and says why when it
 * is not safe: links it cannot write, links that would lead elsewhere, new problems. Returns the
 * exit code to stop with, or `undefined` when the plan is safe.
 */
export function refuseUnsafePlan(
  garden: Garden,
  plan: RenamePlan,
  err: Printer,
  refuse: 'errors-and-warnings' | 'errors',
): number | undefined {
  const nothingChanged = `${err.paint('red', '✗')} Nothing was changed.`;
  if (plan.problems.length > 0) {
    for (const problem of plan.problems) err.line(problem);
    err.line(nothingChanged);
    return EXIT.problems;
  }
  const check = checkPlan(garden, plan);
  if (check.brokenPromises.length > 0) {
    err.line('After the change, these links would not lead where they lead now:');
    for (const problem of check.brokenPromises) err.line(`  ${problem}`);
    err.line(`${nothingChanged} Please report this: the garden should have rewritten them.`);
    return EXIT.problems;
  }
  const refused = check.newProblems.filter((diagnostic) => refuse === 'errors-and-warnings' || diagnostic.severity === 'error');
  if (refused.length > 0) {
    err.line('After the change, the garden would have these new problems:');
    for (const diagnostic of refused) err.line(`  ${formatDiagnostic(diagnostic)}`);
    err.line(`${nothingChanged} Choose another name or place.`);
    return EXIT.problems;
  }
  // A repaired link leads to its note again, so `garden check` can now see a `#heading` it lacks.
  const revealed = check.newProblems.filter((diagnostic) => !refused.includes(diagnostic));
  if (revealed.length > 0) {
    err.line(
      err.paint(
        'yellow',
        `Once repaired, ${revealed.length} link${revealed.length === 1 ? '' : 's'} will show ${revealed.length === 1 ? 'a warning' : 'warnings'} of ${revealed.length === 1 ? 'its' : 'their'} own (\`garden check\` lists them), e.g.:`,
      ),
    );
    err.line(`  ${formatDiagnostic(revealed[0]!)}`);
  }
  return undefined;
}

/**
 * The plan as a patch. Paths are relative to the repository's root when the garden is in git (so
 * that `git apply` takes the patch there, as a pull request shows paths), else to where the
 * command runs.
 */
export function planPatch(plan: RenamePlan, io: CliIO, contentDir: string, git: GitLocation | undefined): string {
  const relativeTo = git ? git.root : io.cwd;
  return formatPlanPatch(plan, (file: ContentPath) =>
    path
      .relative(relativeTo, path.join(contentDir, ...file.split('/')))
      .split(path.sep)
      .join('/'),
  );
}

/** `file:line:col  before → after` for every rewritten link, for the terminal. */
export function listChanges(plan: RenamePlan, out: Printer): void {
  for (const file of plan.rewritten) {
    for (const change of file.changes)
      out.line(`${out.paint('bold', `${file.to}:${change.at.line}:${change.at.column}`)}  ${change.before} → ${change.after}`);
  }
}

/**
 * Moves (when the plan moves something) and writes the rewritten notes at their new places.
 * Returns how the move was made (`git` when git tracked it), `undefined` without a move.
 */
export async function carryOut(
  contentDir: string,
  plan: RenamePlan,
  move: { from: ContentPath; to: ContentPath; git: GitLocation | undefined; gitEnv: Environment } | undefined,
): Promise<'git' | 'plain' | undefined> {
  const moved = move ? await moveEntry(contentDir, move.from, move.to, move.git, move.gitEnv) : undefined;
  for (const file of plan.rewritten) await rewriteInPlace(contentDir, file.to, file.before, file.after);
  return moved;
}
