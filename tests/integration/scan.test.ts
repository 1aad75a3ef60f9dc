import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { LIMITS } from '../../src/core/common/limits.ts';
import { scanContent } from '../../src/core/scan/scan.ts';

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

  it("honours an Obsidian vault's Publish exclusions and templates folder", async () => {
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
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'bad.md', rule: 'invalid-utf8', at: { line: 2, column: 3 } }),
    );
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

  it('reads fields one by one: an odd value is reported at its line with a severity that says what it costs, the rest kept', async () => {
    const dir = garden({
      'a.md': '---\ntitle: Fine\ntags: 5\ncreated: yesterday\ntitel: typo\ncssclasses: [wide]\nid: "has space"\n---\nBody',
    });
    const result = await scan(dir);
    const [note] = result.notes;
    expect(note?.frontmatter).toEqual({ title: 'Fine', tags: [] });
    expect(note?.unknownKeys).toEqual(['created', 'titel', 'cssclasses']);
    const rules = result.diagnostics.map((d) => [d.rule, d.severity, d.at?.line]);
    expect(rules).toEqual([
      ['frontmatter-invalid', 'warning', 3],
      ['frontmatter-read-as', 'info', 3],
      ['frontmatter-vault-value', 'info', 4],
      ['frontmatter-unknown-key', 'warning', 5],
      ['frontmatter-unknown-key', 'info', 6],
      ['frontmatter-invalid', 'error', 7],
    ]);
    expect(result.diagnostics.find((d) => d.rule === 'frontmatter-unknown-key')?.message).toContain('did you mean `title`');
  });

  it('warns about dates that do not exist, which Date.parse would roll over', async () => {
    const dir = garden({ 'a.md': '---\ncreated: 2024-02-30\nupdated: 2024-02-29\n---\n' });
    const result = await scan(dir);
    expect(result.diagnostics.map((d) => [d.rule, d.severity, d.at?.line, d.message])).toEqual([
      ['frontmatter-invalid', 'warning', 2, '`created: 2024-02-30` is not a real calendar date.'],
    ]);
    expect(result.notes[0]?.frontmatter).toEqual({ updated: '2024-02-29' });
  });

  it("normalises aliases and tags given as one string, and reads Obsidian's singular spellings", async () => {
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
    expect(published).toEqual({
      'draft.md': false,
      'unpublished.md': false,
      'odd-flag.md': false,
      'broken-yaml.md': false,
      'public.md': true,
    });
  });

  it('reads file names as NFC, whatever the file system stored', async () => {
    const dir = garden({ 'Cafe\u0301.md': '# Café' });
    expect((await scan(dir)).notes[0]?.path).toBe('Café.md');
  });

  it('reads one of two names that differ only in Unicode normalisation, and reports the other', async () => {
    const dir = garden({ 'Cafe\u0301.md': '# NFD', 'Caf\u00e9.md': '# NFC', 'img/Cafe\u0301.png': 'a', 'img/Caf\u00e9.png': 'b' });
    const result = await scan(dir);
    expect(result.notes.map((note) => note.path)).toEqual(['Café.md']);
    expect(result.attachments.map((attachment) => attachment.path)).toEqual(['img/Café.png']);
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['Café.md', 'duplicate-name'],
      ['img/Café.png', 'duplicate-name'],
    ]);
  });

  it('refuses names with control or bidirectional control characters, and shows them escaped', async () => {
    const dir = garden({ 'Pay\u202Efdp.exe.md': '# x', 'Tab\there.md': '# x', 'ok.md': '# ok', 'dir\u0007/inner.md': '# x' });
    const result = await scan(dir);
    expect(result.notes.map((note) => note.path)).toEqual(['ok.md']);
    expect(result.diagnostics.map((d) => [d.rule, d.message])).toEqual([
      [
        'unsafe-file-name',
        'The name "Pay\\u{202e}fdp.exe.md" contains the invisible bidirectional control character U+202E, which makes it display differently from what it is; it is not published.',
      ],
      ['unsafe-file-name', 'The name "Tab\\u{9}here.md" contains the invisible control character U+0009; it is not published.'],
      ['unsafe-file-name', 'The name "dir\\u{7}" contains the invisible control character U+0007; it is not published.'],
    ]);
  });

  it('reports control characters (a warning: they are replaced) and bidirectional controls (an error)', async () => {
    const dir = garden({ 'a.md': '# A\n\nNUL \u0000 and ESC \u001b.\n', 'b.md': '# B\n\n[[Invoice\u202Efdp.exe]]\n' });
    const result = await scan(dir);
    expect(result.diagnostics.map((d) => `${d.file}:${d.at?.line}:${d.at?.column} ${d.severity} ${d.rule}`)).toEqual([
      'a.md:3:5 warning control-character',
      'b.md:3:10 error bidi-control',
    ]);
    expect(result.diagnostics[0]?.message).toContain('2 invisible control characters (the first is U+0000)');
    expect(result.notes.find((note) => note.path === 'a.md')?.body).toBe('# A\n\nNUL \uFFFD and ESC \uFFFD.\n');
  });

  it('refuses a note beyond a text limit before parsing it, at the line that exceeds it', async () => {
    const dir = garden({ 'deep.md': `---\ntitle: Deep\n---\n${'>'.repeat(LIMITS.maxNesting + 8)} x\n` });
    const result = await scan(dir);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ rule: 'nesting-too-deep', severity: 'error', at: { line: 4, column: LIMITS.maxNesting + 1 } }),
    ]);
    expect(result.notes).toMatchObject([{ path: 'deep.md', body: '', unpublished: true, refused: true, frontmatter: { title: 'Deep' } }]);
  });

  it('refuses attachments over the size limit without reading them, and attachments that would share an address', async () => {
    const dir = garden({ 'Chart.PNG': 'a', 'chart.png': 'b', 'ok.png': 'c' });
    writeFileSync(path.join(dir, 'huge.mp4'), '');
    truncateSync(path.join(dir, 'huge.mp4'), 51 * 1024 * 1024);
    const result = await scan(dir);
    expect(result.attachments.map((attachment) => attachment.path)).toEqual(['Chart.PNG', 'ok.png']);
    expect(result.diagnostics.map((d) => `${d.file} ${d.rule}`).sort()).toEqual(['chart.png slug-collision', 'huge.mp4 file-too-large']);
  });

  it('explains a missing content folder', async () => {
    await expect(scan('/nonexistent/folder')).rejects.toThrow(/does not exist.*GARDEN_CONTENT/s);
  });
});
