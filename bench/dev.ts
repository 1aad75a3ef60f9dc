/**
 * Dev-server benchmark (`npm run bench -- --dev`): on a garden of N notes, how long from saving an
 * edit to the browser getting the updated page, including the backlinks of the note it links to.
 * Measured from the file write to the first response that shows the change.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { slugForNotePath } from '../src/core/links/slug.ts';
import { asContentPath } from '../src/core/common/types.ts';

export interface DevBenchResult {
  notes: number;
  startupMs: number;
  /**
   * For each edit: ms until the edited page shows it, and until the linked note's backlinks do; and
   * of that, the ms the server spent updating the garden (from its log), the rest being the file
   * watcher and rendering the page.
   */
  edits: { pageMs: number; backlinkMs: number; updateMs: number | undefined }[];
}

const root = path.resolve(import.meta.dirname, '..');

export async function benchDev(contentDir: string, edits = 3): Promise<DevBenchResult> {
  const port = 4400 + Math.floor(Math.random() * 500);
  const started = performance.now();
  const server = spawn(path.join(root, 'node_modules', '.bin', 'astro'), ['dev', '--port', String(port)], {
    cwd: root,
    env: { ...process.env, GARDEN_CONTENT: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The server logs how long each update of the garden took.
  const updates: number[] = [];
  let log = '';
  server.stdout.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    for (const match of log.matchAll(/updated the garden after \d+ changed file\(s\) in (\d+) ms/g)) updates.push(Number(match[1]));
    log = log.slice(log.lastIndexOf('\n') + 1);
  });
  try {
    const origin = `http://localhost:${port}`;
    const files = (readdirSync(contentDir, { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort();
    const pageOf = (file: string) => `${origin}/${encodePath(slugForNotePath(asContentPath(file)))}/`;
    await poll(pageOf(files[1]!), (html) => html.includes('</html>'), 300_000);
    const startupMs = performance.now() - started;
    const results: DevBenchResult['edits'] = [];
    for (let i = 0; i < edits; i++) {
      const source = files[10 + i * 37]!;
      const target = files[500 + i * 41]!;
      const marker = `edit${Date.now()}x${i}`;
      await poll(pageOf(target), (html) => html.includes('</html>'), 60_000);
      const updatesBefore = updates.length;
      const written = performance.now();
      appendFileSync(path.join(contentDir, source), `\n${marker} points at [[${path.basename(target, '.md')}]].\n`);
      await poll(pageOf(source), (html) => html.includes(marker), 60_000);
      const pageMs = performance.now() - written;
      await poll(pageOf(target), (html) => html.includes(marker), 60_000);
      results.push({ pageMs, backlinkMs: performance.now() - written, updateMs: updates[updatesBefore] });
    }
    return { notes: files.length, startupMs, edits: results };
  } finally {
    server.kill();
  }
}

function encodePath(slug: string): string {
  return slug.split('/').map(encodeURIComponent).join('/');
}

async function poll(url: string, done: (html: string) => boolean, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const html = await fetch(url)
      .then((response) => response.text())
      .catch(() => '');
    if (done(html)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${url}`);
}

export function formatDevBench(result: DevBenchResult): string {
  const lines = result.edits.map(
    (edit, i) =>
      `  edit ${i + 1}: page updated after ${edit.pageMs.toFixed(0)} ms (garden updated in ${edit.updateMs ?? '?'} ms), backlink on the linked note after ${edit.backlinkMs.toFixed(0)} ms`,
  );
  return [`\ndev server on ${result.notes} notes: ready after ${(result.startupMs / 1000).toFixed(1)} s`, ...lines].join('\n');
}
