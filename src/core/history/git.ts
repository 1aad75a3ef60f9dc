import { spawn } from 'node:child_process';
import type { Environment } from '../config/config.ts';

/**
 * Runs git without a shell (arguments are never interpreted) and returns its raw output. Content
 * paths may hold any character, so callers ask git for NUL-separated output (`-z`) and decode it.
 * Git sees `env` (the garden's `gitEnv`: the environment its configuration was resolved from),
 * never asking for a password and speaking English, whose messages the callers recognise.
 */
export function runGit(args: readonly string[], cwd: string, env: Environment): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      env: { ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`git could not be started: ${error.message}`, args)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(Buffer.concat(err).toString('utf8').trim() || `git exited with code ${code}`, args));
    });
  });
}

export class GitError extends Error {
  override name = 'GitError';
  readonly args: readonly string[];
  constructor(message: string, args: readonly string[]) {
    super(message);
    this.args = args;
  }
}

export async function gitText(args: readonly string[], cwd: string, env: Environment): Promise<string> {
  return (await runGit(args, cwd, env)).toString('utf8').trim();
}

/** Where a folder sits in its git repository, or `undefined` when it is not in one (or git is missing). */
export interface GitLocation {
  /** Absolute path of the repository's working tree. */
  root: string;
  /** The folder's path inside the repository, POSIX, without leading or trailing slash (`''` at the root). */
  prefix: string;
}

export async function locateInGit(dir: string, env: Environment): Promise<GitLocation | undefined> {
  try {
    const [root, prefix] = (await gitText(['rev-parse', '--show-toplevel', '--show-prefix'], dir, env)).split('\n');
    if (!root) return undefined;
    return { root, prefix: (prefix ?? '').replace(/\/+$/, '') };
  } catch {
    return undefined;
  }
}
