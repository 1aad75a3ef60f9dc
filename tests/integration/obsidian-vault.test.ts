import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import { htmlOf } from '../support/render.ts';
import { asContentPath } from '../../src/core/common/types.ts';

/**
 * tests/fixtures/obsidian-vault is written the way Obsidian writes a vault: empty properties in
 * every form (`aliases:`, a list of one empty item `- `, `[]`), single values where lists are
 * expected (`aliases: LifeOS`, `tags: Daily, bujo`), a documentation vault's own `type: feature`,
 * Dataview-style properties, emoji in folder names (`🗂️ Index`), a 3,000-item index note, callouts
 * named by a `^id` on a lazy continuation line, and a templates folder set in `.obsidian/`.
 */
const vault = path.join(import.meta.dirname, '..', 'fixtures', 'obsidian-vault');
const note = (garden: Garden, file: string) => garden.index.byPath.get(asContentPath(file.normalize('NFC')))!;

let garden: Garden;
beforeAll(async () => {
  garden = await loadGarden(resolveGardenConfig({ content: vault }, {}));
});

describe('a vault as Obsidian writes it', () => {
  it('checks clean: no error and no warning, only notices', () => {
    expect(garden.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
    const notices = new Set(garden.diagnostics.map((diagnostic) => diagnostic.rule));
    expect([...notices].sort()).toEqual(['frontmatter-read-as', 'frontmatter-unknown-key', 'frontmatter-vault-value']);
  });

  it('publishes every note but the templates, the 3,000-item index included', () => {
    expect(garden.index.notes.map((entry) => [entry.path, entry.published]).filter(([, published]) => !published)).toEqual([]);
    expect(garden.index.notes).toHaveLength(12);
    const index = note(garden, '🗂️ Index/People Index.md');
    const html = htmlOf(garden, index);
    expect(html.match(/<li>/g)).toHaveLength(3000);
    expect(html).toContain('<li><a href="/people/grace-hopper/" class="internal">Person 0001</a>, programmer</li>');
  });

  it('gives folders with emoji clean addresses: no invisible character, no leading dash', () => {
    expect(note(garden, '🗂️ Index/People Index.md').slug).toBe('index/people-index');
    expect(note(garden, '👥 People/Ada Lovelace.md').slug).toBe('people/ada-lovelace');
    expect(note(garden, '📅 Daily/2024-01-05.md').slug).toBe('daily/2024-01-05');
    for (const entry of garden.index.notes) expect(entry.slug).toMatch(/^(?!-)[\p{Ll}\p{N}/-]*(?<!-)$/u);
  });

  it("reads empty properties as not set, single values as lists, and the vault's own values as its own", () => {
    expect(note(garden, '👥 People/Grace Hopper.md').frontmatter).toEqual({});
    expect(note(garden, '👥 People/Alan Turing.md').frontmatter).toEqual({});
    expect(note(garden, 'Life Operating System.md').frontmatter.aliases).toEqual(['LifeOS']);
    expect(note(garden, '📅 Daily/2024-01-05.md').tags).toEqual(['Daily', 'bujo', 'journal']);
    expect(note(garden, 'Project Alpha.md').frontmatter).toMatchObject({
      owner: 'Ada Lovelace, Grace Hopper',
      created: '2024-01-05',
      updated: '2024-01-06',
      aliases: ['Alpha'],
    });
    expect(note(garden, 'Project Alpha.md').frontmatter.type).toBeUndefined();
    expect(
      garden.diagnostics.find(
        (diagnostic) => diagnostic.file === 'Docs/Callouts feature.md' && diagnostic.rule === 'frontmatter-vault-value',
      )?.message,
    ).toBe(
      "`type: feature` is not one of the garden's note types (faq, idea, insight, howto, decision), so the garden does not use it; it is kept as the vault's own property.",
    );
    // An alias written as one value is a name links find the note by.
    const lifeOs = garden.index.outgoing.get(asContentPath('index.md'))!.find((link) => link.raw === 'LifeOS');
    expect(lifeOs?.resolution).toMatchObject({ kind: 'note', path: 'Life Operating System.md' });
  });

  it('embeds a callout named by an id on its lazy continuation line as the whole callout', () => {
    const html = htmlOf(garden, note(garden, 'Docs/Using callouts.md'));
    expect(html).toMatch(
      /<div class="kg-embed-content"><div class="kg-callout kg-callout-tip" data-callout="tip">\n<div class="kg-callout-title">.*<span class="kg-callout-title-text">Keep the budget<\/span><\/div>/,
    );
    expect(html).toContain('<details class="kg-callout kg-callout-warning kg-callout-foldable" data-callout="warning">');
    expect(html).toContain('<ul>\n<li>step one</li>\n<li>step two</li>\n</ul>');
    expect(html).not.toContain('^budget');
    expect(html).not.toContain('[!tip]');
  });
});
