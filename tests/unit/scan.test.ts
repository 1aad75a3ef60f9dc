import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/garden/config.ts';
import { scanContent } from '../../src/garden/scan/scan.ts';

function garden(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-scan-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const scan = (dir: string, options = {}) => scanContent(resolveGardenConfig({ content: dir, ...options }, {}));

describe('scanContent', () => {
  it('reads notes and attachments and ignores hidden folders, node_modules and templates', async () => {
    const dir = garden({
      'a.md': '# A',
      'sub/b.md': '# B',
      'img/x.png': 'PNG',
      '.obsidian/app.json': '{}',
      '.git/HEAD': 'ref',
      '.github/workflows/x.md': '# no',
      'node_modules/pkg/readme.md': '# no',
      'templates/t.md': '# no',
    });
    const result = await scan(dir);
    expect(result.notes.map((note) => note.path).sort()).toEqual(['a.md', 'sub/b.md']);
    expect(result.attachments.map((attachment) => attachment.path)).toEqual(['img/x.png']);
  });

  it('honours an Obsidian vault\'s Publish exclusions and templates folder', async () => {
    const dir = garden({
      'a.md': '# A',
      '_meta/templates/t.md': '# t',
      'private/p.md': '# p',
      'Tpl/x.md': '# x',
      '.obsidian/publish.json': JSON.stringify({ excluded: ['private'] }),
      '.obsidian/templates.json': JSON.stringify({ folder: 'Tpl' }),
      '.obsidian/plugins/templater-obsidian/data.json': JSON.stringify({ templates_folder: '_meta/templates' }),
    });
    expect((await scan(dir)).notes.map((note) => note.path)).toEqual(['a.md']);
  });

  it('honours the ignore option', async () => {
    const dir = garden({ 'a.md': '# A', 'drafts/x.md': '# x', 'other.md': '# o' });
    expect((await scan(dir, { ignore: ['drafts', 'other.md'] })).notes.map((note) => note.path)).toEqual(['a.md']);
  });

  it('strips a byte-order mark and reads frontmatter after it', async () => {
    const dir = garden({ 'a.md': '\uFEFF---\ntitle: With BOM\n---\nText' });
    const [note] = (await scan(dir)).notes;
    expect(note?.frontmatter.title).toBe('With BOM');
  });

  it('reports invalid UTF-8 with its line and column, and still reads the rest', async () => {
    const dir = garden({ 'bad.md': Buffer.concat([Buffer.from('line one\nab'), Buffer.from([0xff, 0xfe]), Buffer.from('cd\n')]) });
    const result = await scan(dir);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'bad.md', rule: 'invalid-utf8', at: { line: 2, column: 3 } }));
    expect(result.notes[0]?.body).toContain('cd');
  });

  it('refuses symbolic links', async () => {
    const dir = garden({ 'a.md': '# A' });
    symlinkSync('/etc/passwd', path.join(dir, 'link.md'));
    const result = await scan(dir);
    expect(result.notes.map((note) => note.path)).toEqual(['a.md']);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'link.md', rule: 'symlink', severity: 'error' }));
  });

  it('refuses notes over the size limit: kept as unpublished notes without a body, so links to them are not broken', async () => {
    const dir = garden({ 'huge.md': 'x'.repeat(1024 * 1024 + 1) });
    const result = await scan(dir);
    expect(result.notes).toMatchObject([{ path: 'huge.md', body: '', unpublished: true, refused: true }]);
    expect(result.diagnostics[0]).toMatchObject({ rule: 'file-too-large', severity: 'error' });
  });

  it('validates fields one by one: a bad value is reported at its line and dropped, the rest kept', async () => {
    const dir = garden({ 'a.md': '---\ntitle: Fine\ntags: 5\ncreated: yesterday\ntitel: typo\ncssclasses: [wide]\n---\nBody' });
    const result = await scan(dir);
    const [note] = result.notes;
    expect(note?.frontmatter).toEqual({ title: 'Fine' });
    expect(note?.unknownKeys).toEqual(['titel', 'cssclasses']);
    const rules = result.diagnostics.map((d) => [d.rule, d.severity, d.at?.line]);
    expect(rules).toEqual([
      ['frontmatter-invalid', 'error', 3],
      ['frontmatter-invalid', 'error', 4],
      ['frontmatter-unknown-key', 'warning', 5],
      ['frontmatter-unknown-key', 'info', 6],
    ]);
    expect(result.diagnostics[2]?.message).toContain('did you mean `title`');
  });

  it('normalises aliases and tags given as one string, and reads Obsidian\'s singular spellings', async () => {
    const dir = garden({ 'a.md': '---\naliases: One, Two\ntag: "#x"\ntags: [y]\n---\n' });
    const [note] = (await scan(dir)).notes;
    expect(note?.frontmatter.aliases).toEqual(['One', 'Two']);
    expect(note?.frontmatter.tags).toEqual(['x', 'y']);
  });

  it('keeps drafts unpublished, including when a draft flag is unreadable', async () => {
    const dir = garden({
      'draft.md': '---\ndraft: true\n---\n',
      'unpublished.md': '---\npublish: false\n---\n',
      'odd-flag.md': '---\ndraft: "maybe"\n---\n',
      'broken-yaml.md': '---\ndraft: true\ntitle: [unclosed\n---\n',
      'public.md': '---\ndraft: false\n---\n',
    });
    const published = Object.fromEntries((await scan(dir)).notes.map((note) => [note.path, !note.unpublished]));
    expect(published).toEqual({ 'draft.md': false, 'unpublished.md': false, 'odd-flag.md': false, 'broken-yaml.md': false, 'public.md': true });
  });

  it('reads file names as NFC, whatever the file system stored', async () => {
    const dir = garden({ 'Cafe\u0301.md': '# Café' });
    expect((await scan(dir)).notes[0]?.path).toBe('Café.md');
  });

  it('explains a missing content folder', async () => {
    await expect(scan('/nonexistent/folder')).rejects.toThrow(/does not exist.*GARDEN_CONTENT/s);
  });
});
