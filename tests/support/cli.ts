import { runCli } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { isolatedGitEnv } from './git-repo.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `garden` command in this process, as `npx garden …` would in `cwd`, with output
 * captured (not a terminal, so no colours or progress) and a fixed clock.
 */
export async function runGarden(
  argv: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; now?: Date },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd: options.cwd,
    env: { ...isolatedGitEnv, PATH: process.env.PATH, ...options.env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => options.now ?? new Date(2024, 4, 31, 9, 30),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
