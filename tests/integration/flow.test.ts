import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveGardenConfig } from '../../src/core/config/config.ts';
import { atomFeed } from '../../src/core/flow/feed.ts';
import { recentChanges } from '../../src/core/flow/recent-changes.ts';
import { SITEMAP_LIMIT, sitemapIndexXml, sitemapXml } from '../../src/core/flow/sitemap.ts';
import { xmlAttribute, xmlText } from '../../src/core/flow/xml.ts';
import { loadGarden, type Garden } from '../../src/core/build/build.ts';
import type { FileChange, GardenHistory } from '../../src/core/history/history.ts';
import { asContentPath } from '../../src/core/common/types.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'health');
let garden: Garden;
beforeAll(async () => {
  garden = await loadGarden(resolveGardenConfig({ content: fixture }, {}));
});

/** Newest first, as `GardenHistory.changes` is. */
const change = (file: string, kind: FileChange['kind'], date: string, author: string, commit: string, from?: string): FileChange => ({
  path: asContentPath(file),
  kind,
  date,
  author,
  commit,
  ...(from ? { from: asContentPath(from) } : {}),
});
const history = (changes: FileChange[]): GardenHistory =>
  ({ repository: { root: '/', prefix: '' }, shallow: false, files: new Map(), changes }) as unknown as GardenHistory;

describe('recent changes', () => {
  const changes = [
    change('Area one/Alpha.md', 'modified', '2024-03-02T17:00:00+01:00', 'Ana', 'c5'),
    change('Area one/Alpha.md', 'modified', '2024-03-02T09:00:00+01:00', 'Ben', 'c4'),
    change('Area two/Epsilon.md', 'modified', '2024-03-02T08:00:00+01:00', 'Ana', 'c3'),
    change('Area two/Gamma.md', 'renamed', '2024-03-01T12:00:00Z', 'Carla', 'c2', 'Gamma.md'),
    change('Area one/Alpha.md', 'added', '2024-02-01T12:00:00Z', 'Ana', 'c1'),
    change('Area two/Gamma.md', 'added', '2024-02-01T12:00:00Z', 'Ana', 'c1'),
  ];

  it('gives one entry per note and day, newest first, with everyone who changed it; drafts never appear', () => {
    const recent = recentChanges(garden.index, history(changes), 10);
    expect(recent.map((entry) => [entry.day, entry.note.title, entry.kind, entry.authors, entry.commits, entry.commit])).toEqual([
      ['2024-03-02', 'Alpha', 'updated', ['Ana', 'Ben'], 2, 'c5'],
      ['2024-03-01', 'Gamma', 'moved', ['Carla'], 1, 'c2'],
      ['2024-02-01', 'Alpha', 'created', ['Ana'], 1, 'c1'],
      ['2024-02-01', 'Gamma', 'created', ['Ana'], 1, 'c1'],
    ]);
    expect(recent[1]!.from).toBe('Gamma.md');
  });

  it('stops at the limit, and is empty without history', () => {
    expect(recentChanges(garden.index, history(changes), 2)).toHaveLength(2);
    expect(recentChanges(garden.index, undefined, 10)).toEqual([]);
  });

  it('makes an Atom feed with absolute addresses, stable ids and escaped text', () => {
    const recent = recentChanges(garden.index, history(changes), 10);
    const xml = atomFeed(recent, {
      title: 'R&D garden',
      description: 'What <we> know',
      feedUrl: 'https://example.com/feed.xml',
      pageUrl: 'https://example.com/recent/',
      noteUrl: (entry) => `https://example.com/${entry.note.slug}/`,
      fallbackUpdated: '1970-01-01T00:00:00Z',
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(xml).toContain('<title>R&amp;D garden: recent changes</title>');
    expect(xml).toContain('<subtitle>What &lt;we&gt; know</subtitle>');
    expect(xml).toContain('<updated>2024-03-02T17:00:00+01:00</updated>');
    expect(xml).toContain('<id>https://example.com/area-one/alpha/#change-c5</id>');
    expect(xml).toContain('<summary type="text">Updated by Ana, Ben (2 commits).</summary>');
    expect(xml).toContain('<summary type="text">Moved from Gamma.md by Carla.</summary>');
    expect(xml.match(/<entry>/g)).toHaveLength(4);
  });
});

describe('XML text', () => {
  it('escapes markup and drops the characters XML 1.0 forbids', () => {
    expect(xmlText('a < b & c > d\u0000\u0007\u000b ok\ttab')).toBe('a &lt; b &amp; c &gt; d ok\ttab');
    expect(xmlAttribute(`"quoted" 'too'`)).toBe('&quot;quoted&quot; &apos;too&apos;');
    expect(xmlText('emoji 🌱 and 日本語')).toBe('emoji 🌱 and 日本語');
  });
});

describe('sitemap', () => {
  it('lists addresses with their last change', () => {
    expect(
      sitemapXml([{ url: 'https://example.com/a/', lastModified: '2024-03-02T17:00:00+01:00' }, { url: 'https://example.com/b&c/' }]),
    ).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        '  <url><loc>https://example.com/a/</loc><lastmod>2024-03-02</lastmod></url>',
        '  <url><loc>https://example.com/b&amp;c/</loc></url>',
        '</urlset>',
        '',
      ].join('\n'),
    );
    expect(sitemapIndexXml(['https://example.com/sitemap-1.xml'])).toContain(
      '<sitemap><loc>https://example.com/sitemap-1.xml</loc></sitemap>',
    );
    expect(SITEMAP_LIMIT).toBe(50_000);
  });
});
