import { describe, expect, it } from 'vitest';
import type { Heading } from '../../src/core/markdown/facts.ts';
import { Resolver, type Resolution, type ResolvableNote } from '../../src/core/links/resolver.ts';
import { asContentPath, type ContentPath } from '../../src/core/common/types.ts';

const heading = (depth: number, text: string, id: string, line = 1): Heading => ({ depth, text, id, line });

function note(path: string, extra: Partial<Omit<ResolvableNote, 'path'>> = {}): ResolvableNote {
  return { path: asContentPath(path), headings: [], blockIds: [], htmlAnchors: [], aliases: [], ...extra };
}

const notes: ResolvableNote[] = [
  note('index.md', { headings: [heading(1, 'Welcome', 'welcome')] }),
  note('Projects/Alpha.md', {
    headings: [
      heading(1, 'Alpha', 'alpha'),
      heading(2, 'Overview', 'overview'),
      heading(3, 'Details', 'details'),
      heading(2, 'Goals', 'goals'),
      heading(3, 'Details', 'details-1'),
      heading(2, 'Goals', 'goals-1'),
    ],
    blockIds: ['abc1'],
    htmlAnchors: ['legacy-anchor'],
    aliases: ['Project A'],
  }),
  note('Projects/Beta.md', { headings: [heading(2, 'Goals', 'goals')] }),
  note('Archive/Alpha.md'),
  note('Archive/Old/Alpha.md'),
  note('Zeta/Gamma.md'),
  note('Yota/Gamma.md'),
  note('Team/README.md'),
  note('Guides/index.md'),
  note('Guides/How to write.md'),
  note('Notes/Readme Tips.md'),
  note('Other/readme tips.md'),
  note('Café.md'),
  note('Unicode/Ünïcödé.md'),
  note('Meeting notes/2024-01-01 Standup.md'),
  note('folder-no-index/Child.md'),
];
const attachments = ['images/diagram.png', 'Projects/images/diagram.png', 'docs/manual.pdf'].map(asContentPath);
const resolver = new Resolver(notes, attachments);

const p = (value: string): ContentPath => asContentPath(value);
const byName = (from: string, name: string, anchor?: string) => resolver.resolveName(p(from), name, anchor);
const byUrl = (from: string, url: string) => resolver.resolveUrl(p(from), url);
const target = (resolution: Resolution) => ('path' in resolution ? resolution.path : resolution.kind);

describe('wikilinks by name (path suffix)', () => {
  it.each([
    ['exact name', 'index.md', 'Beta', 'Projects/Beta.md'],
    ['case-insensitive', 'index.md', 'beta', 'Projects/Beta.md'],
    ['.md is optional', 'index.md', 'Beta.md', 'Projects/Beta.md'],
    ['surrounding spaces are trimmed', 'index.md', '  Beta  ', 'Projects/Beta.md'],
    ['folder suffix', 'index.md', 'Projects/Beta', 'Projects/Beta.md'],
    ['folder suffix, case-insensitive', 'index.md', 'projects/BETA', 'Projects/Beta.md'],
    ['deeper suffix picks the only match', 'index.md', 'Old/Alpha', 'Archive/Old/Alpha.md'],
    ['a name with digits and spaces', 'index.md', '2024-01-01 Standup', 'Meeting notes/2024-01-01 Standup.md'],
    ['NFD input matches an NFC file name', 'index.md', 'Cafe\u0301', 'Café.md'],
    ['Unicode letters, case-folded', 'index.md', 'ÜNÏCÖDÉ', 'Unicode/Ünïcödé.md'],
    ['a folder page by its folder name (README.md)', 'index.md', 'Team', 'Team/README.md'],
    ['a folder page by its folder name (index.md)', 'index.md', 'Guides', 'Guides/index.md'],
    ['an alias', 'index.md', 'Project A', 'Projects/Alpha.md'],
    ['an alias, case-insensitive', 'index.md', 'project a', 'Projects/Alpha.md'],
    ['a relative path', 'Archive/Alpha.md', '../Projects/Beta', 'Projects/Beta.md'],
    ['a root path', 'Archive/Old/Alpha.md', '/Projects/Beta', 'Projects/Beta.md'],
    ['an attachment by file name', 'index.md', 'manual.pdf', 'docs/manual.pdf'],
  ])('%s: [[%s → %s]]', (_label, from, name, expected) => {
    expect(target(byName(from, name))).toBe(expected);
  });
});

describe('several matches: the ambiguity order', () => {
  it("prefers the note in the linking note's own folder, and reports all candidates", () => {
    const resolution = byName('Projects/Beta.md', 'Alpha');
    expect(resolution).toMatchObject({ kind: 'note', path: 'Projects/Alpha.md' });
    expect(resolution.kind === 'note' && resolution.ambiguous).toEqual(['Projects/Alpha.md', 'Archive/Alpha.md', 'Archive/Old/Alpha.md']);
  });
  it('prefers the same folder even when deeper', () => {
    expect(target(byName('Archive/Old/Notes.md', 'Alpha'))).toBe('Archive/Old/Alpha.md');
  });
  it('then the longest shared folder prefix', () => {
    expect(target(byName('Archive/Old/Deeper/Notes.md', 'Alpha'))).toBe('Archive/Old/Alpha.md');
    expect(target(byName('Archive/Other/Notes.md', 'Alpha'))).toBe('Archive/Alpha.md');
  });
  it('then the shortest path', () => {
    expect(target(byName('index.md', 'Alpha'))).toBe('Archive/Alpha.md');
  });
  it('then alphabetical order', () => {
    expect(target(byName('index.md', 'Gamma'))).toBe('Yota/Gamma.md');
  });
  it('an exact-case match wins over a case-folded one, without ambiguity', () => {
    expect(byName('index.md', 'Readme Tips')).toEqual({
      kind: 'note',
      path: 'Notes/Readme Tips.md',
      ambiguous: undefined,
      anchor: undefined,
    });
    expect(target(byName('index.md', 'readme tips'))).toBe('Other/readme tips.md');
  });
  it('with no exact-case match, the usual order decides and the link is ambiguous', () => {
    const resolution = byName('Notes/x.md', 'README TIPS');
    expect(target(resolution)).toBe('Notes/Readme Tips.md');
    expect(resolution.kind === 'note' && resolution.ambiguous?.length).toBe(2);
  });
  it('attachments follow the same order', () => {
    expect(target(byName('Projects/Alpha.md', 'diagram.png'))).toBe('Projects/images/diagram.png');
    expect(target(byName('index.md', 'diagram.png'))).toBe('images/diagram.png');
  });
});

describe('anchors', () => {
  const anchor = (resolution: Resolution) => (resolution.kind === 'note' || resolution.kind === 'self' ? resolution.anchor : undefined);
  it.each([
    ['a heading by its text', 'Overview', 'overview'],
    ['a heading, case-insensitive', 'OVERVIEW', 'overview'],
    ['the first of two equal headings', 'Goals', 'goals'],
    ['a nested heading: Goals#Details is the second Details', 'Goals#Details', 'details-1'],
    ['a nested heading: Overview#Details', 'Overview#Details', 'details'],
    ['a block id', '^abc1', '^abc1'],
    ['a block id, case-insensitive', '^ABC1', '^abc1'],
    ['a GitHub-style slug', 'goals-1', 'goals-1'],
    ['a raw HTML anchor, namespaced like the rendered page', 'legacy-anchor', 'user-content-legacy-anchor'],
  ])('%s: #%s', (_label, wanted, id) => {
    expect(anchor(byName('index.md', 'Projects/Alpha', wanted))).toMatchObject({ found: true, id });
  });
  it('a missing heading is a broken anchor with a suggestion, while the note still resolves', () => {
    const resolution = byName('index.md', 'Projects/Alpha', 'Overveiw');
    expect(resolution).toMatchObject({
      kind: 'note',
      path: 'Projects/Alpha.md',
      anchor: { found: false, wanted: 'Overveiw', suggestion: 'Overview' },
    });
  });
  it('a missing block is a broken anchor', () => {
    expect(anchor(byName('index.md', 'Projects/Alpha', '^nope'))).toMatchObject({ found: false });
  });
  it('[[#Heading]] links within the same note', () => {
    expect(byName('Projects/Alpha.md', '', 'Goals')).toEqual({
      kind: 'self',
      anchor: { found: true, id: 'goals', caseInsensitive: false },
    });
  });
  it('[[]] with neither name nor anchor is not a link', () => {
    expect(byName('index.md', '', undefined)).toEqual({ kind: 'none' });
  });
});

describe('Markdown links', () => {
  it.each([
    ['a relative path', 'Projects/Alpha.md', 'Beta.md', 'Projects/Beta.md'],
    ['a relative path upwards', 'Archive/Alpha.md', '../Projects/Beta.md', 'Projects/Beta.md'],
    ['a root-absolute path, from the content root', 'Archive/Old/Alpha.md', '/Projects/Beta.md', 'Projects/Beta.md'],
    ['without the .md extension', 'Projects/Alpha.md', 'Beta', 'Projects/Beta.md'],
    ['%20 in the path', 'index.md', 'Guides/How%20to%20write.md', 'Guides/How to write.md'],
    ['spaces, as written in <angle brackets>', 'index.md', 'Guides/How to write.md', 'Guides/How to write.md'],
    ['percent-encoded Unicode', 'index.md', 'Unicode/%C3%9Cn%C3%AFc%C3%B6d%C3%A9.md', 'Unicode/Ünïcödé.md'],
    ['a folder link (index.md)', 'index.md', 'Guides/', 'Guides/index.md'],
    ['a folder link without the slash (README.md)', 'index.md', 'Team', 'Team/README.md'],
    ['./ and a query are ignored', 'Projects/Alpha.md', './Beta.md?plain=1', 'Projects/Beta.md'],
    ['a case mismatch in the path', 'index.md', 'projects/beta.md', 'Projects/Beta.md'],
    ['a bare file name not next to the note is found by name', 'Archive/Old/Alpha.md', 'Beta.md', 'Projects/Beta.md'],
    ['an image next to the note', 'Projects/Alpha.md', 'images/diagram.png', 'Projects/images/diagram.png'],
    [
      'an image path written for a website layout, found by file name',
      'Projects/Alpha.md',
      '../../images/diagram.png',
      'Projects/images/diagram.png',
    ],
  ])('%s: (%s → %s)', (_label, from, url, expected) => {
    expect(target(byUrl(from, url))).toBe(expected);
  });
  it('keeps the anchor of a relative link', () => {
    expect(byUrl('Projects/Beta.md', 'Alpha.md#goals-1')).toMatchObject({ kind: 'note', anchor: { found: true, id: 'goals-1' } });
  });
  it('matches an anchor that differs only in case, and says so', () => {
    expect(byUrl('Projects/Beta.md', 'Alpha.md#Goals')).toMatchObject({ anchor: { found: true, id: 'goals' } });
  });
  it('resolves #fragment-only links in the same note', () => {
    expect(byUrl('Projects/Alpha.md', '#overview')).toMatchObject({ kind: 'self', anchor: { found: true, id: 'overview' } });
  });
  it('reports a folder without index.md or README.md as missing, not as a folder page', () => {
    expect(byUrl('index.md', 'folder-no-index/')).toMatchObject({ kind: 'missing', reason: 'folder-without-index' });
  });
  it('reports a missing note with a "did you mean"', () => {
    expect(byUrl('Projects/Alpha.md', 'Betta.md')).toMatchObject({ kind: 'missing', reason: 'not-found', suggestion: 'Beta' });
  });
  it('never resolves outside the content folder', () => {
    expect(byUrl('Projects/Alpha.md', '../../../etc/passwd')).toEqual({ kind: 'outside' });
    expect(byName('Projects/Alpha.md', '../../.env', undefined)).toEqual({ kind: 'outside' });
  });
  it.each(['https://example.com/a.md', 'mailto:someone@example.com', '//cdn.example.com/x.md', 'tel:+15551234'])(
    'leaves external URLs alone: %s',
    (url) => {
      expect(byUrl('index.md', url)).toEqual({ kind: 'external' });
    },
  );
  it('leaves root paths that name no file as site paths', () => {
    expect(byUrl('index.md', '/tags/')).toEqual({ kind: 'site', url: '/tags/' });
  });
});

describe('did you mean', () => {
  it('suggests a close note name for a misspelt wikilink', () => {
    expect(byName('index.md', 'Betaa')).toMatchObject({ kind: 'missing', suggestion: 'Beta' });
  });
  it('does not suggest something unrelated', () => {
    expect(byName('index.md', 'Completely different')).toMatchObject({ kind: 'missing', suggestion: undefined });
  });
});
