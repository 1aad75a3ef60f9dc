import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Garden } from '../build/build.ts';

/**
 * Mermaid, which draws the notes' diagrams in the browser, published as its own prebuilt,
 * minified ES modules (an entry and its chunks, one per diagram type) instead of bundled with the
 * site's scripts: bundling it cost every build about 1.3 s and 360 MB of memory, for
 * the same files every time. A page with a diagram imports the entry (src/client/diagrams), which
 * loads only the chunks its diagrams use.
 *
 * The files live in `_garden/mermaid/<version>/` (the build owns `_garden/`, src/core/links/reserved.ts),
 * so that a new version is a new address and a reader's cache never mixes two.
 */
const mermaidPackage = createRequire(import.meta.url).resolve('mermaid/package.json');
const mermaidVersion = (JSON.parse(readFileSync(mermaidPackage, 'utf8')) as { version: string }).version;
const mermaidDist = path.join(path.dirname(mermaidPackage), 'dist');
/** The prebuilt entry's chunks, relative to `dist/`; its imports are relative to it. */
const CHUNKS = 'chunks/mermaid.esm.min';
const ENTRY = 'mermaid.esm.min.mjs';

/** The folder, relative to the site's base. */
export const DIAGRAM_CODE_DIR = `_garden/mermaid/${mermaidVersion}`;
/** The module a page imports, relative to the site's base. */
export const DIAGRAM_CODE_ENTRY = `${DIAGRAM_CODE_DIR}/${ENTRY}`;

/** Whether any note holds a diagram: only then does the site need Mermaid (an embed shows another note's diagram, which is a note too). */
export function gardenHasDiagrams(garden: Pick<Garden, 'index'>): boolean {
  for (const note of garden.index.bySlug.values())
    if (note.facts.codeLanguages.some((language) => language.toLowerCase() === 'mermaid')) return true;
  return false;
}

/** The published files, relative to DIAGRAM_CODE_DIR, each with the file it is copied from; no source maps. */
export function diagramCodeFiles(): Map<string, string> {
  const files = new Map<string, string>([[ENTRY, path.join(mermaidDist, ENTRY)]]);
  for (const name of readdirSync(path.join(mermaidDist, CHUNKS)))
    if (name.endsWith('.mjs')) files.set(`${CHUNKS}/${name}`, path.join(mermaidDist, CHUNKS, name));
  return files;
}

/** Copies Mermaid into the site when a note needs it; returns how many files. */
export async function copyDiagramCode(garden: Pick<Garden, 'index'>, outDir: string): Promise<number> {
  if (!gardenHasDiagrams(garden)) return 0;
  const files = diagramCodeFiles();
  const folder = path.join(outDir, ...DIAGRAM_CODE_DIR.split('/'));
  await fs.mkdir(path.join(folder, ...CHUNKS.split('/')), { recursive: true });
  await Promise.all([...files].map(([file, source]) => fs.copyFile(source, path.join(folder, ...file.split('/')))));
  return files.size;
}
