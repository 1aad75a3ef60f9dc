import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Printer, Progress, wantsColor } from '../../src/cli/io.ts';
import { projectRoot } from '../support/build-site.ts';

const run = promisify(execFile);
const bin = path.join(projectRoot, 'bin', 'garden.js');
const pinnedNode = path.join(projectRoot, 'node_modules', '.bin', 'node');
const env = { ...process.env, NO_COLOR: '1' };
const pinnedVersion = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', 'node', 'package.json'), 'utf8')).version as string;

/**
 * The PATH a contributor's shell has: without the `node_modules/.bin` folders that `npm test` puts
 * first, so that `npx` and `npm` run on the machine's own Node (20 here), as they do for a person.
 */
const systemPath = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((dir) => !dir.split(path.sep).includes('node_modules'))
  .join(path.delimiter);
const systemNode = systemPath
  .split(path.delimiter)
  .map((dir) => path.join(dir, 'node'))
  .find((candidate) => existsSync(candidate));
const systemNodeVersion = systemNode ? execFileSync(systemNode, ['--version'], { encoding: 'utf8' }).trim() : undefined;

describe('the garden bin', () => {
  it("runs as `npx garden` from the project (npm runs the package's own bin)", async () => {
    const { stdout } = await run('npx', ['--no-install', 'garden', '--help'], { cwd: projectRoot, env });
    expect(stdout).toContain('Usage: garden <command> [options]');
    for (const command of ['new', 'check', 'diff']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.skipIf(!existsSync('/usr/bin/node'))("hands over to the project's pinned Node when started by the system's", async () => {
    const { stdout } = await run('/usr/bin/node', [bin, '--version'], { cwd: projectRoot, env });
    expect(stdout.trim()).toBe(`knowledge-garden 0.1.0 (Node.js v${pinnedVersion})`);
  });

  // The first thing a contributor sees must be the command's output, not a wall of npm warnings.
  it.skipIf(!systemNode || systemNodeVersion?.startsWith(`v${pinnedVersion.split('.')[0]}.`))(
    "prints no engine warnings under the system's older Node, and still runs on the pinned one (npx and npm run)",
    async () => {
      // A contributor's shell: no variables from the npm that runs the tests, and a first `npx` (the
      // first run links the project into npx's cache, and that is when npm checks `engines`).
      const shell = {
        ...Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('npm_'))),
        PATH: systemPath,
        npm_config_cache: mkdtempSync(path.join(tmpdir(), 'garden-npm-cache-')),
      };
      onTestFinished(() => rmSync(shell.npm_config_cache, { recursive: true, force: true }));
      // npm itself runs on the system's Node…
      expect((await run('node', ['--version'], { cwd: projectRoot, env: shell })).stdout.trim()).toBe(systemNodeVersion);

      const help = await run('npx', ['garden', '--help'], { cwd: projectRoot, env: shell });
      expect(help.stdout).toContain('Usage: garden <command> [options]');
      expect(help.stderr).not.toMatch(/EBADENGINE|npm warn/i);

      // …and the garden on the pinned one.
      const version = await run('npx', ['garden', '--version'], { cwd: projectRoot, env: shell });
      expect(version.stdout.trim()).toBe(`knowledge-garden 0.1.0 (Node.js v${pinnedVersion})`);
      expect(version.stderr).not.toMatch(/EBADENGINE|npm warn/i);

      const script = await run('npm', ['run', 'garden', '--', '--version'], { cwd: projectRoot, env: shell });
      expect(script.stdout).toContain(`knowledge-garden 0.1.0 (Node.js v${pinnedVersion})`);
      expect(script.stderr).not.toMatch(/EBADENGINE|npm warn/i);
    },
  );

  it('exits 2 on a usage error, through the real process', async () => {
    const failure = await run(pinnedNode, [bin, 'chek'], { cwd: projectRoot, env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('Unknown command "chek". Did you mean "check"?');
  });
});

describe('terminal output', () => {
  const tty = { write: () => true, isTTY: true, hasColors: () => true };
  const pipe = { write: () => true };

  it('colours a terminal, never a pipe, and follows NO_COLOR, FORCE_COLOR and the flags', () => {
    expect(wantsColor(tty, {}, undefined)).toBe(true);
    expect(wantsColor(pipe, {}, undefined)).toBe(false);
    expect(wantsColor(tty, { NO_COLOR: '1' }, undefined)).toBe(false);
    expect(wantsColor(pipe, { FORCE_COLOR: '1' }, undefined)).toBe(true);
    expect(wantsColor(tty, {}, false)).toBe(false);
    expect(wantsColor(pipe, {}, true)).toBe(true);
    expect(new Printer(pipe, false).paint('red', 'x')).toBe('x');
    expect(new Printer(tty, true).paint('red', 'x')).toBe('\x1b[31mx\x1b[39m');
  });

  it('shows progress on a terminal and clears it, and stays silent in a pipe or on CI', () => {
    let written = '';
    const terminal = { write: (text: string) => (written += text), isTTY: true };
    const progress = new Progress(new Printer(terminal, false), {});
    progress.update('Reading notes…');
    progress.stop();
    expect(written).toMatch(/^\r\x1b\[2K⠋ Reading notes… 0\.\d s\r\x1b\[2K$/);

    let silent = '';
    new Progress(new Printer({ write: (text: string) => (silent += text) }, false), {}).update('x');
    new Progress(new Printer({ write: (text: string) => (silent += text), isTTY: true }, false), { CI: 'true' }).update('x');
    expect(silent).toBe('');
  });
});
