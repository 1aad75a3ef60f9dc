import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
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

/**
 * Builds the garden in `contentDir` exactly as `GARDEN_CONTENT=… npm run build` does, in its own
 * process (one build per process, as for a user), into a fresh folder.
 */
export async function buildSite(contentDir: string, env: Record<string, string> = {}): Promise<BuiltSite> {
  mkdirSync(sitesDir, { recursive: true });
  const dist = mkdtempSync(path.join(sitesDir, 'site-'));
  const { stdout, stderr } = await promisify(execFile)(astro, ['build', '--outDir', dist], {
    cwd: projectRoot,
    env: { ...process.env, GARDEN_CONTENT: contentDir, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { dist, output: stdout + stderr };
}
