import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Environment } from '../config/config.ts';
import { gitText, locateInGit, runGit, type GitLocation } from '../history/git.ts';

/** The content folder as it was at another commit, written to a temporary folder. */
export interface CheckedOutContent {
  /** The temporary copy of the content folder (empty if it did not exist then). */
  contentDir: string;
  /** The commit it was taken from. */
  commit: string;
  /** Removes the temporary folder. */
  cleanup: () => Promise<void>;
}

export class DiffSetupError extends Error {
  override name = 'DiffSetupError';
}

/**
 * Writes the content folder as it was at `commit` into a temporary folder, through a temporary
 * git index (`read-tree` + `checkout-index`): the repository, its index and its working tree are
 * never touched, and no worktree is left behind if the process dies.
 */
export async function checkoutContentAt(location: GitLocation, commit: string, env: Environment): Promise<CheckedOutContent> {
  const temp = await fs.mkdtemp(path.join(tmpdir(), 'garden-base-'));
  const cleanup = () => fs.rm(temp, { recursive: true, force: true });
  const contentDir = path.join(temp, 'content');
  try {
    await fs.mkdir(contentDir);
    const tree = location.prefix ? `${commit}:${location.prefix}` : `${commit}^{tree}`;
    const exists = await gitText(['cat-file', '-t', tree], location.root, env).then(
      (type) => type === 'tree',
      () => false,
    );
    if (exists) {
      const withTemporaryIndex = { ...env, GIT_INDEX_FILE: path.join(temp, 'index') };
      await runGit(['read-tree', tree], location.root, withTemporaryIndex);
      await runGit(['checkout-index', '--all', `--prefix=${contentDir}${path.sep}`], location.root, withTemporaryIndex);
    }
    return { contentDir, commit, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * The commit to compare with: where the branch left `base` (their merge base), as a pull request
 * compares, so that changes made on `base` since then do not show up as this branch's.
 */
export async function resolveBase(contentDir: string, base: string, env: Environment): Promise<{ location: GitLocation; commit: string }> {
  const location = await locateInGit(contentDir, env);
  if (!location) throw new DiffSetupError('The content folder is not in a git repository, so there is nothing to compare with.');
  // A ref never starts with `-`: refusing it keeps the argument from being read as an option.
  const target = base.startsWith('-')
    ? ''
    : await gitText(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], location.root, env).catch(() => '');
  if (!target) {
    throw new DiffSetupError(
      `"${base}" is not a branch, tag or commit here. Name the branch to compare with, e.g. --base origin/main (fetch it first).`,
    );
  }
  const head = await gitText(['rev-parse', '--verify', '--quiet', 'HEAD'], location.root, env).catch(() => '');
  const mergeBase = head ? await gitText(['merge-base', target, head], location.root, env).catch(() => '') : '';
  return { location, commit: mergeBase || target };
}

/**
 * The first of these refs that exists: what `--base` means when it is not given. `pullRequestBase`
 * is the branch a pull request targets, in a GitHub pull request workflow (`GITHUB_BASE_REF`).
 */
export async function defaultBase(contentDir: string, pullRequestBase: string | undefined, env: Environment): Promise<string> {
  const candidates = pullRequestBase ? [`origin/${pullRequestBase}`] : [];
  candidates.push('origin/HEAD', 'origin/main', 'main', 'origin/master', 'master');
  for (const candidate of candidates) {
    const found = await gitText(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`], contentDir, env).catch(() => '');
    if (found) return candidate;
  }
  throw new DiffSetupError('Found no main branch to compare with: name one with --base <branch>.');
}

/** Renames git detects between `commit` and the working tree, content-relative: old → new. */
export async function gitRenamesSince(contentDir: string, commit: string, env: Environment): Promise<Map<string, string>> {
  const output = await runGit(['diff', '-z', '--name-status', '-M', '--relative', commit, '--', '.'], contentDir, env);
  const tokens = output.toString('utf8').split('\0');
  const renames = new Map<string, string>();
  for (let i = 0; i < tokens.length; ) {
    const status = tokens[i++] ?? '';
    if (status.startsWith('R')) {
      const from = tokens[i++] ?? '';
      const to = tokens[i++] ?? '';
      renames.set(from.normalize('NFC'), to.normalize('NFC'));
    } else if (status.startsWith('C')) i += 2;
    else if (status !== '') i += 1;
  }
  return renames;
}
