import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serveDiagramCode } from '../../src/astro/dev-server.ts';
import type { Garden } from '../../src/core/build/build.ts';
import { ReservedOutputPaths } from '../../src/core/links/reserved.ts';
import { SiteUrls } from '../../src/core/links/urls.ts';
import { copyDiagramCode, DIAGRAM_CODE_DIR, DIAGRAM_CODE_ENTRY, diagramCodeFiles } from '../../src/core/publish/diagram-code.ts';

/**
 * Mermaid published as its prebuilt modules (src/core/publish/diagram-code.ts): the files are the
 * whole set its entry can import, the build copies them only for a garden with a diagram, at
 * reserved paths, and the dev server serves them where the build puts them. That a page draws a
 * diagram with them is tests/e2e/obsidian-features.test.ts.
 */
const gardenWith = (...languages: string[][]) =>
  ({ index: { bySlug: new Map(languages.map((codeLanguages, i) => [`note-${i}`, { facts: { codeLanguages } }])) } }) as unknown as Pick<
    Garden,
    'index'
  >;

/** The relative modules a file imports, statically or on demand. */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((match) => match[1]!);
}

describe('the published Mermaid', () => {
  it('is every module its entry can reach, and nothing else', () => {
    const files = diagramCodeFiles();
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      const source = files.get(file);
      expect(source, `${file} is imported but not published`).toBeDefined();
      for (const imported of relativeImports(readFileSync(source!, 'utf8'))) visit(path.posix.join(path.posix.dirname(file), imported));
    };
    visit('mermaid.esm.min.mjs');
    expect(reached.size).toBeGreaterThan(20);
    expect([...files.keys()].filter((file) => !reached.has(file))).toEqual([]);
    expect(DIAGRAM_CODE_ENTRY).toMatch(/^_garden\/mermaid\/\d+\.\d+\.\d+\/mermaid\.esm\.min\.mjs$/);
  });

  it('is copied only into a garden with a diagram, at paths the build reserves', async () => {
    const without = mkdtempSync(path.join(tmpdir(), 'garden-diagrams-'));
    expect(await copyDiagramCode(gardenWith(['ts'], []), without)).toBe(0);
    expect(readdirSync(without)).toEqual([]);
    const withDiagram = mkdtempSync(path.join(tmpdir(), 'garden-diagrams-'));
    const copied = await copyDiagramCode(gardenWith(['ts'], ['Mermaid']), withDiagram);
    expect(copied).toBe(diagramCodeFiles().size);
    const written = readdirSync(withDiagram, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(withDiagram, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    expect(written).toHaveLength(copied);
    expect(written).toContain(DIAGRAM_CODE_ENTRY);
    const reserved = new ReservedOutputPaths();
    expect(written.filter((file) => reserved.owner(file) === undefined)).toEqual([]);
  });

  it('is served by the dev server where the build publishes it, under the site base', async () => {
    const serve = serveDiagramCode(new SiteUrls('/handbook/'));
    const request = async (url: string) => {
      const response = new PassThrough() as PassThrough & { headers: Record<string, string>; setHeader(name: string, value: string): void };
      response.headers = {};
      response.setHeader = (name, value) => (response.headers[name] = value);
      let passedOn = false;
      serve({ url } as IncomingMessage, response as unknown as ServerResponse, () => {
        passedOn = true;
        response.end();
      });
      let body = '';
      for await (const chunk of response) body += String(chunk);
      return { passedOn, body, type: response.headers['Content-Type'] };
    };
    const entry = await request(`/handbook/${DIAGRAM_CODE_ENTRY}?v=1`);
    expect(entry.passedOn).toBe(false);
    expect(entry.type).toBe('text/javascript');
    expect(entry.body).toBe(readFileSync(diagramCodeFiles().get('mermaid.esm.min.mjs')!, 'utf8'));
    expect((await request(`/handbook/${DIAGRAM_CODE_DIR}/../../../package.json`)).passedOn).toBe(true);
    expect((await request(`/handbook/${DIAGRAM_CODE_DIR}/mermaid.esm.min.mjs.map`)).passedOn).toBe(true);
    expect((await request(`/${DIAGRAM_CODE_ENTRY}`)).passedOn).toBe(true);
  });
});
