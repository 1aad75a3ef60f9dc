import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { buildGraphJson } from '../../src/core/graph/graph-json.ts';

/** Every file under `dir`, relative POSIX path → text. */
export function filesUnder(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, absolute).split(path.sep).join('/')] = readFileSync(absolute, 'utf8');
  }
  return result;
}

/**
 * What a rename must keep: the problems `garden check` reports (file, severity and rule of each)
 * and `graph.json`'s edges and unresolved links, by note path; `rename` maps paths from before a
 * move to after it, so that the two sides compare.
 */
export async function gardenState(content: string, rename: (file: string) => string = (file) => file) {
  const garden = await loadGarden(resolveGardenConfig({}, { GARDEN_CONTENT: content }, path.dirname(content)));
  const graph = buildGraphJson(garden, new Map([...garden.index.bySlug.keys()].map((slug) => [slug, { x: 0, y: 0 }])));
  const pathOf = new Map(graph.nodes.map((node) => [node.slug, node.path as string]));
  return {
    problems: garden.diagnostics.map((diagnostic) => `${rename(diagnostic.file)} ${diagnostic.severity} ${diagnostic.rule}`).sort(),
    edges: graph.edges.map((edge) => `${rename(pathOf.get(edge.source)!)} → ${rename(pathOf.get(edge.target)!)} (${edge.kind})`).sort(),
    unresolved: graph.unresolved.map((link) => `${rename(pathOf.get(link.source)!)} ${link.target}`).sort(),
  };
}

/** Old content path → new one, for a move of `from` (a file or a folder) to `to`. */
export const renamer = (from: string, to: string) => (file: string) =>
  file === from ? to : file.startsWith(`${from}/`) ? `${to}${file.slice(from.length)}` : file;
