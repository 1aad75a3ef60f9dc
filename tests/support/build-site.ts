import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
 * Builds the garden in `contentDir` exactly as `GARDEN_CONTENT=… npm run build` does, in its own
 * process (one build per process, as for a user), into a fresh temporary folder.
 */
export async function buildSite(contentDir: string, env: Record<string, string> = {}): Promise<BuiltSite> {
  const dist = mkdtempSync(path.join(tmpdir(), 'garden-site-'));
  const { stdout, stderr } = await promisify(execFile)(astro, ['build', '--outDir', dist], {
    cwd: projectRoot,
    env: { ...process.env, GARDEN_CONTENT: contentDir, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { dist, output: stdout + stderr };
}
