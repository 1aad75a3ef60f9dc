import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
const astro = path.join(projectRoot, 'node_modules', '.bin', 'astro');

export interface BuiltSite {
  dist: string;
  /** What the build printed, including the garden's summary. */
  output: string;
}

/**
 * Fresh output folders live inside the project, because Astro puts a build's intermediate server
 * files in `<outDir>/.prerender/` only when the output folder is inside the project: otherwise in
 * the project's one `.astro/` folder, where two builds running at once (test files run in
 * parallel) overwrite each other's files.
 */
const sitesDir = path.join(projectRoot, 'node_modules', '.cache', 'garden-test-sites');
const KEEP_SITES_MS = 6 * 60 * 60 * 1000;

/** Removes sites built by earlier test runs (long finished), so that the folder does not grow forever. */
function pruneOldSites(): void {
  for (const name of readdirSync(sitesDir)) {
    const site = path.join(sitesDir, name);
    const modified = statSync(site, { throwIfNoEntry: false })?.mtimeMs ?? Date.now(); // another run may prune it first
    if (Date.now() - modified > KEEP_SITES_MS) rmSync(site, { recursive: true, force: true });
  }
}

/** A fresh, empty output folder for a site build. */
export function freshSiteFolder(): string {
  mkdirSync(sitesDir, { recursive: true });
  pruneOldSites();
  return mkdtempSync(path.join(sitesDir, 'site-'));
}

/**
 * Builds the garden in `contentDir` exactly as `GARDEN_CONTENT=… npm run build` does, in its own
 * process (one build per process, as for a user), into a fresh folder (or `options.dist`). A
 * failed build rejects with the error of `execFile`, whose `stdout` and `stderr` hold the output.
 */
export async function buildSite(contentDir: string, env: Record<string, string> = {}, options: { dist?: string } = {}): Promise<BuiltSite> {
  const dist = options.dist ?? freshSiteFolder();
  const { stdout, stderr } = await promisify(execFile)(astro, ['build', '--outDir', dist], {
    cwd: projectRoot,
    // Without the test runner's NODE_ENV=test, which a user's `npm run build` does not have.
    env: { ...withoutTestEnvironment(process.env), GARDEN_CONTENT: contentDir, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { dist, output: stdout + stderr };
}

function withoutTestEnvironment(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...environment };
  delete copy.NODE_ENV;
  delete copy.VITEST;
  // A token in the shell (a CI job's, a developer's) must never send a test build to the real GitHub.
  delete copy.GITHUB_TOKEN;
  delete copy.GARDEN_GITHUB_TOKEN;
  delete copy.GARDEN_GITHUB_API;
  return copy;
}
