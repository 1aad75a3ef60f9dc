import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { asContentPath } from '../../src/core/common/types.ts';

async function gardenWith(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-404-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return loadGarden(resolveGardenConfig({ content: dir }, {}));
}

describe("a garden's own 404.md", () => {
  it('becomes the body of the page not found, not a page of its own, reported as info only', async () => {
    const garden = await gardenWith({
      'index.md': '# Home\n',
      'Welcome.md': '# Welcome\n',
      '404.md': '---\npermalink: /404.html\nlayout: default\n---\n# Page not found\n\nStart again from [[Welcome]]. ![](lost.png)\n',
      'lost.png': 'not really a picture',
    });
    const note = garden.index.notFoundNote;
    expect(note?.path).toBe('404.md');
    expect(note?.title).toBe('Page not found');
    // Out of the site's pages, the graph, search and feeds, all of which read the published notes.
    expect(note?.published).toBe(false);
    expect(garden.index.bySlug.has(note!.slug)).toBe(false);
    expect(garden.index.edges.some((edge) => edge.source === note!.slug)).toBe(false);
    // Its picture is published with the page that shows it.
    expect(garden.index.attachmentsUsed.has(asContentPath('lost.png'))).toBe(true);
    const about404 = garden.diagnostics.filter((diagnostic) => diagnostic.file === '404.md');
    expect(about404.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
    expect(about404.find((diagnostic) => diagnostic.rule === 'not-found-page')?.message).toMatch(
      /shown on the page not found \(404\.html\)/,
    );
    // Nobody links to it: its own link does not make a backlink.
    expect(garden.index.backlinks.get(garden.index.byPath.get(asContentPath('Welcome.md'))!.slug)).toBeUndefined();
  });

  it('is not used while it is a draft, and other reserved addresses stay refused', async () => {
    const garden = await gardenWith({ '404.md': '---\ndraft: true\n---\n# Lost\n', 'tags/Mine.md': '# Mine\n' });
    expect(garden.index.notFoundNote).toBeUndefined();
    expect(garden.diagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.severity} ${diagnostic.rule}`)).toContain(
      'tags/Mine.md error reserved-slug',
    );
  });
});
