import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseInvocation } from '../../src/cli/command.ts';
import { COMMANDS } from '../../src/cli/main.ts';
import { projectRoot } from '../support/build-site.ts';
import { runGarden } from '../support/cli.ts';

/** The GitHub workflows, parsed as GitHub parses them (YAML), and every command they run checked. */

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  needs?: string | string[];
  environment?: { name: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowsDir = path.join(projectRoot, '.github', 'workflows');
const files = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
const read = (file: string) => readFileSync(path.join(workflowsDir, file), 'utf8');
const load = (file: string) => parse(read(file)) as Workflow;
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

/** Shell words of one command line, quotes removed; stops at a redirection or a pipe. */
function words(line: string): string[] {
  const result: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const word = match[1] ?? match[2] ?? match[3]!;
    if (match[3] && /^(>>?|\||&&|;)$/.test(word)) break;
    result.push(word);
  }
  return result;
}

const commandLines = (workflow: Workflow) =>
  Object.values(workflow.jobs).flatMap((job) =>
    job.steps.flatMap((step) =>
      (step.run ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#')),
    ),
  );

describe('GitHub workflows', () => {
  it('are valid YAML with the expected workflows', () => {
    expect(files.sort()).toEqual(['deploy.yml', 'pull-request.yml']);
    for (const file of files) expect(load(file).jobs, file).toBeTypeOf('object');
  });

  it('never use pull_request_target or secrets, and never keep git credentials', () => {
    for (const file of files) {
      // What GitHub reads (comments aside may explain why).
      const parsed = JSON.stringify(load(file));
      expect(parsed, file).not.toMatch(/pull_request_target|secrets\./);
      for (const job of Object.values(load(file).jobs)) {
        for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) {
          expect(step.with?.['persist-credentials'], file).toBe(false);
          expect(step.with?.['fetch-depth'], `${file}: the history is needed`).toBe(0);
        }
      }
    }
  });

  it('check pull requests with a read-only token: check, build, knowledge diff in the job summary', () => {
    const workflow = load('pull-request.yml');
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
    // Pull requests (from forks too) never get a token to read the discussions with.
    expect(read('pull-request.yml')).not.toMatch(/GITHUB_TOKEN|github\.token|discussions:/);
    expect(commandLines(workflow)).toEqual([
      'npm ci --no-audit --no-fund',
      'npx garden check --format github',
      'npx garden fix-links --base "origin/$GITHUB_BASE_REF" --dry-run --format markdown >> "$GITHUB_STEP_SUMMARY"',
      'npm run build',
      'npx garden diff --base "origin/$GITHUB_BASE_REF" >> "$GITHUB_STEP_SUMMARY"',
    ]);
    // Build and diff run even when the check fails (but not when the run is cancelled).
    const steps = Object.values(workflow.jobs)[0]!.steps;
    expect(
      steps.filter((step) => step.run?.startsWith('npm run build') || step.run?.includes('garden diff')).map((step) => step.if),
    ).toEqual(['${{ !cancelled() }}', '${{ !cancelled() }}']);
    // The fix for links broken by renames goes into the summary only when the check failed (and
    // the command writes nothing unless a rename broke a link).
    const check = steps.find((step) => step.run?.startsWith('npx garden check'))!;
    const fix = steps.find((step) => step.run?.includes('garden fix-links'))!;
    expect((check as Step & { id?: string }).id).toBe('check');
    expect(fix.if).toBe("${{ !cancelled() && steps.check.outcome == 'failure' }}");
    expect(steps.indexOf(fix)).toBe(steps.indexOf(check) + 1);
  });

  it('deploy main to GitHub Pages, with Pages permissions only on the deploy job', () => {
    const workflow = load('deploy.yml');
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.permissions).toEqual({});
    const { build, deploy } = workflow.jobs;
    // Discussions are read with the job's own token, read-only (docs/comments.md).
    expect(build?.permissions).toEqual({ contents: 'read', discussions: 'read' });
    expect(build?.steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'))?.with).toEqual({ path: 'dist' });
    expect(deploy?.needs).toBe('build');
    expect(deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy?.environment?.name).toBe('github-pages');
    expect(deploy?.steps.map((step) => step.uses?.replace(/@.*/, ''))).toEqual(['actions/deploy-pages']);
    expect(commandLines(workflow)).toEqual(['npm ci --no-audit --no-fund', 'npm run build']);
    const env = build!.steps.find((step) => step.run === 'npm run build')!.env!;
    expect(Object.keys(env).sort()).toEqual([
      'GARDEN_BASE',
      'GARDEN_GISCUS_CATEGORY',
      'GARDEN_GISCUS_CATEGORY_ID',
      'GARDEN_GISCUS_REPO',
      'GARDEN_GISCUS_REPO_ID',
      'GARDEN_GITHUB_TOKEN',
      'GARDEN_REPOSITORY_BRANCH',
      'GARDEN_REPOSITORY_URL',
      'GARDEN_SITE',
    ]);
    // Configuration comes from repository variables, never from secrets.
    for (const value of Object.values(env)) expect(value).toMatch(/^\$\{\{ (vars\.|github\.)/);
    expect(env.GARDEN_GITHUB_TOKEN).toBe('${{ github.token }}');
  });

  it('build warm: restore the garden cache after installing and before building, and save it after a build that succeeded', () => {
    for (const file of ['deploy.yml', 'pull-request.yml']) {
      const steps = Object.values(load(file).jobs).find((job) => job.steps.some((step) => step.run === 'npm run build'))!.steps;
      const at = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);
      const install = at((step) => step.run?.startsWith('npm ci') === true);
      const restore = at((step) => step.uses?.startsWith('actions/cache/restore@') === true);
      const build = at((step) => step.run === 'npm run build');
      const save = at((step) => step.uses?.startsWith('actions/cache/save@') === true);
      // `npm ci` empties node_modules/, where the cache lives: restored after it.
      expect([install < restore, restore < build, build < save], file).toEqual([true, true, true]);
      const [restoreWith, saveWith] = [steps[restore]!.with!, steps[save]!.with!];
      // Where the build keeps its cache by default (src/core/config/config.ts).
      expect(restoreWith.path, file).toBe('node_modules/.cache/knowledge-garden');
      expect(saveWith.path, file).toBe(restoreWith.path);
      // One cache per run, restored from the latest one with the same lock file and garden code.
      expect(saveWith.key, file).toBe(restoreWith.key);
      const key = String(restoreWith.key);
      for (const input of ["'package-lock.json'", "'src/**'", "'plugins/**'", "'astro.config.mjs'"]) expect(key, file).toContain(input);
      expect(key, file).toMatch(/\$\{\{ github\.run_id \}\}$/);
      expect(key.startsWith(String(restoreWith['restore-keys'])), file).toBe(true);
      // Only a build that succeeded leaves its cache for the next one.
      expect((steps[build] as Step & { id?: string }).id, file).toBe('build');
      expect(steps[save]!.if, file).toBe("${{ !cancelled() && steps.build.outcome == 'success' }}");
    }
  });

  it('run only commands that exist in this repository, with arguments they accept', async () => {
    const lines = files.flatMap((file) => commandLines(load(file)));
    for (const line of lines) {
      const [tool, subcommand, ...args] = words(line);
      if (tool === 'npm' && subcommand === 'ci') {
        expect(existsSync(path.join(projectRoot, 'package-lock.json'))).toBe(true);
      } else if (tool === 'npm' && subcommand === 'run') {
        expect(packageJson.scripts[args[0]!], line).toBeDefined();
      } else if (tool === 'npx' && subcommand === 'garden') {
        // `npx garden` runs this package's own bin.
        expect(existsSync(path.join(projectRoot, packageJson.bin.garden!))).toBe(true);
        const [name, ...rest] = args;
        const command = COMMANDS.find((candidate) => candidate.name === name);
        expect(command, line).toBeDefined();
        expect(() => parseInvocation(command!, rest), line).not.toThrow();
        expect((await runGarden([name!, '--help'], { cwd: projectRoot })).code).toBe(0);
      } else {
        throw new Error(`A workflow runs "${line}", which this test does not know: add it here.`);
      }
    }
    expect(lines.length).toBeGreaterThanOrEqual(7);
  });

  it('pass on the example garden: the check finds no errors there', async () => {
    const result = await runGarden(['check', '--format', 'github'], { cwd: projectRoot, env: { GITHUB_WORKSPACE: projectRoot } });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('CODEOWNERS', () => {
  const rules = readFileSync(path.join(projectRoot, '.github', 'CODEOWNERS'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [pattern, ...owners] = line.split(/\s+/);
      return { pattern: pattern!, owners };
    });
  /** GitHub's rule: the last matching pattern decides. Covers the pattern forms the file uses. */
  const ownersOf = (file: string) => {
    let owners: string[] = [];
    for (const rule of rules) {
      const matches =
        rule.pattern === '*' || (rule.pattern.startsWith('/') && rule.pattern.endsWith('/') && `/${file}`.startsWith(rule.pattern));
      if (matches) owners = rule.owners;
    }
    return owners;
  };

  it("puts everything outside content/ under the maintainers' review, and leaves notes to everyone", () => {
    for (const file of [
      'src/cli/main.ts',
      'src/core/render/pipeline.ts',
      'package.json',
      'astro.config.mjs',
      '.github/workflows/deploy.yml',
      '.github/CODEOWNERS',
      'content/templates/faq.md',
    ]) {
      expect(ownersOf(file), file).toEqual(['@acme/garden-maintainers']);
    }
    for (const file of ['content/FAQ/Why a knowledge garden.md', 'content/index.md']) expect(ownersOf(file), file).toEqual([]);
  });
});
