import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';

/** An outside world whose standard output fails on write, as a closed pipe or a full disk does. */
function brokenStdout(): { io: CliIO; stderr: () => string } {
  let stderr = '';
  const io: CliIO = {
    cwd: '/nowhere',
    env: {},
    stdout: {
      write: () => {
        throw new Error('EPIPE: broken pipe');
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    now: () => new Date(2024, 4, 31),
  };
  return { io, stderr: () => stderr };
}

describe('exit codes', () => {
  it('tells a crash (70, a bug) from a usage error (2)', async () => {
    const crashed = brokenStdout();
    expect(await runCli(['check', '--help'], crashed.io)).toBe(70);
    expect(crashed.stderr()).toContain('garden: unexpected failure:');
    expect(crashed.stderr()).toContain('EPIPE: broken pipe');
    expect(crashed.stderr()).toContain('This is a bug in the garden');

    const misused = brokenStdout();
    expect(await runCli(['chekc'], misused.io)).toBe(2);
    expect(misused.stderr()).toContain('Did you mean "check"?');
  });
});
