import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { buildGraphJson } from '../../src/core/graph/graph-json.ts';
import { updateGarden } from '../../src/core/build/update.ts';

function garden(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-update-'));
  for (const [file, content] of Object.entries(files)) write(dir, file, content);
  return dir;
}

function write(dir: string, file: string, content: string): string {
  const absolute = path.join(dir, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  return absolute;
}

/** What a page shows of the garden: graph, backlinks and problems. */
function snapshot(loaded: Garden) {
  return {
    // Positions are the layout's business, not the update's: every note at the origin.
    graph: buildGraphJson(loaded, new Map([...loaded.index.bySlug.keys()].map((slug) => [slug, { x: 0, y: 0 }]))),
    backlinks: [...loaded.index.backlinks].sort(),
    diagnostics: loaded.diagnostics.map((d) => `${d.file}:${d.at?.line} ${d.rule}`),
  };
}

describe('updateGarden (the dev server after an edit)', () => {
  it('gives the same garden as a full load after edits, additions and deletions', async () => {
    const dir = garden({
      'a.md': '# A\n\nPlain.',
      'b.md': '# B\n\nSee [[A]].',
      'c/d.md': '# D\n\nSee [[Missing]].',
      'img.png': 'PNG',
    });
    const config = resolveGardenConfig({ content: dir }, {});
    let current = await loadGarden(config, { keepScan: true });
    const edits: [string, () => string][] = [
      ['link from a to d', () => write(dir, 'a.md', '# A\n\nNow links to [[d]] and ![[img.png]].')],
      ['a new note', () => write(dir, 'c/e.md', '# E\n\nMentions [[B]].')],
      [
        'a deleted note',
        () => {
          rmSync(path.join(dir, 'b.md'));
          return path.join(dir, 'b.md');
        },
      ],
      ['the missing note created', () => write(dir, 'Missing.md', '# Missing\n\nHere now.')],
      ['broken frontmatter', () => write(dir, 'c/d.md', '---\ntitle: [broken\n---\n# D\n\nSee [[Missing]].')],
    ];
    for (const [label, edit] of edits) {
      const changed = edit();
      current = await updateGarden(current, [changed]);
      const full = await loadGarden(config);
      expect(snapshot(current), label).toEqual(snapshot(full));
    }
    expect(current.index.backlinks.get('c/d' as never)?.map((backlink) => backlink.source)).toEqual(['a']);
  });

  it('parses again only the notes that changed', async () => {
    const dir = garden({ 'a.md': '# A', 'b.md': '# B\n\n[[A]]' });
    const before = await loadGarden(resolveGardenConfig({ content: dir }, {}), { keepScan: true });
    const treeOfB = before.index.byPath.get('b.md' as never)!.tree;
    const after = await updateGarden(before, [write(dir, 'a.md', '# A, edited')]);
    expect(after.index.byPath.get('b.md' as never)!.tree).toBe(treeOfB);
    expect(after.index.byPath.get('a.md' as never)!.title).toBe('A, edited');
  });

  it('falls back to a full load when a hidden or ignored file changes', async () => {
    const dir = garden({ 'a.md': '# A', 'templates/t.md': '# T' });
    const before = await loadGarden(resolveGardenConfig({ content: dir }, {}), { keepScan: true });
    const after = await updateGarden(before, [write(dir, '.obsidian/publish.json', JSON.stringify({ excluded: ['a.md'] }))]);
    expect([...after.index.byPath.keys()]).toEqual([]);
  });
});
