import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throw-away git repository for tests: files are written under `root`, commits are made with
 * fixed identities and dates so that histories are predictable. Nothing from the user's git
 * configuration leaks in.
 */
export class TempRepo {
  readonly root: string;
  private tick = 0;

  constructor(prefix = 'garden-repo-') {
    this.root = mkdtempSync(path.join(tmpdir(), prefix));
    this.git('init', '--quiet', '--initial-branch=main');
    this.git('config', 'user.name', 'Test Author');
    this.git('config', 'user.email', 'author@example.com');
    this.git('config', 'commit.gpgsign', 'false');
  }

  /** Writes files (paths relative to the repository root), creating folders. */
  write(files: Record<string, string | Buffer>): this {
    for (const [file, text] of Object.entries(files)) {
      const absolute = path.join(this.root, file);
      mkdirSync(path.dirname(absolute), { recursive: true });
      writeFileSync(absolute, text);
    }
    return this;
  }

  /** `git mv`, creating the destination folder. */
  move(from: string, to: string): this {
    mkdirSync(path.dirname(path.join(this.root, to)), { recursive: true });
    this.git('mv', from, to);
    return this;
  }

  remove(...files: string[]): this {
    for (const file of files) rmSync(path.join(this.root, file), { recursive: true, force: true });
    return this;
  }

  /** Commits everything; each commit is one day after the previous one (from 2024-01-01). */
  commit(message: string, author: { name: string; email: string } = { name: 'Test Author', email: 'author@example.com' }): string {
    this.git('add', '--all');
    const date = new Date(Date.UTC(2024, 0, 1 + this.tick++, 12)).toISOString();
    this.git('commit', '--quiet', '--allow-empty', '-m', message, {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: date,
    });
    return this.git('rev-parse', 'HEAD');
  }

  git(...args: (string | Record<string, string>)[]): string {
    const env = args.find((arg): arg is Record<string, string> => typeof arg === 'object') ?? {};
    const argv = args.filter((arg): arg is string => typeof arg === 'string');
    return execFileSync('git', argv, {
      cwd: this.root,
      env: { ...process.env, ...isolatedGitEnv, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  path(...segments: string[]): string {
    return path.join(this.root, ...segments);
  }
}

/** Keeps the machine's and the user's git configuration out of tests. */
export const isolatedGitEnv: Record<string, string> = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
