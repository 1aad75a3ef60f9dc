import { asContentPath, type ContentPath } from '../common/types.ts';
import type { Environment } from '../config/config.ts';
import { GitError, gitText, locateInGit, runGit, type GitLocation } from './git.ts';

/**
 * Git is the source of truth for a note's history: when it was created and last changed, and by
 * whom. One `git log` pass over the content folder gives it for the whole garden (never one git
 * process per note), following renames so that a moved note keeps its past.
 */

export interface Contributor {
  /** The author's name as git reports it (after `.mailmap`); e-mail addresses are never kept. */
  name: string;
  commits: number;
}

export interface FileHistory {
  /** ISO 8601 date-time of the oldest commit that touched the file, renames followed. */
  created: string;
  /** ISO 8601 date-time of the newest commit that touched it. */
  updated: string;
  /** The author of the oldest commit. */
  createdBy: string;
  /** The author of the newest commit. */
  updatedBy: string;
  /** Everyone who changed the file, most commits first (ties: earliest contribution first). */
  contributors: Contributor[];
  commits: number;
  /** The file's earlier paths (content-relative), newest first: where its old URLs come from. */
  previousPaths: ContentPath[];
}

export type ChangeKind = 'added' | 'modified' | 'renamed';

/** One commit's change to a file that still exists, named by its current path. */
export interface FileChange {
  path: ContentPath;
  kind: ChangeKind;
  /** For `renamed`: the path before this commit. */
  from?: ContentPath;
  commit: string;
  date: string;
  author: string;
}

export interface GardenHistory {
  /** The content folder's place in its repository. */
  repository: GitLocation;
  /** True in a shallow clone: history stops at the clone's depth, so dates and contributors are
   * incomplete (CI must fetch the whole history, e.g. `fetch-depth: 0`). */
  shallow: boolean;
  /** Every file under the content folder that git knows, by its current path. */
  files: Map<ContentPath, FileHistory>;
  /** Every change to those files, newest first: the raw material of a "recent changes" page. */
  changes: FileChange[];
}

/** What `git log --name-status` says about one commit. */
export interface LoggedCommit {
  hash: string;
  date: string;
  author: string;
  changes: { status: string; path: string; from?: string }[];
}

/**
 * The one `git log` pass. Every field is separated by NUL (`%x00`, and `-z` for the file names),
 * the one byte git cannot store in a name, an e-mail address, a subject or a path: an author name
 * holding any other separator (`\x1e`, `\x1f`, a newline) cannot forge a field. A commit starts
 * with two NULs (an empty field, which no hash, status or path can be), then its hash, date and
 * author; then come its changes, `status NUL path NUL` (two paths for a rename or copy).
 * `--relative` run from the content folder makes every path content-relative and limits the log
 * to that folder.
 */
export const GIT_LOG_ARGS = [
  'log',
  '-z',
  '--name-status',
  '-M',
  '--no-merges',
  '--relative',
  '--format=%x00%x00%H%x00%cI%x00%aN',
  '--',
  '.',
] as const;

/**
 * Reads the history of every file in the content folder, or `undefined` when the folder is not in
 * a git repository (or git is not installed): a garden without history still builds.
 */
export async function readGardenHistory(contentDir: string, env: Environment): Promise<GardenHistory | undefined> {
  const repository = await locateInGit(contentDir, env);
  if (!repository) return undefined;
  const [log, shallow] = await Promise.all([
    runGit(GIT_LOG_ARGS, contentDir, env).catch((error: unknown) => {
      // A repository without commits has no history yet, which is not an error.
      if (error instanceof GitError && /does not have any commits|bad default revision/i.test(error.message)) return Buffer.alloc(0);
      throw error;
    }),
    gitText(['rev-parse', '--is-shallow-repository'], contentDir, env).then((answer) => answer === 'true'),
  ]);
  return { repository, shallow, ...historyFromCommits(parseGitLog(log)) };
}

/** Parses the NUL-separated output of `git log` with `GIT_LOG_ARGS` (see there for its shape). */
export function parseGitLog(output: Buffer | string): LoggedCommit[] {
  const tokens = (typeof output === 'string' ? output : output.toString('utf8')).split('\0');
  const commits: LoggedCommit[] = [];
  let i = 0;
  while (i < tokens.length) {
    // Empty fields between commits (the two NULs that start each one); nothing else is empty.
    if (tokens[i] === '') {
      i++;
      continue;
    }
    const hash = tokens[i++] ?? '';
    const date = tokens[i++] ?? '';
    const author = tokens[i++] ?? '';
    const changes: LoggedCommit['changes'] = [];
    while (i < tokens.length && tokens[i] !== '') {
      // git puts a newline between a commit's header and its first change.
      const status = tokens[i++]!.replace(/^\n/, '');
      if (status[0] === 'R' || status[0] === 'C') {
        const from = tokens[i++] ?? '';
        const path = tokens[i++] ?? '';
        changes.push({ status, path: normalisePath(path), from: normalisePath(from) });
      } else {
        changes.push({ status, path: normalisePath(tokens[i++] ?? '') });
      }
    }
    commits.push({ hash, date, author: author.trim(), changes });
  }
  return commits;
}

/** Paths as the scan names them: NFC (macOS may commit decomposed names). */
function normalisePath(path: string): string {
  return path.normalize('NFC');
}

interface Accumulator {
  created: string;
  updated: string;
  createdBy: string;
  updatedBy: string;
  commits: number;
  contributors: Map<string, { commits: number; order: number }>;
  previousPaths: ContentPath[];
}

/**
 * Folds commits, newest first, into per-file histories keyed by each file's current path.
 * Walking back in time, `identity` maps a path as it was then to the file it is now: a rename
 * points the old path at the renamed file; an addition or deletion ends that path's line, so an
 * older, unrelated file that once had the same name is not mixed in.
 */
export function historyFromCommits(commits: readonly LoggedCommit[]): Pick<GardenHistory, 'files' | 'changes'> {
  const identity = new Map<string, string | null>();
  const current = (path: string): string | null => (identity.has(path) ? identity.get(path)! : path);
  const files = new Map<string, Accumulator>();
  const changes: FileChange[] = [];

  const record = (path: string, commit: LoggedCommit, kind: ChangeKind, from?: string) => {
    let file = files.get(path);
    if (!file) {
      file = {
        created: commit.date,
        updated: commit.date,
        createdBy: commit.author,
        updatedBy: commit.author,
        commits: 0,
        contributors: new Map(),
        previousPaths: [],
      };
      files.set(path, file);
    }
    // Commits arrive newest first: each one is older than what was seen so far.
    file.created = commit.date;
    file.createdBy = commit.author;
    file.commits++;
    const contributor = file.contributors.get(commit.author);
    // `order` ends as the contributor's oldest commit index: earlier contributors rank first on ties.
    if (contributor) {
      contributor.commits++;
      contributor.order = file.commits;
    } else file.contributors.set(commit.author, { commits: 1, order: file.commits });
    changes.push({
      path: asContentPath(path),
      kind,
      ...(from === undefined ? {} : { from: asContentPath(from) }),
      commit: commit.hash,
      date: commit.date,
      author: commit.author,
    });
  };

  for (const commit of commits) {
    for (const change of commit.changes) {
      const kind = change.status[0];
      if (kind === 'D') {
        if (!identity.has(change.path)) identity.set(change.path, null);
        continue;
      }
      const path = current(change.path);
      if (kind === 'R' && change.from !== undefined) {
        identity.set(change.path, null);
        identity.set(change.from, path);
        if (path === null) continue;
        record(path, commit, 'renamed', change.from);
        const file = files.get(path)!;
        if (change.from !== path && !file.previousPaths.includes(asContentPath(change.from)))
          file.previousPaths.push(asContentPath(change.from));
      } else if (kind === 'A' || kind === 'C') {
        identity.set(change.path, null);
        if (path !== null) record(path, commit, 'added');
      } else if (path !== null) {
        record(path, commit, 'modified');
      }
    }
  }

  const result = new Map<ContentPath, FileHistory>();
  for (const [path, file] of files) {
    result.set(asContentPath(path), {
      created: file.created,
      updated: file.updated,
      createdBy: file.createdBy,
      updatedBy: file.updatedBy,
      commits: file.commits,
      contributors: [...file.contributors]
        .sort(([, a], [, b]) => b.commits - a.commits || b.order - a.order)
        .map(([name, { commits }]) => ({ name, commits })),
      previousPaths: file.previousPaths,
    });
  }
  return { files: result, changes };
}
